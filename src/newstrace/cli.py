"""The command line. Each command parses options, calls one library function, and renders the result;
library errors become one-line messages with their code. Progress and messages go to stderr, so that
`--json` output on stdout stays clean."""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__, render
from .analyse.stage import stage_tag, stored
from .cluster import serve_local
from .config import Settings, load_settings
from .errors import Code, NewstraceError
from .formats.acled import write_acled
from .formats.brat import public_to_brat
from .ingest import IngestReport, ingest
from .ingest.sources import FORMATS
from .jobs import analyse, analyse_pending, trace
from .provenance.graph import source_graph, to_graphml
from .provenance.origins import flat_originality
from .read import PENDING, ArticleView, article_view, iter_events, list_events, stories_of, story_view
from .read.acled import acled_row, evidence_rows
from .read.exports import all_originality
from .read.quotes import DEFAULT as quote_categories_default
from .read.quotes import categories as quote_categories
from .read.quotes import quote_view
from .report import article_report as render_report
from .report import event_table, story_lines, trace_report
from .reuse.compare import compare_articles, write_pan
from .reuse.stage import run_all
from .store import ArticleFilter, EventFilter, Store, open_store, redact
from .store.copy import copy_store
from .stories.stage import current_story

F = TypeVar("F", bound=Callable[..., Any])
out = Console(highlight=False)
if not out.is_terminal:
    # Piped to a file or a pager: prose lines are written whole (soft wrap: the reader or pager wraps them, and
    # scripts see one line per line); tables are laid out 120 wide, wider than rich's 80.
    out = Console(highlight=False, width=120, soft_wrap=True)
err = Console(stderr=True, highlight=False)


def db_option(fn: F) -> F:
    return click.option("--db", metavar="STORE", help="Store: a SQLite file (default ./newstrace.db, or $NEWSTRACE_DB) "
                        "or a postgresql:// URL.")(fn)


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Write JSON to stdout instead of a report.")(fn)


def cluster_option(fn: F) -> F:
    return click.option("--cluster", metavar="ADDRESS", help="Run parsing, fingerprints, alignment and attribution on "
                        "the Dask scheduler at ADDRESS (tcp://HOST:8786; see `newstrace cluster`); this process "
                        "reads inputs and writes the store.")(fn)


def quotes_option(fn: F) -> F:
    return click.option("--quotes", "quotes", default=quote_categories_default, show_default=True,
                        metavar="CATEGORIES",
                        help="Which attributions to show: speech, document and stance, comma-separated, or all "
                             "(stance: what someone believes, wants or did, not what they said).")(fn)


def input_options(fn: F) -> F:
    fn = click.option("--format", "fmt", type=click.Choice(FORMATS),
                      help="Read every input as this format (default: by extension, else by content).")(fn)
    fn = click.option("--workers", type=int,
                      help="Worker processes beside the writer (default: chosen from CPUs and input).")(fn)
    fn = click.option("--max-document-bytes", type=int, help="Reject documents larger than this.")(fn)
    fn = click.option("--strict", is_flag=True, help="Exit with status 1 if any input is rejected.")(fn)
    return fn


class _Bar:
    """Adapts a rich progress bar to the library's Progress protocol. On a terminal it is redrawn as work
    advances, not by a refresh thread (the stages fork their workers only while the process has no other
    thread); piped, it writes a plain line now and then instead (never for work done within a few seconds)."""

    PLAIN_FIRST = 3.0  # seconds before the first plain line
    PLAIN_EVERY = 10.0  # seconds between plain lines

    def __init__(self, label: str):
        self.label = label
        self.progress = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                 TextColumn("{task.description}", style="dim"), console=err, transient=True,
                                 disable=not err.is_terminal, auto_refresh=False)
        self.task: Any = None
        self.drawn = 0.0
        self.began = self.printed = time.monotonic()
        self.done = self.total = 0
        self.doing = ""

    def __enter__(self) -> _Bar:
        return self

    def start(self, total: int) -> None:
        self.progress.start()
        self.task = self.progress.add_task("", total=total)
        self.total, self.done = total, 0

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.task is not None:
            self.progress.advance(self.task, n)
        self._draw()

    def step(self, text: str) -> None:
        self.doing = text
        if self.task is not None:
            self.progress.update(self.task, description=text)
        self._draw()

    def _draw(self) -> None:
        now = time.monotonic()
        if err.is_terminal:
            if self.task is not None and now - self.drawn >= 0.1:  # at most ten redraws a second
                self.drawn = now
                self.progress.refresh()
            return
        if now - self.began >= self.PLAIN_FIRST and now - self.printed >= self.PLAIN_EVERY \
                or self.printed == self.began and now - self.began >= self.PLAIN_FIRST:
            self.printed = now
            err.print(f"{self.label}: {self.done:,}/{self.total:,}" + (f" ({self.doing})" if self.doing else "")
                      + f", {now - self.began:.0f} s", markup=False, highlight=False, soft_wrap=True)

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


