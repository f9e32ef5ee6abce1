"""The one read core: what every face (CLI, web pages, JSON API, exports) shows is built here, once, from the
stored analysis, as typed records with a `public()` JSON shape."""

from __future__ import annotations

from .articles import ANALYSED, NOT_ANALYSED, PENDING, ArticleSummary, ArticleView, article_view, summaries
from .events import EventView, event_view, events_of, iter_events, list_events
from .stories import Report, StoryView, stories_of, story_view
from .trace import referenced_ids, sections

__all__ = ["ANALYSED", "NOT_ANALYSED", "PENDING", "ArticleSummary", "ArticleView", "EventView", "Report", "StoryView",
           "article_view", "event_view", "events_of", "iter_events", "list_events", "referenced_ids", "sections",
           "stories_of", "story_view", "summaries"]
