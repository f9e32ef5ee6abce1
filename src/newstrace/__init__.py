"""newstrace: trace every sentence of the news back to its sources.

`add` ingests inputs into a store and `trace` runs the main job; both are what the commands of the same
name call. Subpackages (`newstrace.ingest`, `newstrace.store`, ...) keep their module names free.

The public surface is listed in `__all__` (tests/test_public_api.py keeps it from drifting).
"""

__version__ = "0.1.0"

from .config import Settings, load_settings  # noqa: E402
from .errors import Code, NewstraceError, Rejection  # noqa: E402
from .ingest import IngestReport, register_reader  # noqa: E402
from .ingest import ingest as add  # noqa: E402
from .jobs import TraceResult, trace  # noqa: E402
from .records import Article, Origin, RawDocument  # noqa: E402
from .stages import STAGES, Stage, register_stage  # noqa: E402
from .store import ArticleFilter, Store, open_store  # noqa: E402

__all__ = [
    "STAGES",
    "Article",
    "ArticleFilter",
    "Code",
    "IngestReport",
    "NewstraceError",
    "Origin",
    "RawDocument",
    "Rejection",
    "Settings",
    "Stage",
    "Store",
    "TraceResult",
    "__version__",
    "add",
    "load_settings",
    "open_store",
    "register_reader",
    "register_stage",
    "trace",
]
