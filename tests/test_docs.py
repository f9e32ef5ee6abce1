"""Docs cannot drift: generated sections are current, and every JSON key and setting is documented."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import fields

from conftest import ROOT, trace_json
from newstrace.config import Settings


def test_generated_docs_are_current():
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", "docs/cli.md", "docs/configuration.md"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, "docs are stale: run `cog -r docs/cli.md docs/configuration.md`\n" + result.stdout


def _key_paths(value, prefix=""):
    if isinstance(value, dict):
        for key, inner in value.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path
            yield from _key_paths(inner, path)
    elif isinstance(value, list):
        for item in value:
            yield from _key_paths(item, prefix + "[]")


def test_every_trace_json_key_is_documented(run, examples_dir, tmp_path):
    (tmp_path / "bad.jsonl").write_text("not json\n", encoding="utf-8")
    data = trace_json(run, str(examples_dir), str(tmp_path / "bad.jsonl"))
    documented = set(re.findall(r"^\| `([^`]+)` \|", (ROOT / "docs" / "json.md").read_text(), re.M))
    produced = set(_key_paths(data))
    assert produced - documented == set()


def test_every_setting_is_documented():
    text = (ROOT / "docs" / "configuration.md").read_text()
    for f in fields(Settings):
        assert f"`{f.name}`" in text
    readme = (ROOT / "README.md").read_text()
    assert "docs/configuration.md" in readme


def test_readme_says_which_tests_skip_without_chromium_and_how_to_add_them():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    browser_tests = len(re.findall(r"^def test_", (ROOT / "tests" / "test_web_browser.py").read_text(), re.M))
    assert f"the {browser_tests} browser tests" in readme
    [packages] = re.findall(r"apt-get install -y -qq ([\w .-]+)\n", ci)
    assert f"apt-get install {packages.strip()}\n" in readme
