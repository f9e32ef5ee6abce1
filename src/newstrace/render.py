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

from .analyse.categories import QUOTES
from .ingest import IngestReport
from .jobs import TraceResult
from .read.quotes import quote_view
from .records import Article, JobState
from .reuse.compare import Comparison, Passage, word_diff
from .store import SearchHit, SourceRow
from .text.dates import timestamp


def escape(text: str) -> str:
    return _escape(text)


def plural(n: int, word: str, many: str | None = None) -> str:
    """The count and the word agreeing with it: '1 pair', '2 pairs', '1,200 articles' ('many' for irregular
    plurals: plural(n, "story", "stories"))."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


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


def article_detail(article: Article, sources: list[SourceRow], boxed: bool = True) -> Iterator[Any]:
    """Metadata, then the clean text: in a box for a terminal, else plain, one paragraph a line."""
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for label, value in (("id", article.id), ("title", article.title), ("outlet", article.outlet),
                         ("author", article.author), ("published", article.published), ("url", article.url),
                         ("language", (article.language or "?") + ("" if article.analysed else " (not analysed)")),
                         ("version", f"{article.version}" + (f" (previous {short_id(article.previous_id)})"
                                                              if article.previous_id else "")),
                         ("characters", str(len(article.text))),
                         ("encoding", (article.encoding or "") + (f" ({article.encoding_note})"
                                                                   if article.encoding_note else "")),
                         ("analysed", (article.bounded() or {}).get("note"))):
        if value:
            meta.add_row(label, Text(str(value)))
    for s in sources:
        meta.add_row("seen at", Text(s.path + (f":{s.record}" if s.record else "")))
    yield meta
    if boxed:
        yield Panel(Text(article.text), title="clean text", title_align="left")
    else:
        yield Text("\nclean text:", style="bold")
        yield Text(article.text)


def search_results(query: str, hits: list[SearchHit]) -> Table:
    table = Table(title=f"{plural(len(hits), 'result')} for {query!r}", title_justify="left")
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
    dup = f" ({plural(report.duplicates, 'duplicate')})" if report.duplicates else ""
    lines: list[Any] = [
        f"[bold]Added {report.added}[/], new versions {report.versions}, unchanged {report.unchanged}{dup}, "
        f"rejected {len(report.rejected)}  [dim]({plural(report.files, 'file')}, {report.seconds:.1f} s)[/]"
    ]
    if report.skipped:
        more = len(report.skipped) - 5
        names = ", ".join(report.skipped[:5]) + (f" and {more} more" if more > 0 else "")
        skipped = plural(len(report.skipped), "file")
        lines.append(Text(f"Skipped {skipped} in folders that are not article files: {names}",
                          style="dim"))
    if report.warnings:
        lines.append("[bold yellow]Stored with warnings:[/]")
        lines.extend(Text("  " + w.line()) for w in report.warnings)
    if report.rejected:
        lines.append("[bold red]Rejected:[/]")
        lines.extend(Text("  " + r.line()) for r in report.rejected)
    return lines


def by_time(articles: list[Article]) -> list[Article]:
    """Earliest first; undated articles last, in input order."""
    order = {a.id: n for n, a in enumerate(articles)}
    return sorted(articles, key=lambda a: (timestamp(a.published) is None, timestamp(a.published) or 0, order[a.id]))


def _name(article: Article | None, article_id: str) -> str:
    if article is None:
        return short_id(article_id)
    who = article.outlet or article.origin.path.rsplit("/", 1)[-1] or short_id(article.id)
    return f"{who}: {article.title}" if article.title else who


def _source_shares(source: dict[str, Any]) -> str:
    parts = [f"{source[k]:.0%} {name}" for k, name in (("copied", "copied"), ("paraphrased", "paraphrased"),
                                                       ("shared", "shared, direction unknown"),
                                                       ("quoted", "shared quotes")) if source.get(k)]
    return ", ".join(parts) or "under 1%"


def reuse_section(result: TraceResult) -> Iterator[Any]:
    """For each traced article: what it draws from and what it shares with the direction unknown, with the
    shares its originality gives (one measure for every face), and who copies it."""
    alignments = result.sections.get("alignments")
    if alignments is None:
        return
    everything = result.by_id()
    originality = {o["article"]: o for o in result.sections.get("originality", [])}
    pairs = {(al["source"], al["target"]) for al in alignments}
    yield Text(f"\nText reuse: {plural(len(alignments), 'passage')} between {plural(len(pairs), 'pair')} of articles",
               style="bold")
    if not alignments:
        yield Text("  no copied or paraphrased passages found")
        return
    reasons: dict[tuple[str, str], dict[str, Any]] = {}
    for al in alignments:
        best = reasons.get((al["source"], al["target"]))
        if best is None or al["direction_confidence"] > best["direction_confidence"]:
            reasons[(al["source"], al["target"])] = al
    for article in by_time(result.articles):
        sources = (originality.get(article.id) or {}).get("sources", [])
        copiers = sorted({t for (s, t), al in reasons.items() if s == article.id and al["direction"] == "decided"})
        if not (sources or copiers):
            continue
        yield Text(f"  {short_id(article.id)} {_name(article, article.id)}", style="bold")
        for source in sources:
            other = _name(everything.get(source["article"]), source["article"])
            if source["share"]:
                line = Text(f"    draws from {other}: ")
                line.append(_source_shares(source), style="yellow")
                al = reasons.get((source["article"], article.id))
                if al is not None:
                    line.append(f"  [{al['direction_reason']}]", style="dim")
            elif source["shared"]:
                line = Text(f"    shares text with {other}: ")
                line.append(_source_shares(source), style="yellow")
            else:
                line = Text(f"    shares quotations with {other}: {_source_shares(source)}", style="dim")
            yield line
        for target in copiers:
            shares = next((s for s in (originality.get(target) or {}).get("sources", [])
                           if s["article"] == article.id), None)
            line = Text(f"    copied by {_name(everything.get(target), target)}")
            if shares is not None:
                line.append(": ")
                line.append(_source_shares(shares), style="cyan")
            yield line


def job_lines(jobs: list[JobState], pending: int) -> Iterator[Any]:
    """The analysis jobs, newest first, and how many articles still await analysis."""
    yield Text(f"{plural(pending, 'article')} awaiting analysis" + (" (run `newstrace analyse`)" if pending else ""),
               style="bold yellow" if pending else "bold")
    if not jobs:
        yield Text("No analysis jobs yet.", style="dim")
        return
    table = Table(title_justify="left")
    for column in ("job", "kind", "state", "step", "progress", "articles", "updated", "message"):
        table.add_column(column)
    for job in jobs:
        table.add_row(str(job.id), job.kind, job.state, job.step or "-", f"{job.done}/{job.total}",
                      str(len(job.articles)), when(job.updated_at), Text(job.message or ""))
    yield table


def direction_line(p: Passage) -> str:
    """Which article took the passage from which, how sure, and why; or that it is undecided and why."""
    al = p.alignment
    if p.taken_from is None or p.taken_by is None:
        reason = al.direction_reason.removeprefix("undecided: ")
        return f"direction undecided ({al.direction_confidence:.0%}): {reason}"
    return (f"{_who(p.taken_by)} took it from {_who(p.taken_from)} "
            f"({al.direction_confidence:.0%} sure): {al.direction_reason}")


def _who(article: Article) -> str:
    return f"{article.outlet} ({short_id(article.id)})" if article.outlet else short_id(article.id)


def comparison(c: Comparison, marks: bool = False) -> Iterator[Any]:
    """Aligned passages side by side, each under a line saying which article took it from which, how sure and
    why; words only in one article highlighted on its side (or, with `marks`, for output without colour,
    written [-like this-] on the left and {+like this+} on the right)."""
    yield Text(f"{short_id(c.first.id)} {_name(c.first, c.first.id)}", style="bold")
    yield Text(f"{short_id(c.second.id)} {_name(c.second, c.second.id)}", style="bold")
    if c.first.id == c.second.id:
        yield Text("Both ids name the same article: there is nothing to compare.")
        return
    passages = c.passages()
    if not passages:
        yield Text("No reused passages between these two articles.")
        return
    yield Text(plural(len(passages), "reused passage") + ":")
    for n, p in enumerate(passages, 1):
        al = p.alignment
        head = Text(f"\n{n}. {al.kind.replace('_', ' ')}, score {al.score:.2f}" + (", quoted" if al.quoted else "")
                    + ": ", style="bold")
        head.append(direction_line(p), style="yellow" if p.taken_from else "dim")
        yield head
        table = Table(show_lines=False, expand=True, show_header=True)
        table.add_column(short_id(c.first.id), ratio=1)
        table.add_column(short_id(c.second.id), ratio=1)
        left, right = Text(), Text()
        for tag, words in word_diff(p.first_text, p.second_text):
            if tag == "same":
                left.append(words + " ")
                right.append(words + " ")
            elif tag == "a":
                left.append(f"[-{words}-] " if marks else words + " ", style="bold red")
            else:
                right.append(f"{{+{words}+}} " if marks else words + " ", style="bold green")
        table.add_row(left, right)
        yield table
    legend = "[-left only-] {+right only+}" if marks else "red: left only, green: right only"
    yield Text(f"Words in one article only: {legend}.", style="dim")


def attribution_section(result: TraceResult, quotes: tuple[str, ...] = QUOTES) -> Iterator[Any]:
    """Each article's quotes (the attributions of the `quotes` categories, by default speech and documents) as
    trees of chains ("Vasko ← Radio Kessany ← Northern Herald"), then who is cited, grouped by canonical
    source."""
    attributions = result.sections.get("attributions")
    if attributions is None:
        return
    shown = quote_view(attributions, quotes)
    hidden = len(attributions) - len(shown)
    yield Text(f"\nAttributions: {len(attributions)}" + (f", {len(shown)} shown ({' and '.join(quotes)}; "
                                                         f"--quotes all shows every one)" if hidden else ""),
               style="bold")
    by_article: dict[str, list[dict[str, Any]]] = {}
    for att in shown:
        by_article.setdefault(att["article"], []).append(att)
    for article in by_time(result.articles):
        atts = by_article.get(article.id)
        if not atts:
            continue
        yield Text(f"  {short_id(article.id)} {_name(article, article.id)}", style="bold")
        children: dict[str | None, list[dict[str, Any]]] = {}
        for att in atts:
            children.setdefault(att["parent"], []).append(att)
        yield from _tree(children, None, 0)
        counts: dict[str, int] = {}
        for att in atts:
            if att.get("channel_link"):
                continue
            name = att["source"]["canonical"] if att["source"] else "(no source)"
            counts[name] = counts.get(name, 0) + 1
        line = Text("    sources: ", style="dim")
        line.append(", ".join(f"{name} ({n})" for name, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))),
                    style="dim")
        yield line


def _tree(children: dict[str | None, list[dict[str, Any]]], parent: str | None, depth: int) -> Iterator[Any]:
    for att in children.get(parent, []):
        yield _attribution_line(att, depth)
        yield from _tree(children, att["id"], depth + 1)


def _attribution_line(att: dict[str, Any], depth: int) -> Text:
    """One attribution: who (with the role the article gives them), what kind, the cue, who it was said to,
    and the content."""
    source = att["source"]
    who = source["canonical"] if source else "(no source)"
    kind = source["kind"] if source else "unknown"
    content = " … ".join(c["text"] for c in att["content"])
    if len(content) > 90:
        content = content[:87] + "..."
    line = Text("    " + "  " * depth + ("└ " if depth else "• "))
    line.append(who, style="magenta")
    if source and source.get("role"):
        line.append(f" ({source['role']['text']})", style="magenta")
    if source and source.get("resolution") == "unresolved":
        line.append(f" (unresolved: {source.get('note') or 'no earlier speaker'})", style="yellow")
    marks = "".join(f", {mark}" for mark, on in (("hedged", att["hedged"]), ("in quotation", att.get("in_quotation")),
                                                 ("channel", att.get("channel_link"))) if on)
    category = f"{att['category']}, " if att.get("category", "speech") != "speech" else ""
    line.append(f" [{category}{kind}, {att['type']}{marks}] ", style="dim")
    line.append(att["cue"]["text"], style="bold")
    told = att.get("addressee")
    if told:
        line.append(f" → {told['text']} ({told['kind']})", style="cyan")
    line.append(f": {content}")
    return line
