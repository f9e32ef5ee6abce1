"""Terminal renderings of library results (rich renderables; the CLI prints them). Article text is data,
never markup: everything from an article goes through Text or `escape`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from rich.markup import escape as _escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .ingest import IngestReport
from .ingest.dates import timestamp
from .jobs import TraceResult
from .records import Article
from .store import SearchHit, SourceRow


def escape(text: str) -> str:
    return _escape(text)


def short_id(article_id: str) -> str:
    return article_id[:12]


def when(published: str | None) -> str:
    """A publication time in 16 characters: day and minute, as the source gave it."""
    return published[:16].replace("T", " ") if published else "-"


def article_summary(article: Article) -> dict[str, Any]:
    data = article.public()
    data.pop("text")
    data["words"] = len(article.text.split())
    return data


def article_table(articles: list[Article], title: str) -> Table:
    table = Table(title=title, title_justify="left", expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", style="magenta", max_width=18)
    table.add_column("title", ratio=1)
    table.add_column("words", justify="right")
    table.add_column("lang")
    for a in articles:
        lang = a.language or "?"
        table.add_row(short_id(a.id), when(a.published), Text(a.outlet or "-"), Text(a.title or "(untitled)"),
                      str(len(a.text.split())), lang if a.analysed else f"{lang}*")
    if any(not a.analysed for a in articles):
        table.caption = "* stored, not analysed (language not in analyse_languages)"
    return table


def article_detail(article: Article, sources: list[SourceRow]) -> Iterator[Any]:
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for label, value in (("id", article.id), ("title", article.title), ("outlet", article.outlet),
                         ("author", article.author), ("published", article.published), ("url", article.url),
                         ("language", (article.language or "?") + ("" if article.analysed else " (not analysed)")),
                         ("version", f"{article.version}" + (f" (previous {short_id(article.previous_id)})"
                                                              if article.previous_id else "")),
                         ("characters", str(len(article.text)))):
        if value:
            meta.add_row(label, Text(str(value)))
    for s in sources:
        meta.add_row("seen at", Text(s.path + (f":{s.record}" if s.record else "")))
    yield meta
    yield Panel(Text(article.text), title="clean text", title_align="left")


def search_results(query: str, hits: list[SearchHit]) -> Table:
    table = Table(title=f"{len(hits)} results for {query!r}", title_justify="left")
    table.add_column("id", style="cyan")
    table.add_column("outlet", style="magenta")
    table.add_column("title / snippet", overflow="fold")
    for hit in hits:
        body = Text(hit.article.title or "(untitled)", style="bold")
        body.append("\n")
        body.append_text(_snippet(hit.snippet))
        table.add_row(short_id(hit.article.id), Text(hit.article.outlet or "-"), body)
    return table


def _snippet(snippet: str) -> Text:
    """FTS5 marks matches with [ and ]; show them highlighted, everything else as plain text."""
    text = Text()
    for n, part in enumerate(re.split(r"\[([^\]]*)\]", snippet.replace("\n", " "))):
        text.append(part, style="bold yellow" if n % 2 else None)
    return text


def ingest_summary(report: IngestReport) -> list[Any]:
    dup = f" ({report.duplicates} duplicate{'s' if report.duplicates != 1 else ''})" if report.duplicates else ""
    lines: list[Any] = [
        f"[bold]Added {report.added}[/], new versions {report.versions}, unchanged {report.unchanged}{dup}, "
        f"rejected {len(report.rejected)}  [dim]({report.files} files, {report.seconds:.1f} s)[/]"
    ]
    if report.skipped:
        more = len(report.skipped) - 5
        names = ", ".join(report.skipped[:5]) + (f" and {more} more" if more > 0 else "")
        lines.append(Text(f"Skipped {len(report.skipped)} file(s) in folders that are not article files: {names}",
                          style="dim"))
    if report.rejected:
        lines.append("[bold red]Rejected:[/]")
        lines.extend(Text("  " + r.line()) for r in report.rejected)
    return lines


def by_time(articles: list[Article]) -> list[Article]:
    """Earliest first; undated articles last, in input order."""
    order = {a.id: n for n, a in enumerate(articles)}
    return sorted(articles, key=lambda a: (timestamp(a.published) is None, timestamp(a.published) or 0, order[a.id]))


def trace_report(result: TraceResult) -> Iterator[Any]:
    articles = result.articles
    yield article_table(by_time(articles), f"{len(articles)} articles traced, earliest first")
    shared = [(a, s) for a in articles if len(s := result.sources.get(a.id, [])) > 1]
    if shared:
        yield Text("\nThe same article reached from several inputs:", style="bold")
        for article, sources in shared:
            places = ", ".join(s.path + (f":{s.record}" if s.record else "") for s in sources)
            yield Text(f"  {short_id(article.id)} {article.title or '(untitled)'}: {places}")
    skipped = [a for a in articles if not a.analysed]
    if skipped:
        yield Text(f"\nStored but not analysed ({len(skipped)}):", style="bold")
        for a in skipped:
            yield Text(f"  {short_id(a.id)} {a.title or '(untitled)'}: {a.skip_reason}")
