"""ARCHITECTURE.md's rule for the core: standard library and PyYAML only.

The core is every module of ``robolab`` except the composition root (the CLI, the classroom
server and the load generator), which may use anything.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMPOSITION_ROOT = ("cli", "server", "loadgen", "__main__.py")
ALLOWED = set(sys.stdlib_module_names) | {"yaml", "robolab"}


def core_modules() -> list[Path]:
    return [
        path
        for path in (ROOT / "robolab").rglob("*.py")
        if path.relative_to(ROOT / "robolab").parts[0] not in COMPOSITION_ROOT
    ]


def imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_the_core_imports_only_the_standard_library_and_pyyaml() -> None:
    modules = core_modules()
    assert len(modules) > 30
    for path in modules:
        outside = imported(path) - ALLOWED
        assert not outside, f"{path.relative_to(ROOT)} imports {sorted(outside)}"


def test_the_core_never_imports_the_composition_root() -> None:
    for path in core_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("robolab.server", "robolab.cli")), path
