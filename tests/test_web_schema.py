"""The API against its own OpenAPI schema: schemathesis generates requests for every operation (bounded:
a few dozen examples each), with and without the upload token, and every answer must be one the schema
documents (status code, content type, body, headers), never a server error."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the test extra")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          response_headers_conformance]
TOKEN = "fuzz-token"


class HeldJobs:
    """Uploads are recorded as jobs but not analysed here: the schema is about the answers."""

    def start(self, job: int, ids: list[str]) -> None:
        pass

    def wait(self, timeout: float | None = None) -> bool:
        return True


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    from click.testing import CliRunner

    from conftest import EXAMPLES
    from newstrace.cli import cli
    from newstrace.config import Settings
    from newstrace.web.app import create_app

    db = tmp_path_factory.mktemp("schema") / "demo.db"
    assert CliRunner().invoke(cli, ["trace", "--db", str(db), str(EXAMPLES)]).exit_code == 0
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(db=str(db)), jobs=HeldJobs()))


@pytest.mark.parametrize("token_set, token_given", [(False, False), (True, False), (True, True)],
                         ids=["uploads-off", "no-token", "with-token"])
def test_every_answer_matches_the_schema(api_schema, monkeypatch, token_set, token_given):
    if token_set:
        monkeypatch.setenv("NEWSTRACE_TOKEN", TOKEN)
    else:
        monkeypatch.delenv("NEWSTRACE_TOKEN", raising=False)
    headers = {"authorization": f"Bearer {TOKEN}"} if token_given else None
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None,
                  derandomize=True)  # the same examples on every run: CI must not flake
        def check(case):
            case.call_and_validate(checks=CHECKS, headers=headers)

        check()


def test_errors_are_documented_in_one_shape(api_schema):
    document = api_schema.raw_schema
    error = document["components"]["schemas"]["ErrorBody"]
    assert error["properties"]["error"]["$ref"].endswith("/ErrorDetail")
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            for status, answer in operation["responses"].items():
                if status.startswith("4"):
                    assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody"), \
                        (method, path, status)
