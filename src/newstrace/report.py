"""Terminal renderings of provenance: one article with each sentence marked by origin (`newstrace report`),
and the originality part of the `trace` report. Article text is data, never markup: it only goes into Text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.table import Table
from rich.text import Text

from . import render
from .analyse.categories import QUOTES
from .jobs import TraceResult
from .provenance.origins import LABELS
from .read import ArticleView
from .read.figures import NAMES, share_parts, taken_percent
from .read.quotes import quote_view
from .records import Article
from .render import _name, _source_shares, _tree, by_time, plural, short_id, when

STYLES = {"copied": "bold red", "paraphrased": "dark_orange", "shared": "yellow", "shared_quote": "magenta",
          "attributed": "cyan", "original": ""}
MARKS = {"copied": "C", "paraphrased": "P", "shared": "S", "shared_quote": "Q", "attributed": "A", "original": ""}

CLASSES = {"wholly_derived": "wholly derived", "partially_derived": "partially derived",
           "non_derived": "non-derived"}


def legend(marks: bool) -> Text:
    line = Text("Sentences: ", style="dim")
    for label in LABELS:
        name = NAMES[label]
        if marks:
            line.append(f"[{MARKS[label]}] {name}  " if MARKS[label] else f"unmarked: {name}", style="dim")
        else:
            line.append(name, style=STYLES[label] or "default")
            line.append("  ")
    return line


def article_report(view: ArticleView, marks: bool = False, quotes: tuple[str, ...] = QUOTES) -> Iterator[Any]:
    """The article's text, each sentence marked by origin, then where it draws from, its quotes (attributions of
    the `quotes` categories, by default speech and documents)."""
    article = view.article
    others = view.others()
    yield Text(f"{article.title or '(untitled)'}", style="bold")
    yield Text(f"{article.id}  {article.outlet or '-'}  {when(article.published)}", style="dim")
    if not article.analysed:
        yield Text(f"Not analysed: {article.skip_reason}")
        return
    if view.originality is None:
        yield Text("Analysis pending: run `newstrace analyse` (or wait for the running job).", style="bold yellow")
        return
    yield legend(marks)
    yield from _marked_text(article, view.sentences, others, marks)
    yield from _originality(view.originality, others)
    found = view.discrepancies
    if found:
        yield Text(f"\nDiscrepancies ({len(found)}):", style="bold")
        yield from discrepancy_lines(found, {article.id: article, **others})
    atts = quote_view(view.attributions, quotes)
    if atts:
        hidden = len(view.attributions) - len(atts)
        yield Text(f"\nAttributions ({len(atts)}" + (f" of {len(view.attributions)}: {' and '.join(quotes)}; "
                                                    f"--quotes all shows every one" if hidden else "")
                   + "), as chains:", style="bold")
        children: dict[str | None, list[dict[str, Any]]] = {}
        for att in atts:
            children.setdefault(att["parent"], []).append(att)
        yield from _tree(children, None, 0)


def _marked_text(article: Article, sentences: list[dict[str, Any]], others: dict[str, Article],
                 marks: bool) -> Iterator[Any]:
    """Paragraph by paragraph; under each, a note for each copied or paraphrased sentence saying from where."""
    text = article.text
    paragraph = Text()
    notes: list[Text] = []
    position = 0
    for sentence in sentences:
        start, end = sentence["span"]
        gap = text[position:start]
        if "\n" in gap:
            yield paragraph
            yield from notes
            paragraph, notes = Text(), []
            gap = gap.rsplit("\n", 1)[1]
        paragraph.append(gap)
        label = sentence["label"]
        if marks and MARKS[label]:
            paragraph.append(f"[{MARKS[label]}] ")
        paragraph.append(text[start:end], style=STYLES[label] if not marks else "")
        if label in ("copied", "paraphrased", "shared", "shared_quote"):
            source = sentence["evidence"][0]
            a, b = source["source_span"]
            other = others.get(source["from"])
            excerpt = other.text[a:b] if other else ""
            how = "shared with" if label in ("shared", "shared_quote") else "from"
            note = Text(f"    {MARKS[label]}: {NAMES[label]} {how} {_name(other, source['from'])}",
                        style="dim")
            if excerpt:
                note.append(f" [{a}:{b}] “{excerpt[:100]}{'…' if len(excerpt) > 100 else ''}”", style="dim")
            if all(n.plain != note.plain for n in notes):  # one passage over several sentences: one note
                notes.append(note)
        position = end
    yield paragraph
    yield from notes


def share_line(shares: dict[str, Any]) -> str:
    """Every label's share of the article, in whole percentages that add up to 100."""
    return ", ".join(f"{n}% {name}" for _, name, n in share_parts(shares))