def _settings(ctx: click.Context, **flags: Any) -> Settings:
    """Settings for a command: a command's own --db wins over the group's (`newstrace --db FILE COMMAND`)."""
    if flags.get("db") is None and ctx.obj.get("db") is not None:
        flags["db"] = ctx.obj["db"]
    return load_settings(ctx.obj.get("config"), **flags)


def _open(settings: Settings) -> Store:
    return open_store(settings.db)


def _fail(e: NewstraceError) -> None:
    err.print(f"[bold red]Error:[/] {render.escape(e.line())}", soft_wrap=True)
    sys.exit(1)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewstraceError as e:
            _fail(e)
        except KeyboardInterrupt:
            # every write is a transaction: the store keeps what was finished, the rest is done on a rerun
            stopped = NewstraceError(Code.INTERRUPTED, "stopped by Ctrl-C")
            err.print(f"\n[bold red]Interrupted:[/] {render.escape(stopped.line())}", soft_wrap=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newstrace")
@click.option("--config", metavar="FILE", help="Settings file (TOML; default ./newstrace.toml, or $NEWSTRACE_CONFIG).")
@click.option("--db", metavar="STORE", help="Store for the command: a SQLite file (default ./newstrace.db, or "
              "$NEWSTRACE_DB) or a postgresql:// URL; a --db given after the command wins.")
@click.pass_context
def cli(ctx: click.Context, config: str | None, db: str | None) -> None:
    """Trace every sentence of the news back to its sources."""
    ctx.obj = {"config": config, "db": db}


def _ingest_summary(report: IngestReport) -> None:
    for line in render.ingest_summary(report):
        out.print(line, soft_wrap=True)  # one rejection per line, never wrapped: scripts grep these


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@input_options
@click.option("--analyse/--no-analyse", "run_analysis", default=True, show_default=True,
              help="Analyse what was added, against the whole store (--no-analyse leaves it pending for "
                   "`newstrace analyse`).")
@cluster_option
@click.pass_context
def add(ctx: click.Context, paths: tuple[str, ...], db: str | None, fmt: str | None, workers: int | None,
        max_document_bytes: int | None, strict: bool, run_analysis: bool, cluster: str | None) -> None:
    """Ingest files, folders (recursively) or '-' (standard input) into the store, then analyse them."""
    settings = _settings(ctx, db=db, workers=workers, max_document_bytes=max_document_bytes, cluster=cluster)
    with _open(settings) as store:
        with _Bar("Ingesting") as bar:
            report = ingest(list(paths), store, settings, fmt=fmt, progress=bar,  # type: ignore[arg-type]
                            collect_ids=False)
        _ingest_summary(report)
        if run_analysis:
            _analyse_pending(store, settings)
        else:
            _say_pending(store)
    if strict and report.rejected:
        sys.exit(1)


def _analyse_pending(store: Store, settings: Settings) -> None:
    with _Bar("Analysing") as bar:
        done = analyse_pending(store, settings, progress=bar)
    if done is not None:
        job, count = done
        err.print(f"Analysed {render.plural(count, 'article')} against the store (job {job}).")


def _say_pending(store: Store) -> None:
    pending = store.count_pending()
    if pending:
        err.print(f"{render.plural(pending, 'article')} await analysis: run `newstrace analyse`.")


@cli.command("analyse")
@db_option
@click.option("--workers", type=int, help="Worker processes (default: one per CPU core).")
@cluster_option
@click.pass_context
def analyse_cmd(ctx: click.Context, db: str | None, workers: int | None, cluster: str | None) -> None:
    """Analyse every stored article whose analysis is pending (after `add --no-analyse`, or a run cut short)."""
    settings = _settings(ctx, db=db, workers=workers, cluster=cluster)
    with _open(settings) as store:
        pending = store.count_pending()
        _analyse_pending(store, settings)
    if not pending:
        err.print("Nothing pending: every analysable article is analysed.")


@cli.command("jobs")
@db_option
@click.option("--limit", default=20, show_default=True, help="Most recent jobs to show.")
@json_option
@click.pass_context
def jobs_cmd(ctx: click.Context, db: str | None, limit: int, as_json: bool) -> None:
    """The analysis jobs, newest first: state (queued, running, done, failed), step and progress."""
    settings = _settings(ctx, db=db)
    with _open(settings) as store:
        found = store.recent_jobs(limit)
        pending = store.count_pending()
    if as_json:
        _dump({"pending_articles": pending, "jobs": [j.public() for j in found]})
        return
    for part in render.job_lines(found, pending):
        out.print(part)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@input_options
@json_option
@cluster_option
@quotes_option
@click.pass_context
def trace_cmd(ctx: click.Context, paths: tuple[str, ...], db: str | None, fmt: str | None, workers: int | None,
              max_document_bytes: int | None, strict: bool, as_json: bool, cluster: str | None, quotes: str) -> None:
    """Ingest the inputs, run every analysis stage, and report on their articles (the report shows the
    attributions of the --quotes categories; --json has every attribution, each with its category)."""
    wanted = quote_categories(quotes)
    settings = _settings(ctx, db=db, workers=workers, max_document_bytes=max_document_bytes, cluster=cluster)
    with _open(settings) as store, _Bar("Tracing") as bar:
        result = trace(list(paths), store, settings, fmt=fmt, progress=bar)  # type: ignore[arg-type]
    if as_json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for part in trace_report(result, wanted):
            out.print(part)
        _ingest_summary(result.ingest)
    if strict and result.ingest.rejected:
        sys.exit(1)


trace_cmd.name = "trace"


@cli.command("list")
@db_option
@click.option("--limit", default=50, show_default=True, help="Articles per page.")
@click.option("--offset", default=0, help="Skip this many articles.")
@click.option("--outlet", help="Only this outlet (whatever the case).")
@click.option("--language", help="Only this language (ISO 639-1 code).")
@click.option("--since", help="Published on or after (ISO date or time, e.g. 2026-03-12 or 2026-03-12T18:40).")
@click.option("--until", help="Published on or before (ISO date or time; a bare date is its midnight).")
@json_option
@click.pass_context
def list_cmd(ctx: click.Context, db: str | None, limit: int, offset: int, outlet: str | None, language: str | None,
             since: str | None, until: str | None, as_json: bool) -> None:
    """List stored articles, oldest first by publication time; undated articles come last, in the order they
    were stored."""
    settings = _settings(ctx, db=db)
    where = ArticleFilter(outlet=outlet, language=language, since=since, until=until)
    with _open(settings) as store:
        articles = store.list_articles(where, limit=limit, offset=offset)
        total = store.count_articles(where)
    if as_json:
        _dump({"total": total, "articles": [render.article_summary(a) for a in articles]})
        return
    out.print(render.article_table(articles, f"{len(articles):,} of {render.plural(total, 'article')}, oldest first"
                                              + (" (undated last)" if any(not a.published for a in articles) else "")))


@cli.command()
@click.argument("article_id")
@db_option
@json_option
@quotes_option
@click.pass_context
def report(ctx: click.Context, article_id: str, db: str | None, as_json: bool, quotes: str) -> None:
    """One stored article with each sentence marked by origin (copied, paraphrased, shared quote, attributed,
    original), the articles it draws on with shares and credit, and its quotes: the attributions of the
    --quotes categories (ID may be a prefix; --json has every attribution). An article whose analysis is
    pending is analysed first."""
    wanted = quote_categories(quotes)
    settings = _settings(ctx, db=db)
    with _open(settings) as store:
        found = _view(store, settings, article_id)
        stories = [story.public() for story in stories_of(store, [found.article])] if found.story else []
    if as_json:
        # the sections of `trace --json`, for this article alone (the same keys and shapes)
        data = found.public()
        data["originality"] = [found.originality] if found.originality else []
        data["stories"] = stories
        data["context"] = [a.public() for a in found.context]
        _dump(data)
        return
    for part in render_report(found, marks=not out.is_terminal, quotes=wanted):
        out.print(part)


def _view(store: Store, settings: Settings, article_id: str) -> ArticleView:
    """An article's stored analysis; an article still pending is analysed first (with the rest pending)."""
    found = article_view(store, article_id)
    if found.status == PENDING:
        err.print("Its analysis is pending: analysing the pending articles first.")
        _analyse_pending(store, settings)
        found = article_view(store, article_id)
    return found


@cli.command()
@click.argument("ident")
@db_option
@json_option
@click.pass_context
def story(ctx: click.Context, ident: str, db: str | None, as_json: bool) -> None:
    """The timeline of a story: who reported first, who followed and when, which reports are independent, and
    the sources they cite. IDENT is a story id (s3) or an article id (or prefix) in it."""

    settings = _settings(ctx, db=db)
    with _open(settings) as store:
        if re.fullmatch(r"s\d+", ident):
            now = current_story(store, ident)
            if now != ident:
                err.print(f"Story {ident} was merged into {now}.")
            found = story_view(store, now)
            if found is None:
                raise NewstraceError(Code.NO_SUCH_ARTICLE, f"no story {ident} in {settings.db}")
        else:
            view = _view(store, settings, ident)
            if view.story is None:
                raise NewstraceError(Code.NO_SUCH_ARTICLE, f"article {view.article.id} is in no story (not "
                                                           f"analysed: {view.article.skip_reason})")
            found = story_view(store, view.story)
            assert found is not None
        if found.pending:
            _analyse_pending(store, settings)
            found = story_view(store, found.id)
            assert found is not None
    if as_json:
        _dump(found.public())
        return
    for part in story_lines(found.public(), {r.article.id: r.article for r in found.reports}):
        out.print(part)


def event_filter_options(fn: F) -> F:
    fn = click.option("--article", metavar="ID", help="Only events this article reports (ID may be a prefix).")(fn)
    fn = click.option("--until", help="Event date on or before (ISO date).")(fn)
    fn = click.option("--since", help="Event date on or after (ISO date, e.g. 2023-09-10).")(fn)
    fn = click.option("--country", help="Only this country (whatever the case).")(fn)
    fn = click.option("--type", "event_type", help="Only this ACLED event type, e.g. Battles (whatever the case).")(fn)
    return fn


def _event_filter(store: Store, event_type: str | None, country: str | None, since: str | None,
                  until: str | None, article: str | None) -> EventFilter:
    return EventFilter(event_type=event_type, country=country, since=since, until=until,
                       article=store.resolve_id(article) if article else None)


@cli.command("events")
@db_option
@event_filter_options
@click.option("--limit", default=50, show_default=True, help="Events per page.")
@click.option("--offset", default=0, help="Skip this many events.")
@json_option
@click.pass_context
def events_cmd(ctx: click.Context, db: str | None, event_type: str | None, country: str | None, since: str | None,
               until: str | None, article: str | None, limit: int, offset: int, as_json: bool) -> None:
    """The conflict events found in the stored articles, earliest first (undated last): date, ACLED type and
    sub-type, place, actors, fatalities (ACLED's rule: the most conservative figure an independent report gives),
    how many reports and how many independent sources (copies and relays of a report are not sources)."""
    settings = _settings(ctx, db=db)
    with _open(settings) as store:
        where = _event_filter(store, event_type, country, since, until, article)
        found = [e.public() for e in list_events(store, where, limit=limit, offset=offset)]
        total = store.count_events(where)
        _say_pending(store)  # their events are not in yet
    if as_json:
        _dump({"total": total, "events": found})
        return
    out.print(event_table(found, f"{len(found):,} of {render.plural(total, 'event')}, earliest first"))


@cli.command()
@click.argument("article_id")
@db_option
@click.option("--furniture", is_flag=True, help="Show what ingest removed as page furniture: the rule and the text "
              "of each removed paragraph or line.")
@json_option
@click.pass_context
def show(ctx: click.Context, article_id: str, db: str | None, furniture: bool, as_json: bool) -> None:
    """Show one article's metadata and clean text (ID may be a unique prefix)."""
    settings = _settings(ctx, db=db)
    with _open(settings) as store:
        article = store.get_article(store.resolve_id(article_id))
        assert article is not None
        sources = store.sources_of(article.id)
        removed = store.furniture_of(article.id) if furniture else []
    if furniture:
        if as_json:
            _dump({"id": article.id, "furniture": [{"rule": rule, "text": text} for rule, text in removed]})
            return
        out.print(f"{render.plural(len(removed), 'furniture paragraph')} removed from {article.id}"
                  + "".join(f"\n{rule}: {text}" for rule, text in removed), markup=False)
        return
    if as_json:
        data = article.public()
        data["sources"] = [{"path": s.path, "record": s.record or None, "url": s.url} for s in sources]
        _dump(data)
        return
    for part in render.article_detail(article, sources, boxed=out.is_terminal):
        out.print(part)


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, help="Most results to show.")
@json_option
@click.pass_context
def search(ctx: click.Context, query: str, db: str | None, limit: int, as_json: bool) -> None:
    """Full-text search over titles and texts, best matches first. QUERY is FTS5 syntax: words, "a phrase", AND,
    OR and NOT between terms, prefix*, title:word; a malformed query is refused (U302), never run as another
    search."""
    settings = _settings(ctx, db=db)
    with _open(settings) as store:
        hits = store.search(query, limit=limit)
    if as_json:
        _dump({"query": query, "results": [{**render.article_summary(h.article), "snippet": h.snippet,
                                             "rank": h.rank} for h in hits]})
        return
    out.print(render.search_results(query, hits))


