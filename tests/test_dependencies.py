"""Known vulnerabilities in the locked dependencies (``pip-audit`` on requirements.lock).

pip-audit asks a vulnerability service (PyPI's per-release JSON, or OSV) about every pinned
version. Where neither can be reached (this machine reaches the package indexes but not those
services: PyPI answers 404 for per-release JSON, OSV's name does not resolve), the test is
skipped with that reason rather than failing: an audit that could not run proves nothing.
Anything it could audit must have no known vulnerability.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ("pypi", "osv")


def _audit(service: str) -> tuple[list[dict[str, object]], str]:
    pip_audit = shutil.which("pip-audit", path=str(Path(sys.executable).parent))
    if pip_audit is None:
        pytest.skip("pip-audit is not installed (it is in the dev extra: run `make setup`)")
    cmd = [pip_audit, "-r", str(ROOT / "requirements.lock"), "--no-deps", "--disable-pip"]
    cmd += ["--vulnerability-service", service, "--format", "json", "--progress-spinner", "off"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        return [], f"{service}: no answer within 120 s"
    last = (done.stderr.strip().splitlines() or ["no output"])[-1]
    try:
        deps = list(json.loads(done.stdout or "{}").get("dependencies", []))
    except json.JSONDecodeError:
        deps = []
    return deps, "" if deps else f"{service}: {last[:160]}"


def test_the_locked_dependencies_have_no_known_vulnerability() -> None:
    reasons = []
    for service in SERVICES:
        deps, problem = _audit(service)
        audited = [d for d in deps if "skip_reason" not in d]
        if audited:
            vulnerable = {
                f"{d['name']}=={d['version']}": [v.get("id") for v in d["vulns"]]  # type: ignore[union-attr]
                for d in audited
                if d.get("vulns")
            }
            assert vulnerable == {}, f"known vulnerabilities ({service}): {vulnerable}"
            return
        skipped = {str(d.get("skip_reason", ""))[:80] for d in deps}
        reasons.append(
            problem or f"{service}: nothing audited ({'; '.join(sorted(skipped))[:200]})"
        )
    pytest.skip(
        "dependency audit skipped: pip-audit cannot reach a vulnerability service from this "
        "machine — " + " | ".join(reasons)
    )
