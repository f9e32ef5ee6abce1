"""`newstrace serve`: a JSON API and server-rendered pages over one store, loopback by default.

Article text is hostile input: the pages only ever put it through Jinja2's autoescaping, a
Content-Security-Policy allows nothing but this server's own files, and no page asks another host for
anything. Writing (ingest by upload) needs the token set in NEWSTRACE_TOKEN and is refused when none is set.
Errors are JSON with a message and the right status, never a stack trace.
"""

from __future__ import annotations

import hmac
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, Header, Query, Request, UploadFile
from fastapi import Path as Path_
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..analyse.categories import CATEGORIES
from ..config import Settings
from ..errors import Code, NewstraceError
from ..ingest import ingest
from ..provenance.graph import source_graph
from ..read.figures import share_parts, taken_percent
from ..read.quotes import categories as quote_categories
from ..read.quotes import quote_view
from ..store import Store, open_store
from . import eventmap, exports, views
from .jobs import JobRunner

HERE = Path(__file__).parent
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
UPLOAD_MAX = 50 * 1024 * 1024  # bytes per upload
OFFSET_MAX = 2**31 - 1  # paging further is a mistake (and past 2**63 SQLite cannot even bind it)
STATUS = {Code.NO_SUCH_ARTICLE: 404, Code.AMBIGUOUS_ID: 400, Code.BAD_QUERY: 400, Code.BAD_SETTING: 400}


class ErrorDetail(BaseModel):
    status: int
    code: str | None
    message: str


class ErrorBody(BaseModel):
    """Every error the API answers, whatever its status (a message, never a stack trace)."""

    error: ErrorDetail