def _originality(shares: dict[str, Any], others: dict[str, Article]) -> Iterator[Any]:
    line = Text("\nOriginality: ", style="bold")
    line.append(f"{CLASSES[shares['class']]} ({taken_percent(shares)}% taken). ")
    line.append(share_line(shares), style="dim")
    yield line
    for source in shares["sources"]:
        verb = "draws on" if source["share"] else "shares text with" if source.get("shared") else \
            "shares quotations with"
        row = Text(f"  {verb} {_name(others.get(source['article']), source['article'])}: ")
        row.append(_source_shares(source), style="yellow")
        if source["credit"]:
            row.append(f"  credited as {source['credit']}", style="green")
        elif source["share"]:
            row.append("  not credited", style="bold red")
        yield row


def originality_section(result: TraceResult) -> Iterator[Any]:
    """The least original traced articles first, and every article that reuses another without saying so."""
    shares = result.sections.get("originality")
    if not shares:
        return
    everything = result.by_id()
    order = {a.id: n for n, a in enumerate(by_time(result.articles))}
    yield Text("\nOriginality, least original first:", style="bold")
    for item in sorted(shares, key=lambda o: (-o["derived"], order.get(o["article"], 0))):
        article = everything.get(item["article"])
        line = Text(f"  {short_id(item['article'])} {_name(article, item['article'])}: ")
        line.append(f"{CLASSES[item['class']]}", style="yellow" if item["derived"] else "green")
        line.append(f": {share_line(item)}", style="dim")
        yield line
    takers: dict[str, list[float]] = {}
    for item in shares:
        for source in item["sources"]:
            if source["share"]:
                takers.setdefault(source["article"], []).append(source["share"])
    if takers:
        yield Text("\nMost reused sources:", style="bold")
        for source_id, taken in sorted(takers.items(), key=lambda kv: (-len(kv[1]), -sum(kv[1])))[:5]:
            yield Text(f"  {_name(everything.get(source_id), source_id)}: taken up by "
                       f"{plural(len(taken), 'article')} (up to {max(taken):.0%} of one)")
    uncredited = [(item, source) for item in shares for source in item["sources"]
                  if not source["credited"] and source["share"]]
    if uncredited:
        yield Text("\nReuse without credit:", style="bold")
        for item, source in uncredited:
            yield Text(f"  {_name(everything.get(item['article']), item['article'])} takes {source['share']:.0%} "
                       f"from {_name(everything.get(source['article']), source['article'])} and does not say so",
                       style="red")


KINDS = {"interval_reversed": "interval ends before it begins", "number_changed": "changed number",
         "number_updated": "update", "date_changed": "changed date", "hedge_dropped": "hedge dropped",
         "negation_flipped": "negation flipped"}


def discrepancy_lines(found: list[dict[str, Any]], articles: dict[str, Article]) -> Iterator[Any]:
    for item in found:
        line = Text(f"  {KINDS.get(item['kind'], item['kind'])}: ", style="yellow" if item["kind"] == "number_updated"
                    else "bold red")
        line.append(item["explanation"])
        yield line
        for article_id, (a, b) in zip(item["articles"], item["spans"], strict=True):
            article = articles.get(article_id)
            excerpt = article.text[a:b] if article else ""
            row = Text(f"    {_name(article, article_id)} [{a}:{b}]: ", style="dim")
            row.append(f"“{excerpt[:110]}{'…' if len(excerpt) > 110 else ''}”", style="dim")
            yield row


def discrepancy_section(result: TraceResult) -> Iterator[Any]:
    found = result.sections.get("discrepancies")
    if not found:
        return
    everything = result.by_id()
    conflicts = [d for d in found if d["kind"] != "number_updated"]
    updates = len(found) - len(conflicts)
    yield Text(f"\nDiscrepancies: {plural(len(conflicts), 'conflict')}, {plural(updates, 'update')}", style="bold")
    yield from discrepancy_lines(found, everything)