@cli.command()
@db_option
@click.option("--workers", type=int, help="Worker processes (default: one per CPU core).")
@click.option("--analyse/--no-analyse", "run_analysis", default=True, show_default=True,
              help="Analyse the articles pending analysis too (--no-analyse leaves them pending for `newstrace "
                   "analyse`; analysed articles that new passages touch are analysed again either way).")
@cluster_option
@json_option
@click.pass_context
def reuse(ctx: click.Context, db: str | None, workers: int | None, run_analysis: bool, cluster: str | None,
          as_json: bool) -> None:
    """Compare every stored article with every other for reused passages (the batch job), then analyse again
    the articles of the pairs compared now (and any still pending), so that every face shows the new passages."""
    settings = _settings(ctx, db=db, workers=workers, cluster=cluster)
    started = time.perf_counter()
    with _open(settings) as store:
        found, touched = run_all(store, settings)
        counts: dict[str, float] = dict(found)  # and the seconds it took
        pending = set(store.pending_analysis())
        # analysed articles that the new passages touch are analysed again even with --no-analyse: none may
        # show findings that are out of date
        again = set(touched) | pending if run_analysis else set(touched) - pending
        ids = [a.id for a in store.articles_by_seq(sorted(again))]
        if ids:
            with _Bar("Analysing") as bar:
                analyse(store, ids, settings, progress=bar, kind="reuse")
    counts["seconds"] = round(time.perf_counter() - started, 2)
    if as_json:
        _dump(counts)
        return
    out.print(f"Fingerprinted {counts['fingerprinted']:,} new articles; {counts['candidate_pairs']:,} candidate "
              f"pairs, {counts['compared']:,} compared now, {counts['passages']:,} reused passages found "
              f"({counts['seconds']} s)")