_ERROR_TEXT = {400: "bad request (the code says what: U301 ambiguous id, U302 bad query or date, ...)",
               401: "no valid token", 403: "uploads are off: no NEWSTRACE_TOKEN on the server",
               404: "no such article, story, job or export", 413: "upload too large",
               422: "invalid request (a parameter out of range or of the wrong type)"}


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The documented error answers of an operation (OpenAPI `responses`), invalid requests (422) always."""
    return {status: {"model": ErrorBody, "description": _ERROR_TEXT[status]} for status in sorted({*statuses, 422})}


_EXPORT_TYPES: dict[str, dict[str, Any]] = {media.split(";")[0]: {} for media in exports.KINDS.values()}


class ApiError(Exception):
    def __init__(self, status: int, message: str, code: str = ""):
        super().__init__(message)
        self.status, self.message, self.code = status, message, code


def create_app(settings: Settings, jobs: JobRunner | None = None) -> FastAPI:
    """The app over the store the settings name; `jobs` runs the analysis of uploads (a JobRunner by
    default; a test may pass one it holds back)."""
    app = FastAPI(title="newstrace", version=__version__,
                  description="Trace every sentence of the news back to its sources.")
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    templates.env.globals["share_parts"] = share_parts  # the same whole percentages as the CLI
    templates.env.globals["taken_percent"] = taken_percent
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    runner = jobs or JobRunner(settings)
    app.state.jobs = runner

    @contextmanager
    def store() -> Iterator[Store]:
        s = open_store(settings.db)
        try:
            yield s
        finally:
            s.close()

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        docs = request.url.path in ("/docs", "/redoc")  # the API docs page is FastAPI's own
        if not docs:
            response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")

    def error_response(request: Request, status: int, message: str, code: str = "") -> Response:
        if wants_html(request):
            return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                              status_code=status)
        return JSONResponse({"error": {"status": status, "code": code or None, "message": message}},
                            status_code=status)

    @app.exception_handler(NewstraceError)
    async def newstrace_error(request: Request, exc: NewstraceError) -> Response:
        return error_response(request, STATUS.get(exc.code, 400), exc.line(), str(exc.code))

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc.status, exc.message, exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return error_response(request, 422, f"invalid request: {problems}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        return error_response(request, 500, f"internal error ({type(exc).__name__}); the server log has details")

    # -- API ----------------------------------------------------------------------------------------------

    @app.get("/api/articles", tags=["articles"], summary="List or search articles", responses=_errors(400, 422))
    def api_articles(q: str | None = Query(None, description="full-text query (FTS5 syntax)"),
                     outlet: str | None = None, language: str | None = None,
                     since: str | None = Query(None, description="ISO date or time"), until: str | None = None,
                     klass: str | None = Query(None, alias="class",
                                               pattern="^(wholly_derived|partially_derived|non_derived)$"),
                     limit: int = Query(50, ge=1, le=views.PAGE_MAX),
                     offset: int = Query(0, ge=0, le=OFFSET_MAX)) -> Any:
        with store() as s:
            return views.articles(s, settings, q=q, outlet=outlet, language=language, since=since, until=until,
                                  klass=klass, limit=limit, offset=offset)

    @app.get("/api/articles/{article_id}", tags=["articles"], responses=_errors(400, 404),
             summary="One article with its sentences, origins, alignments, attributions and discrepancies")
    def api_article(article_id: str) -> Any:
        with store() as s:
            return views.article(s, settings, article_id)

    @app.get("/api/compare/{first}/{second}", tags=["articles"], summary="The reused passages of two articles",
             responses=_errors(400, 404))
    def api_compare(first: str, second: str) -> Any:
        with store() as s:
            return views.compare(s, first, second)

    @app.get("/api/stories/{story_id}", tags=["stories"], summary="A story's timeline", responses=_errors(400, 404))
    def api_story(story_id: str) -> Any:
        with store() as s:
            found = views.story(s, settings, story_id)
        if found is None:
            raise ApiError(404, f"no story {story_id}")
        return found

    @app.get("/api/events", tags=["events"], summary="List conflict events: date, ACLED type, place, actors, "
             "fatalities, reports and independent sources, with every field's evidence", responses=_errors(400, 404))
    def api_events(event_type: str | None = Query(None, alias="type", description="ACLED event type (any case)"),
                   country: str | None = Query(None, description="country (any case)"),
                   since: str | None = Query(None, description="ISO date"), until: str | None = None,
                   article: str | None = Query(None, description="only events this article (id or prefix) reports"),
                   limit: int = Query(50, ge=1, le=views.PAGE_MAX),
                   offset: int = Query(0, ge=0, le=OFFSET_MAX)) -> Any:
        with store() as s:
            return views.events(s, event_type=event_type, country=country, since=since, until=until,
                                article=article, limit=limit, offset=offset)

    @app.get("/api/events/{event_id}", tags=["events"],
             summary="One event with its reports (independent, copy, relay), fields and evidence, and discrepancies",
             responses=_errors(404))
    def api_event(event_id: str) -> Any:
        with store() as s:
            found = views.event(s, event_id)
        if found is None:
            raise ApiError(404, f"no event {event_id}", str(Code.NO_SUCH_ARTICLE))
        return found

    @app.get("/api/graph", tags=["graph"], summary="The source graph, outlets and articles (JSON)",
             responses=_errors())
    def api_graph() -> Any:
        with store() as s:
            return source_graph(s)

    @app.get("/api/export/{what}", tags=["exports"], summary="Downloads: articles.jsonl, articles.csv, "
             "alignments.jsonl, attributions.jsonl, originality.csv, graph.graphml, graph.json, pan.zip, events.csv "
             "(ACLED), events-evidence.jsonl",
             response_class=Response,
             responses={200: {"description": "the file", "content": _EXPORT_TYPES}, **_errors(400, 404)})
    def api_export(what: str, quotes: str | None = Query(
            None, description="for attributions.jsonl: the categories to export, comma-separated (speech, document, "
                              "stance), or all; speech and documents by default")) -> Response:
        with store() as s:
            body, media = exports.render(s, settings, what, quote_categories(quotes))
        return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{what}"'})

    @app.post("/api/ingest", tags=["ingest"], summary="Add uploaded files (text, HTML, feeds, JSONL, WARC)",
              status_code=201, responses=_errors(401, 403, 413, 422))
    def api_ingest(files: Annotated[list[UploadFile], File(description="the files to add")],
                   authorization: Annotated[str | None, Header(description="Bearer TOKEN")] = None) -> Any:
        _check_token(authorization)
        with tempfile.TemporaryDirectory(prefix="newstrace-upload-") as folder:
            paths = []
            for n, upload in enumerate(files):
                name = Path(upload.filename or f"upload-{n}").name or f"upload-{n}"
                data = upload.file.read(UPLOAD_MAX + 1)
                if len(data) > UPLOAD_MAX:
                    raise ApiError(413, f"{name}: larger than {UPLOAD_MAX // 2**20} MiB")
                path = Path(folder) / f"{n:04d}-{name}"
                path.write_bytes(data)
                paths.append(str(path))
            with store() as s:
                report = ingest(paths, s, settings)
                found = [a for a in s.get_articles(report.article_ids) if a.analysed]
                stored = s.originality_of([a.seq for a in found])
                new = [a.id for a in found if a.seq not in stored]  # re-uploads of analysed articles need nothing
                job = s.create_job("upload", new) if new else None
        result = report.as_dict()
        for rejected in [*result["rejected"], *result["warnings"]]:  # name the upload, not the temporary file
            rejected["input"] = rejected["input"].replace(folder + os.sep, "")
        result["job"] = None
        if job is not None:  # analysed in the background; the pages say "pending" until it is done
            runner.start(job, new)
            with store() as s:
                queued = s.get_job(job)
                result["job"] = queued.public() if queued else None
        return result

    @app.get("/api/jobs", tags=["jobs"], summary="Analysis jobs, newest first, and how many articles are pending",
             responses=_errors(422))
    def api_jobs(limit: int = Query(20, ge=1, le=200)) -> Any:
        with store() as s:
            return {"pending_articles": s.count_pending(), "jobs": [j.public() for j in s.recent_jobs(limit)]}

    @app.get("/api/jobs/{job_id}", tags=["jobs"], summary="One analysis job: state, step and progress",
             responses=_errors(404, 422))
    def api_job(job_id: int = Path_(..., ge=1, le=OFFSET_MAX)) -> Any:
        with store() as s:
            found = s.get_job(job_id)
        if found is None:
            raise ApiError(404, f"no job {job_id}")
        return found.public()

    # -- pages --------------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page_index(request: Request, q: str | None = None, outlet: str | None = None,
                   klass: str | None = Query(None, alias="class"), offset: int = Query(0, ge=0, le=OFFSET_MAX)) -> Any:
        with store() as s:
            data = views.articles(s, settings, q=q or None, outlet=outlet or None, language=None, since=None,
                                  until=None, klass=klass or None, limit=50, offset=offset)
        return templates.TemplateResponse(request, "index.html", {"data": data, "q": q or "", "outlet": outlet or "",
                                                                  "klass": klass or ""})

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_article(request: Request, article_id: str, quotes: str | None = None) -> Any:
        wanted = quote_categories(quotes)  # the sidebar shows speech and documents unless asked for more
        with store() as s:
            data = views.article(s, settings, article_id)
        shown = quote_view(data["attributions"], wanted)
        return templates.TemplateResponse(request, "article.html", {
            "data": data, "parts": _parts(data), "quotes": shown, "hidden": len(data["attributions"]) - len(shown),
            "all_quotes": set(wanted) == set(CATEGORIES)})

    @app.get("/graph", response_class=HTMLResponse, include_in_schema=False)
    def page_graph(request: Request) -> Any:
        with store() as s:
            outlets = source_graph(s)["outlets"]
        # the table is on the page as sent; the script only draws the picture above it
        edges = [e for e in outlets["edges"] if e["copied"] + e["paraphrased"] > 0 or e["quoted"] > 0]
        return templates.TemplateResponse(request, "graph.html", {"edges": edges})

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def page_events(request: Request, event_type: str | None = Query(None, alias="type"), country: str | None = None,
                    offset: int = Query(0, ge=0, le=OFFSET_MAX)) -> Any:
        with store() as s:
            data = views.events(s, event_type=event_type or None, country=country or None, since=None, until=None,
                                article=None, limit=50, offset=offset)
        return templates.TemplateResponse(request, "events.html", {"data": data, "type": event_type or "",
                                                                   "country": country or ""})

    @app.get("/events/map", response_class=HTMLResponse, include_in_schema=False)
    def page_event_map(request: Request, event_type: str | None = Query(None, alias="type"),
                       country: str | None = None) -> Any:
        with store() as s:
            data = views.events(s, event_type=event_type or None, country=country or None, since=None, until=None,
                                article=None, limit=None, offset=0)
        placed, unplaced = eventmap.points(data["events"])
        # every label is escaped in eventmap.svg
        drawing = Markup(eventmap.svg(placed, f"Map of {len(placed)} located events"))
        return templates.TemplateResponse(request, "event_map.html", {
            "svg": drawing, "placed": placed, "unplaced": unplaced, "type": event_type or "",
            "country": country or ""})

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_event(request: Request, event_id: str) -> Any:
        with store() as s:
            found = views.event(s, event_id)
        if found is None:
            raise ApiError(404, f"no event {event_id}")
        return templates.TemplateResponse(request, "event.html", {"e": found, "texts": _event_texts(found)})

    @app.get("/jobs", response_class=HTMLResponse, include_in_schema=False)
    def page_jobs(request: Request) -> Any:
        with store() as s:
            data = {"pending_articles": s.count_pending(), "jobs": [j.public() for j in s.recent_jobs(50)]}
        return templates.TemplateResponse(request, "jobs.html", {"data": data})

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_story(request: Request, story_id: str) -> Any:
        with store() as s:
            found = views.story(s, settings, story_id)
        if found is None:
            raise ApiError(404, f"no story {story_id}")
        return templates.TemplateResponse(request, "story.html", {"story": found})

    @app.get("/compare/{first}/{second}", response_class=HTMLResponse, include_in_schema=False)
    def page_compare(request: Request, first: str, second: str) -> Any:
        with store() as s:
            data = views.compare(s, first, second)
        return templates.TemplateResponse(request, "compare.html", {"data": data, "passages": data["passages"]})

    return app


def _check_token(authorization: str | None) -> None:
    expected = os.environ.get("NEWSTRACE_TOKEN", "")
    if not expected:
        raise ApiError(403, "ingest is off: set NEWSTRACE_TOKEN on the server to allow uploads")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError(401, "a valid token is needed: Authorization: Bearer TOKEN")


def _parts(data: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The article's text as paragraphs of pieces: each sentence with its label, the text between as plain
    pieces. The template escapes every piece."""
    text = data["article"]["text"]
    paragraphs: list[list[dict[str, Any]]] = [[]]
    position = 0
    marks = {d_span_start: d for d in data["discrepancies"] for d_span_start in
             [s[0] for a, s in zip(d["articles"], d["spans"], strict=True) if a == data["article"]["id"]]}
    for n, sentence in enumerate(data["sentences"]):
        start, end = sentence["span"]
        _plain(paragraphs, text[position:start])
        flagged = [d for s0, d in marks.items() if start <= s0 < end]
        paragraphs[-1].append({"text": text[start:end], "label": sentence["label"], "n": n,
                               "evidence": sentence["evidence"], "discrepancies": flagged})
        position = end
    _plain(paragraphs, text[position:])
    return [p for p in paragraphs if p]


def _event_texts(event: dict[str, Any]) -> dict[str, list[list[dict[str, Any]]]]:
    """Each report's paragraphs that hold the event's evidence, pieces marked by field (`f-date`, `f-place`,
    ...); the template escapes every piece."""
    marks: dict[str, list[tuple[int, int, str]]] = {}
    for f in event["fields"]:
        marks.setdefault(f["article"], []).append((f["span"][0], f["span"][1], f"f-{f['field']}"))
    out = {}
    for article_id, text in event["texts"].items():
        paragraphs = views.highlighted(text, marks.get(article_id, []))
        out[article_id] = [p for p in paragraphs if any(piece["marks"] for piece in p)]
    return out


def _plain(paragraphs: list[list[dict[str, Any]]], gap: str) -> None:
    pieces = gap.split("\n")
    for k, piece in enumerate(pieces):
        if k:
            paragraphs.append([])
        if piece:
            paragraphs[-1].append({"text": piece, "label": None})
