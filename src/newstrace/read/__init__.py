"""The one read core: what every face (CLI, web pages, JSON API, exports) shows is built here, once, from the
stored analysis, as typed records with a `public()` JSON shape."""

from __future__ import annotations

from .articles import ANALYSED, NOT_ANALYSED, PENDING, ArticleSummary, ArticleView, article_view, summaries
from .stories import Report, StoryView, stories_of, story_view
from .trace import referenced_ids, sections

__all__ = ["ANALYSED", "NOT_ANALYSED", "PENDING", "ArticleSummary", "ArticleView", "Report", "StoryView",
           "article_view", "referenced_ids", "sections", "stories_of", "story_view", "summaries"]
