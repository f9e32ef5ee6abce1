"""Ingest: readers for each source kind, cleaning, page furniture, dates, metadata, language."""

from .pipeline import STAGE, IngestReport, Progress, ingest
from .readers import READERS, register_reader

__all__ = ["READERS", "STAGE", "IngestReport", "Progress", "ingest", "register_reader"]
