"""hatch_build.py copies Blockly from node_modules into the server's static files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["hatch_build"] = module
    spec.loader.exec_module(module)
    return module


def test_copy_blockly(tmp_path: Path) -> None:
    hook = _hook()
    if not hook.SOURCE.is_dir():
        pytest.skip("node_modules/blockly is not installed (run `make web`)")
    target = hook.copy_blockly(hook.SOURCE, tmp_path / "blockly")
    assert hook.is_complete(target)
    assert (target / "media" / "sprites.svg").is_file()
    assert not (target / "blockly.min.js").exists()


def test_a_missing_package_is_a_clear_error(tmp_path: Path) -> None:
    hook = _hook()
    with pytest.raises(hook.BlocklyMissing, match="npm ci"):
        hook.copy_blockly(tmp_path / "nothing", tmp_path / "out")


def test_the_pinned_version_is_the_one_installed() -> None:
    import json

    wanted = json.loads((ROOT / "package.json").read_text())["dependencies"]["blockly"]
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/blockly"]["version"] == wanted
