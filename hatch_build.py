"""Build step: copy Blockly (pinned by package.json / package-lock.json) into the server's static files.

Blockly comes from the npm registry (``npm ci`` fills ``node_modules/``); its files are never
committed. This file is both

- the hatch build hook (``[tool.hatch.build.hooks.custom]`` in pyproject.toml), so that wheels
  carry ``robolab/server/static/vendor/blockly/``, and
- a script (``python hatch_build.py``) that the Makefile runs after ``npm ci``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
SOURCE = ROOT / "node_modules" / "blockly"
TARGET = ROOT / "robolab" / "server" / "static" / "vendor" / "blockly"
FILES = ("blockly_compressed.js", "blocks_compressed.js", "msg/fr.js", "msg/en.js", "LICENSE")
FOLDERS = ("media",)
ARTIFACTS = "/robolab/server/static/vendor/blockly/**"


class BlocklyMissing(RuntimeError):
    """node_modules/blockly is not there and npm could not fetch it."""


def is_complete(target: Path = TARGET) -> bool:
    return all((target / name).is_file() for name in FILES) and all(
        (target / name).is_dir() for name in FOLDERS
    )


def npm_ci(root: Path = ROOT) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise BlocklyMissing("npm is not installed: install Node.js, then run `npm ci`")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=root, check=True)


def copy_blockly(source: Path = SOURCE, target: Path = TARGET) -> Path:
    """Replaces ``target`` with the needed files of ``source`` (the npm package)."""
    missing = [name for name in (*FILES, *FOLDERS) if not (source / name).exists()]
    if missing:
        raise BlocklyMissing(f"{source} lacks {', '.join(missing)}: run `npm ci`")
    if target.exists():
        shutil.rmtree(target)
    for name in FILES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, target / name)
    for name in FOLDERS:
        shutil.copytree(source / name, target / name)
    return target


def ensure_blockly(*, fetch: bool) -> bool:
    """Copies Blockly unless already there; runs ``npm ci`` first when ``fetch`` and needed."""
    if not SOURCE.is_dir():
        if is_complete():
            return True  # an sdist that already carries the copy
        if not fetch:
            return False
        npm_ci()
    copy_blockly()
    return True


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # running as a script without hatchling
    pass
else:

    class BlocklyBuildHook(BuildHookInterface):  # type: ignore[type-arg]
        PLUGIN_NAME = "custom"

        def initialize(self, version: str, build_data: dict[str, Any]) -> None:
            # Editable installs (make setup) may run before npm: the Makefile copies later.
            if ensure_blockly(fetch=version != "editable"):
                build_data.setdefault("artifacts", []).append(ARTIFACTS)


if __name__ == "__main__":
    try:
        print(f"Blockly copied to {copy_blockly().relative_to(ROOT)}")
    except BlocklyMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
