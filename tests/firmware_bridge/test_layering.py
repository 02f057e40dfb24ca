"""The dependency rules of ARCHITECTURE.md, checked on the source."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def top(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


def test_firmware_bridge_never_imports_the_simulator_or_pygame() -> None:
    for path in (ROOT / "firmware_bridge").rglob("*.py"):
        assert not top(imports(path)) & {"simulator", "pygame"}, path


def test_the_core_and_the_simulator_never_import_firmware_bridge() -> None:
    core = [p for p in (ROOT / "robolab").glob("*.py")]
    simulator = list((ROOT / "simulator").rglob("*.py"))
    for path in core + simulator:
        assert "firmware_bridge" not in top(imports(path)), path


def test_bleak_and_pyserial_are_imported_only_where_they_are_used() -> None:
    allowed = {
        "bleak": {"transports/ble.py", "transports/ble_virtual.py"},
        "serial": {"transports/serial_port.py", "discovery.py"},
    }
    for path in (ROOT / "firmware_bridge").rglob("*.py"):
        where = path.relative_to(ROOT / "firmware_bridge").as_posix()
        for library, places in allowed.items():
            if library in top(imports(path)):
                assert where in places, f"{where} imports {library}"


def test_importing_the_package_loads_neither_bleak_nor_pyserial() -> None:
    code = "import sys, firmware_bridge; print(sorted(m for m in ('bleak', 'serial') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"