def story_lines(story: dict[str, Any], articles: dict[str, Article]) -> Iterator[Any]:
    """A story's timeline: who reported first, who followed and when, independent or derived."""
    head = Text(f"Story {story['id']}: {plural(story['articles'], 'report')}, "
                f"{story['independent_reports']} independent", style="bold")
    if story.get("pending"):
        head.append(f" ({plural(story['pending'], 'report')} pending analysis)", style="yellow")
    yield head
    for item in story["timeline"]:
        line = Text(f"  {when(item['published']):16}  ")
        line.append(_name(articles.get(item["article"]), item["article"]))
        if item["article"] == story["first"]:
            line.append("  first report", style="green")
        if item.get("pending"):
            line.append("  analysis pending", style="yellow")
        elif not item["independent"] and item["taken_share"] >= item.get("shared_share", 0):
            whence = [f"takes from {', '.join(short_id(i) for i in item['derived_from'])}"] if item["derived_from"] \
                else []
            whence += [f"relays {', '.join(item['relays'])}"] if item.get("relays") else []
            line.append(f"  not independent: {item['taken_share']:.0%} from other reports"
                        + (f" ({'; '.join(whence)})" if whence else ""), style="yellow")
        elif not item["independent"]:
            line.append(f"  not independent ({item['shared_share']:.0%} shared, direction unknown, with "
                        f"{', '.join(short_id(i) for i in item['shared_with'])})", style="yellow")
        yield line
    if story["sources_cited"]:
        yield Text("  cited by several: " + ", ".join(f"{s['source']} ({s['articles']})"
                                                     for s in story["sources_cited"][:8]), style="dim")


def story_section(result: TraceResult) -> Iterator[Any]:
    stories = result.sections.get("stories")
    if not stories:
        return
    everything = result.by_id()
    yield Text(f"\nStories: {len(stories)}", style="bold")
    for story in sorted(stories, key=lambda s: -s["articles"]):
        yield from story_lines(story, everything)


def _event_date(date: dict[str, Any]) -> str:
    start: str | None = date.get("start")
    if start:
        end = date.get("end")
        return start + (f" to {end}" if end and end != start else "")
    return f"({date['relative']})" if date.get("relative") else "-"


def event_table(events: list[dict[str, Any]], title: str) -> Table:
    """Events as `events` lists them (the shape of `events --json`): date, type, place, actors, fatalities, how
    many reports and how many independent sources."""
    table = Table(title=title, title_justify="left", expand=False)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("type / sub-type", ratio=1)
    table.add_column("place", ratio=1)
    table.add_column("actors", ratio=1)
    table.add_column("fatalities", justify="right")
    table.add_column("reports", justify="right")
    table.add_column("independent", justify="right")
    for e in events:
        place = e["place"]
        where = "-" if place is None else place["name"] + (f", {place['country']}" if place["country"] and
                                                           place["country"] != place["name"] else "")
        actors = " vs ".join(a["name"] for a in (e["actor1"], e["actor2"]) if a) or "-"
        table.add_row(e["id"], _event_date(e["date"]), Text(f"{e['event_type']} / {e['sub_event_type']}"),
                      Text(where), Text(actors), str(e["fatalities"]), str(e["n_reports"]),
                      str(e["n_independent_sources"]))
    return table


def event_section(result: TraceResult) -> Iterator[Any]:
    found = result.sections.get("events")
    if not found:
        return
    yield Text("")
    yield event_table(found, f"Events: {len(found)} (copies and relays are not independent sources)")
    for e in found:
        for d in e["discrepancies"]:
            values = " vs ".join(f"{v['value']} ({short_id(v['article'])})" for v in d["values"])
            yield Text(f"  {e['id']} {d['field']}: {values}" + (" (an update)" if d["update"] else ""),
                       style="yellow" if d["update"] else "bold red")


def trace_report(result: TraceResult, quotes: tuple[str, ...] = QUOTES) -> Iterator[Any]:
    """The whole `trace` report: the articles, then each analysis section (`quotes`: the categories of
    attributions shown)."""
    articles = result.articles
    yield render.article_table(by_time(articles), f"{plural(len(articles), 'article')} traced, earliest first")
    shared = [(a, s) for a in articles if len(s := result.sources.get(a.id, [])) > 1]
    if shared:
        yield Text("\nThe same article reached from several inputs:", style="bold")
        for article, sources in shared:
            places = ", ".join(s.path + (f":{s.record}" if s.record else "") for s in sources)
            yield Text(f"  {short_id(article.id)} {article.title or '(untitled)'}: {places}")
    yield from render.reuse_section(result)
    yield from render.attribution_section(result, quotes)
    pending = result.sections.get("pending", [])
    if pending:
        yield Text(f"\nAnalysis pending for {plural(len(pending), 'article')} (run `newstrace analyse`)",
                   style="bold yellow")
    yield from story_section(result)
    yield from originality_section(result)
    yield from discrepancy_section(result)
    yield from event_section(result)
    skipped = [a for a in articles if not a.analysed]
    if skipped:
        yield Text(f"\nStored but not analysed ({len(skipped)}):", style="bold")
        for a in skipped:
            yield Text(f"  {short_id(a.id)} {a.title or '(untitled)'}: {a.skip_reason}")