@cli.command()
@click.argument("first")
@click.argument("second")
@db_option
@json_option
@click.pass_context
def compare(ctx: click.Context, first: str, second: str, db: str | None, as_json: bool) -> None:
    """Two stored articles' reused passages side by side, differences marked (IDs may be prefixes)."""
    settings = _settings(ctx, db=db)
    with _open(settings) as store:
        comparison = compare_articles(store, store.resolve_id(first), store.resolve_id(second))
    if as_json:
        _dump(comparison.public())
        return
    for part in render.comparison(comparison, marks=not out.is_terminal):
        out.print(part)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "pan", "brat", "json", "graphml"]),
              default=None, help="jsonl (the default) or csv for articles; jsonl or pan (PAN XML, one file per "
              "pair) for --alignments; jsonl or brat (standoff, NAME.txt and NAME.ann per article) for "
              "--attributions; json (the default) or graphml for --graph.")
@click.option("--alignments", is_flag=True, help="Export the reused passages instead of the articles.")
@click.option("--attributions", is_flag=True, help="Export the stored attributions instead of the articles.")
@click.option("--graph", is_flag=True, help="Export the source graph: who takes from whom, with characters "
              "copied, paraphrased and quoted, credited or not.")
@click.option("--originality", is_flag=True, help="Export each analysed article's originality: shares, derived "
              "class, the articles it draws on and whether it credits them.")
