"""Imported by the worker pool's fork server so each worker starts with its libraries and the language
model already loaded (loading the model takes most of a second)."""

from . import prepare  # noqa: F401
from .language import _identifier

_identifier()
