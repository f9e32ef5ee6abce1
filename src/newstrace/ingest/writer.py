"""The single writer: dedupes, versions, applies the site filter and stores prepared articles."""

from __future__ import annotations

from dataclasses import replace

from ..bounds import analysis_cut
from ..config import Settings
from ..errors import Code, Rejection
from ..records import Article, Origin
from ..store import Store
from .report import IngestReport
from .sitefilter import apply_site_filter
from .work import Result, Seen

STAGE = "newstrace.ingest.v1"


class Writer:
    def __init__(self, store: Store, settings: Settings, report: IngestReport, collect_ids: bool):
        self.store = store
        self.settings = settings
        self.report = report
        self.collect_ids = collect_ids
        self._seen_ids: set[str] = set()
        self._unindexed = 0

    def write(self, results: list[Result]) -> None:
        """Store one chunk's results in one transaction."""
        with self.store.transaction():
            for result in results:
                if isinstance(result, Rejection):
                    self.report.rejected.append(result)
                elif isinstance(result, Seen):
                    self._seen(result)
                else:
                    self._store(result)
        # Index for search every few hundred articles, while the workers prepare more: one statement for
        # many rows keeps the bulk speed, and leaving it all to the end would add it to the run's length.
        self._unindexed += len(results)
        if self._unindexed >= self.settings.commit_every:
            self.store.index_pending()
            self._unindexed = 0

    def _note(self, article_id: str, origin: Origin) -> None:
        if self.collect_ids and article_id not in self._seen_ids:
            self._seen_ids.add(article_id)
            self.report.article_ids.append(article_id)
            self.report.origins[article_id] = origin

    def _seen(self, seen: Seen) -> None:
        raw = seen.raw
        self.store.add_source(raw.raw_hash, seen.article_id, raw.origin, raw.format, raw.meta.get("url"),
                              raw.meta.get("outlet"))
        self.report.unchanged += 1
        self._note(seen.article_id, raw.origin)

    def _store(self, article: Article) -> None:
        store, report = self.store, self.report
        existing = store.article_for_raw(article.raw_hash)
        if existing is not None:  # the same raw input twice in one run
            store.add_source(article.raw_hash, existing, article.origin, article.format, article.url, article.outlet)
            report.unchanged += 1
            self._note(existing, article.origin)
            return
        before = article.text
        article, line_keys = apply_site_filter(store, article, self.settings.site_filter_min_articles)
        if article.text != before and article.analysed_chars is not None:  # lines removed: cut the new text
            article = replace(article, analysed_chars=analysis_cut(article.text, self.settings.analyse_max_chars))
        if not article.text:
            report.rejected.append(Rejection(article.origin.label(), Code.NO_TEXT,
                                             "no article text left after removing the outlet's recurring lines"))
            return
        if store.has_article(article.id):
            store.add_source(article.raw_hash, article.id, article.origin, article.format, article.url,
                             article.outlet)
            report.unchanged += 1
            report.duplicates += 1
            self._note(article.id, article.origin)
            return
        latest = store.latest_version(article.locator) if article.locator else None
        if latest is not None:
            article = replace(article, version=latest[1] + 1, previous_id=latest[0])
        store.insert_article(article, STAGE)
        store.add_source(article.raw_hash, article.id, article.origin, article.format, article.url, article.outlet)
        if line_keys and article.outlet:
            store.count_lines(article.outlet, line_keys)
        if latest is not None:
            report.versions += 1
        else:
            report.added += 1
        self._warn(article)
        self._note(article.id, article.origin)

    def _warn(self, article: Article) -> None:
        where = article.origin.label()
        if article.encoding_note:
            self.report.warnings.append(Rejection(where, Code.ENCODING_GUESSED,
                                                  f"stored as {article.encoding}: {article.encoding_note}"))
        bound = article.bounded()
        if bound is not None:
            self.report.warnings.append(Rejection(where, Code.ANALYSIS_BOUNDED, bound["note"]))