@click.option("--events", "events_csv", metavar="FILE", help="Export the events as ACLED's CSV (its 31 standard "
              "columns, then n_reports, n_independent_sources, fatalities_reported, discrepancies) to FILE ('-' for "
              "stdout).")
@click.option("--events-evidence", "events_evidence", metavar="FILE", help="Export each event's evidence as JSONL "
              "to FILE ('-' for stdout): one line per event and field of each report, with the value, article, "
              "span, quote, claim chain and whether the report is independent.")
@click.option("--level", type=click.Choice(["outlets", "articles"]), default="outlets", show_default=True,
              help="Nodes of the GraphML source graph (JSON has both).")
@click.option("-o", "--output", type=click.Path(writable=True),
              help="File to write (default stdout); a folder for --format pan or brat.")
@quotes_option
@click.pass_context
def export(ctx: click.Context, db: str | None, fmt: str | None, alignments: bool, attributions: bool, graph: bool,
           originality: bool, events_csv: str | None, events_evidence: str | None, level: str,
           output: str | None, quotes: str) -> None:
    """Export every stored article with its metadata and clean text, every alignment, every attribution of the
    --quotes categories, the source graph, every article's originality, or the events (ACLED CSV, evidence
    JSONL)."""
    wanted = quote_categories(quotes)
    settings = _settings(ctx, db=db)
    events = bool(events_csv or events_evidence)
    if alignments + attributions + graph + originality + events > 1:
        raise click.UsageError("choose one of --alignments, --attributions, --graph, --originality and --events "
                               "(with or without --events-evidence)")
    if events:
        if fmt or output:
            raise click.UsageError("--events and --events-evidence name their own files; --format and -o do not apply")
        _export_events(settings, events_csv, events_evidence)
        return
    if graph:
        _export_graph(settings, fmt or "json", level, output)
        return
    if originality:
        _export_originality(settings, fmt or "jsonl", output)
        return
    fmt = fmt or "jsonl"
    if fmt in ("json", "graphml"):
        raise click.UsageError(f"--format {fmt} is for --graph")
    if alignments:
        _export_alignments(settings, fmt, output)
        return
    if attributions:
        _export_attributions(settings, fmt, output, wanted)
        return
    if fmt in ("pan", "brat"):
        raise click.UsageError(f"--format {fmt} is for --{'alignments' if fmt == 'pan' else 'attributions'}")
    stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        with _open(settings) as store, _Bar("Exporting") as bar:
            bar.start(store.count_articles())
            writer: Any = None
            for article in store.iter_articles():
                row = article.public()
                if fmt == "jsonl":
                    stream.write(json.dumps(row, ensure_ascii=False) + "\n")
                else:
                    if writer is None:
                        writer = csv.DictWriter(stream, fieldnames=list(row))
                        writer.writeheader()
                    writer.writerow(row)
                bar.advance()
    finally:
        if output:
            stream.close()


