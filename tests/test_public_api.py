"""The public surface and the stage registry change only on purpose."""

from __future__ import annotations

import newstrace
from newstrace.stages import STAGES, check_order, load_builtin, pipeline

PUBLIC = sorted([
    "STAGES", "Article", "ArticleFilter", "Code", "IngestReport", "NewstraceError", "Origin", "RawDocument",
    "Rejection", "Settings", "Stage", "Store", "TraceResult", "__version__", "add", "load_settings",
    "open_store", "register_reader", "register_stage", "trace",
])

REGISTERED_STAGES = ["newstrace.ingest.v1", "newstrace.reuse.v2", "newstrace.attribution.v2",
                     "newstrace.stories.v1", "newstrace.events.v1", "newstrace.provenance.v2"]


def test_public_names():
    assert sorted(newstrace.__all__) == PUBLIC
    for name in newstrace.__all__:
        assert hasattr(newstrace, name), name


def test_stage_registry_matches_committed_list():
    load_builtin()
    assert sorted(STAGES) == sorted(REGISTERED_STAGES)
    assert [s.name for s in pipeline()] == REGISTERED_STAGES
    check_order(pipeline())


def test_stage_reading_an_unwritten_table_is_refused():
    import pytest

    from newstrace.errors import NewstraceError
    from newstrace.stages import Stage

    with pytest.raises(NewstraceError, match="reads nowhere, which no earlier stage writes"):
        check_order([Stage("x.v1", reads=("nowhere",), writes=(), description="test")])


def test_subpackages_are_not_shadowed_by_functions():
    import importlib

    for module in ("newstrace.ingest.pipeline", "newstrace.store.sqlite", "newstrace.jobs"):
        assert importlib.import_module(module).__name__ == module
    import newstrace.ingest

    assert newstrace.ingest.__name__ == "newstrace.ingest"
