"""The API against its own OpenAPI schema: schemathesis generates requests for every operation (bounded:
a few dozen examples each) and no answer may be a server error."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the test extra")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    from click.testing import CliRunner

    from conftest import EXAMPLES
    from newstrace.cli import cli
    from newstrace.config import Settings
    from newstrace.web.app import create_app

    db = tmp_path_factory.mktemp("schema") / "demo.db"
    assert CliRunner().invoke(cli, ["trace", "--db", str(db), str(EXAMPLES)]).exit_code == 0
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(db=str(db))))


def test_no_request_the_schema_allows_breaks_the_server(api_schema):
    from hypothesis import given

    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 7
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None,
                  derandomize=True)  # the same examples on every run: CI must not flake
        def check(case):
            case.call_and_validate(checks=[not_a_server_error])

        check()