def _events_stream(path: str) -> Any:
    if path == "-":
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise NewstraceError(Code.BAD_OUTPUT, f"{path}: cannot write ({exc.strerror})") from exc


def _export_events(settings: Settings, csv_path: str | None, evidence_path: str | None) -> None:
    """Every stored event as an ACLED row, and/or its evidence as JSONL lines, read once."""
    if csv_path == "-" and evidence_path == "-":
        raise click.UsageError("only one of --events and --events-evidence can write to stdout")
    table = _events_stream(csv_path) if csv_path else None
    evidence = _events_stream(evidence_path) if evidence_path else None
    rows: list[dict[str, Any]] = []
    lines = 0
    try:
        with _open(settings) as store:
            for view in iter_events(store):
                if table is not None:
                    rows.append(acled_row(view))
                if evidence is not None:
                    for line in evidence_rows(view):
                        evidence.write(json.dumps(line, ensure_ascii=False) + "\n")
                        lines += 1
        if table is not None:
            write_acled(rows, table)
    finally:
        for stream in (table, evidence):
            if stream is not None and stream is not sys.stdout:
                stream.close()
    said = [f"{render.plural(len(rows), 'event')} as ACLED CSV to {csv_path}"] if csv_path else []
    said += [f"{render.plural(lines, 'evidence line')} to {evidence_path}"] if evidence_path else []
    err.print("Exported " + " and ".join(said))


