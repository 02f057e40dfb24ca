"""A whole classroom against a real ``robolab serve``: 200 tablets, 2 dashboards, 6 robots.

Runs :mod:`robolab.loadgen` (the same as ``robolab loadtest``) on the loopback address:

- **baseline**: a quiet room, 10 tablets at the same per-tablet pace, to compare against;
- **room**: 200 tablets (join, WebSocket, an autosave every 2 s and a run every 4 s each on
  average — about five times a real class), 2 dashboards, 6 virtual robots running the programs
  teams send them again and again, a message to the room every 10 s;
- **busy**: the same room four times faster (a run every second per tablet), to see what gives
  first;
- **faults**: the room while the server is SIGKILLed and started again, then while every
  robot's cable is cut (frames duplicated and delayed all along): what survived.

Each prints p50/p99 of runs, autosaves and dashboard updates, the server's CPU and memory per
connection, and every error. ``run p99 / baseline p99`` is the cost of the room.
"""

from __future__ import annotations

import asyncio
import math

from firmware_bridge.faults import Faults
from robolab.loadgen import LoadConfig, LoadReport, run_load, to_text

SECONDS = 20.0


def _play(title: str, config: LoadConfig) -> LoadReport:
    print(f"-- {title}", flush=True)
    report = asyncio.run(run_load(config))
    print(to_text(report), flush=True)
    return report


def main() -> None:
    quiet = _play("baseline: 10 tablets", LoadConfig(tablets=10, robots=0, seconds=SECONDS / 2))
    room = _play("room: 200 tablets, 2 dashboards, 6 robots", LoadConfig(seconds=SECONDS))
    busy = _play(
        "busy: the same room, a run every second per tablet",
        LoadConfig(seconds=SECONDS / 2, run_every=1.0, save_every=0.5),
    )
    _play(
        "faults: SIGKILL and restart at 5 s, then every robot cable cut at 12 s",
        LoadConfig(
            seconds=SECONDS,
            kill_at=5.0,
            cut_at=12.0,
            cut_for=1.5,
            robot_faults=Faults(duplicate=0.1, delay_ms=20, seed=1),
        ),
    )
    base = quiet.metrics.series("run").p99
    for name, report in (("room", room), ("busy", busy)):
        p99 = report.metrics.series("run").p99
        ratio = p99 / base if base and not math.isnan(p99) else math.nan
        print(f"{name}: run p99 {p99:.1f} ms = {ratio:.1f}x the quiet room's ({base:.1f} ms)")


if __name__ == "__main__":
    main()
