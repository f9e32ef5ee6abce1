"""Coded errors and rejection reasons.

Every problem a user can cause has a stable code, names the input it is about, and says what to do next.
The library raises or returns these; only the command line turns them into printed lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Code(StrEnum):
    """Stable error codes: `I` for input rejected at ingest, `S` for store, `U` for usage, `W` for an input
    stored with a warning."""

    NOT_FOUND = "I100"
    EMPTY = "I101"
    BINARY = "I102"
    ENCODING = "I103"
    TOO_LARGE = "I104"
    BAD_GZIP = "I105"
    UNREADABLE = "I106"
    NOT_HTML = "I110"
    NO_ARTICLE = "I111"
    BAD_FEED = "I120"
    EMPTY_ENTRY = "I121"
    BAD_JSON = "I130"
    BAD_RECORD = "I131"
    BAD_WARC = "I140"
    NO_TEXT = "I150"
    UNKNOWN_FORMAT = "I160"
    PREPARE_FAILED = "I190"
    STORE_VERSION = "S200"
    STORE_OPEN = "S201"
    STORE_BUSY = "S202"
    STORE_NOT_EMPTY = "S203"
    NO_SUCH_ARTICLE = "U300"
    AMBIGUOUS_ID = "U301"
    BAD_QUERY = "U302"
    BAD_SETTING = "U303"
    BAD_OUTPUT = "U304"
    BAD_GAZETTEER = "U305"
    CLUSTER = "U310"
    INTERRUPTED = "U306"
    ENCODING_GUESSED = "W400"
    ANALYSIS_BOUNDED = "W401"


# What to do next, per code; shown after the reason where it helps.
HINTS: dict[Code, str] = {
    Code.NOT_FOUND: "check the path",
    Code.BINARY: "only text, HTML, RSS/Atom, JSONL and WARC inputs are read",
    Code.ENCODING: "convert the file to UTF-8",
    Code.TOO_LARGE: "raise max_document_bytes (NEWSTRACE_MAX_DOCUMENT_BYTES) if it is a real article",
    Code.BAD_JSON: "each line must be one JSON object",
    Code.BAD_RECORD: 'each line needs "text" or "html" as a string',
    Code.PREPARE_FAILED: "a bug in newstrace or a library it uses: please report it with the input",
    Code.UNKNOWN_FORMAT: "name the file .txt, .html, .xml/.rss/.atom, .jsonl or .warc(.gz)",
    Code.STORE_VERSION: "upgrade newstrace, or use a new --db file",
    Code.STORE_BUSY: "run it again when the other runs have finished",
    Code.STORE_NOT_EMPTY: "name a new database or schema (an empty one)",
    Code.NO_SUCH_ARTICLE: "`newstrace list` shows the stored ids",
    Code.AMBIGUOUS_ID: "give more characters of the id",
    Code.BAD_GAZETTEER: "a gazetteer file is CSV with a header: name, latitude, longitude, and optionally "
                        "country, admin1, admin2",
    Code.CLUSTER: "start one with `newstrace cluster`, or check the address (tcp://HOST:8786)",
    Code.INTERRUPTED: "what was stored is kept; run the command again, or `newstrace analyse`, to finish",
    Code.ENCODING_GUESSED: "if the text reads wrong, convert the file to UTF-8 or declare its charset",
    Code.ANALYSIS_BOUNDED: "raise analyse_max_chars (NEWSTRACE_ANALYSE_MAX_CHARS) to analyse more of it",
}


@dataclass(frozen=True)
class Rejection:
    """One input that was not ingested, and why. `where` is a path, or path plus line/entry/record."""

    where: str
    code: Code
    reason: str

    def line(self) -> str:
        hint = HINTS.get(self.code)
        return f"{self.where}: [{self.code.value}] {self.reason}" + (f" ({hint})" if hint else "")

    def as_dict(self) -> dict[str, str]:
        return {"input": self.where, "code": self.code.value, "reason": self.reason}


class NewstraceError(Exception):
    """An error the user can act on: carries a code and a one-line message."""

    def __init__(self, code: Code, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def line(self) -> str:
        hint = HINTS.get(self.code)
        return f"[{self.code.value}] {self.message}" + (f" ({hint})" if hint else "")