def _export_alignments(settings: Settings, fmt: str, output: str | None) -> None:
    if fmt == "csv":
        raise click.UsageError("alignments export as jsonl or pan")
    with _open(settings) as store:
        rows = list(store.all_alignments())
        if fmt == "pan":
            if not output:
                raise click.UsageError("--format pan needs -o FOLDER")
            written = write_pan(store, rows, Path(output))
            err.print(f"Wrote {len(written)} PAN XML files to {output}")
            return
    stream = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        for row in rows:
            stream.write(json.dumps(row.public(), ensure_ascii=False) + "\n")
    finally:
        if output:
            stream.close()


def _export_originality(settings: Settings, fmt: str, output: str | None) -> None:

    if fmt not in ("jsonl", "csv"):
        raise click.UsageError("originality exports as jsonl or csv")
    stream = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
    writer: Any = None
    try:
        with _open(settings) as store, _Bar("Exporting") as bar:
            for article, row in all_originality(store, bar):
                if fmt == "jsonl":
                    stream.write(json.dumps(row, ensure_ascii=False) + "\n")
                    continue
                flat = flat_originality(row, article)
                if writer is None:
                    writer = csv.DictWriter(stream, fieldnames=list(flat))
                    writer.writeheader()
                writer.writerow(flat)
    finally:
        if output:
            stream.close()


def _export_graph(settings: Settings, fmt: str, level: str, output: str | None) -> None:

    if fmt not in ("json", "graphml"):
        raise click.UsageError("the source graph exports as json or graphml")
    with _open(settings) as store:
        graph = source_graph(store)
    text = to_graphml(graph, level) if fmt == "graphml" else json.dumps(graph, ensure_ascii=False, indent=2) + "\n"
    if output:
        Path(output).write_text(text, encoding="utf-8")
        err.print(f"Wrote the source graph ({len(graph[level]['nodes'])} {level}, {len(graph[level]['edges'])} "
                  f"edges) to {output}")
    else:
        sys.stdout.write(text)


def _export_attributions(settings: Settings, fmt: str, output: str | None, wanted: tuple[str, ...]) -> None:
    """JSONL, one attribution per line as in `trace --json`; or brat standoff, the article's text beside its
    annotations, named by article ID; the attributions of the `wanted` categories (a quote view)."""
    if fmt not in ("jsonl", "brat"):
        raise click.UsageError("attributions export as jsonl or brat")
    if fmt == "brat" and not output:
        raise click.UsageError("--format brat needs -o FOLDER")

    folder = Path(output) if fmt == "brat" and output else None
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise NewstraceError(Code.BAD_OUTPUT, f"{folder}: cannot create the folder ({exc.strerror})") from exc
    stream = sys.stdout if folder is not None or not output else open(output, "w", encoding="utf-8")
    written = missing = 0
    try:
        with _open(settings) as store:
            for article, every in stored(store, stage_tag(settings)):
                if every is None:
                    missing += 1
                    continue
                atts = quote_view(every, wanted)
                written += 1
                if folder is not None:
                    (folder / f"{article.id}.txt").write_text(article.text, encoding="utf-8")
                    (folder / f"{article.id}.ann").write_text(public_to_brat(article.text, atts), encoding="utf-8")
                else:
                    for att in atts:
                        stream.write(json.dumps(att, ensure_ascii=False) + "\n")
    finally:
        if stream is not sys.stdout:
            stream.close()
    err.print(f"Exported the attributions of {written:,} articles" + (f" to {folder}" if folder else "")
              + (f"; {missing:,} analysed articles have none stored yet (run `newstrace analyse`)"
                 if missing else ""))


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
@click.pass_context
def serve(ctx: click.Context, db: str | None, host: str, port: int) -> None:
    """Serve the web pages and the JSON API (OpenAPI schema at /openapi.json, docs at /docs) over the store.
    Uploads need NEWSTRACE_TOKEN set on the server."""
    try:
        from .web.server import serve as run_server
    except ImportError as exc:
        raise NewstraceError(Code.BAD_SETTING, f"the web extra is not installed ({exc.name}): "
                                               "pip install 'newstrace[web]'") from exc
    settings = _settings(ctx, db=db)
    with _open(settings):  # fail now, not on the first request, if the store cannot be opened
        pass
    err.print(f"Serving {settings.db} at http://{host}:{port}/ (API docs at /docs); Ctrl-C stops")
    if not run_server(settings, host, port):
        err.print("Stopped with an analysis job still running: its articles stay pending (`newstrace analyse` "
                  "finishes them).")


