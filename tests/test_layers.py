"""Data flows one way: the text layer at the bottom, then records, store, the analysis stages, the read core, and
the faces on top. A module imports only from its own layer or those below it (DESIGN.md, issue 18)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newstrace"

# lowest first; a module may import from its own layer and from any layer before it
LAYERS = [
    {"text", "errors", "records", "recent", "parallel", "__version__"},  # the version: a constant of the package
    {"config", "store", "formats"},
    {"stages", "ingest"},
    {"reuse", "analyse", "stories", "provenance", "evaluate", "events"},
    {"read", "jobs"},
    {"render", "report", "web", "cli", "__init__", "__main__"},
]


def _layer(part: str) -> int:
    return next(n for n, names in enumerate(LAYERS) if part in names)


def _imports(path: Path) -> list[str]:
    """The newstrace top-level parts a module imports (relative imports resolved), at any depth of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(PACKAGE).parts[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[:len(package) - (node.level - 1)])
            target = base + (node.module.split(".") if node.module else [])
            if target:
                found.append(target[0])
            else:  # `from . import x` at the top of the package
                found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newstrace."):
            found.append(node.module.split(".")[1])
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_only_its_layer_and_below(path):
    own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    upward = [part for part in _imports(path) if _layer(part.removesuffix(".py")) > _layer(own)]
    assert upward == [], f"{path.relative_to(PACKAGE)} imports from a higher layer: {upward}"