@cli.command("migrate")
@click.option("--from", "source", required=True, metavar="STORE",
              help="The store to copy: a SQLite file (or a postgresql:// URL).")
@click.option("--to", "target", required=True, metavar="STORE",
              help="An empty store to copy into: a postgresql:// URL (or a new SQLite file).")
def migrate(source: str, target: str) -> None:
    """Copy a whole store (articles, sources, analysis, jobs) into a new, empty store, usually from SQLite to
    PostgreSQL. Row numbers are kept, so the copy reads exactly as the original; a failed copy leaves the target
    empty."""
    with _Bar("Copying") as bar:
        report = copy_store(source, target, progress=bar)
    err.print(f"Copied {render.plural(report.articles, 'article')} and "
              f"{render.plural(sum(report.rows.values()) - report.articles, 'other row')} "
              f"({render.plural(len(report.rows), 'table')}) into {redact(target)}.", soft_wrap=True)
@cli.command("cluster")
@click.option("--workers", type=click.IntRange(1, 512), default=2, show_default=True,
              help="Worker processes (one thread each).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8786, show_default=True, type=click.IntRange(1, 65535), help="Scheduler port.")
def cluster_cmd(workers: int, host: str, port: int) -> None:
    """Start a Dask scheduler and worker processes on this machine, until Ctrl-C; point `--cluster` (or the
    cluster setting) at the address it prints. For workers on other machines, run `dask scheduler` and
    `dask worker tcp://HOST:8786` with newstrace installed (docs/scale.md)."""
    serve_local(workers, host, port, lambda address: err.print(
        f"Dask scheduler at {address} with {render.plural(workers, 'worker')}; use --cluster {address}; "
        "Ctrl-C stops"))


@cli.group()
def train() -> None:
    """Train a component from annotated data (the shipped rules stay the default)."""


@train.command("attribution")
@click.argument("data", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False),
              help="Folder for the model; point the attribution_model setting at it.")
@click.option("--epochs", type=click.IntRange(1, 200), default=12, show_default=True, help="Passes over the data.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (initialisation, held-out split).")
@click.option("--hidden-width", type=click.IntRange(16, 1024), default=64, show_default=True,
              help="Width of the recogniser's hidden layer.")
@click.option("--encoder/--no-encoder", default=None,
              help="Read all-MiniLM-L6-v2's token states beside the spaCy features (default: where it is "
                   "installed; the model then needs it to run).")
def train_attribution(data: str, output: str, epochs: int, seed: int, hidden_width: int,
                      encoder: bool | None) -> None:
    """Train the attribution recognisers (a finder of cues, sources and content, and a resolver of each cue's
    own source and content) from brat standoff: DATA holds text/NAME.txt and attributions/NAME_*.ann (shaped
    like PolNeAR), or NAME.txt beside NAME.ann (as `newstrace export --attributions --format brat -o DATA`
    writes), or train/ and dev/ folders of either shape (else a tenth is held out)."""
    from .analyse.trained import train as train_model

    meta = train_model(Path(data), Path(output), epochs=epochs, seed=seed, hidden=hidden_width, encoder=encoder)
    err.print(f"Trained on {meta['train_articles']:,} annotated articles, picked by {meta['dev_articles']:,} "
              f"held out; finder in {Path(output) / 'model-best'}, resolver in "
              f"{Path(output) / 'resolver' / 'model-best'}. Use them: NEWSTRACE_ATTRIBUTION_MODEL={output}")
    scores = meta["dev_scores"]
    err.print("On the held-out articles, backed by the rules (exact match): " + "; ".join(
        f"{role} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}" for role, s in scores.items()))


def _dump(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def main() -> None:
    cli(prog_name="newstrace")
