"""Faults while a room works, against a real ``robolab serve`` (robolab.loadgen, small rooms).

- the server is killed (SIGKILL) mid-load and started again: no acknowledged attempt is lost,
  every tablet and dashboard reconnects by itself, runs go on;
- every robot's cable is cut mid-run while frames are duplicated and delayed: robots stop by
  themselves within their watchdog, their jobs end "lost", the queue recovers and finished runs
  are right (a duplicated frame never moves a robot twice).

``tests/server/test_live.py`` kills a server under one tablet; ``test_facilitator_browser.py``
under a real browser; these do it under load. ``make bench`` runs the 200-tablet version.
"""

from __future__ import annotations

import asyncio

from firmware_bridge.faults import Faults
from robolab.loadgen import LoadConfig, LoadReport, run_load, to_text

WATCHDOG_MS = 500  # the protocol's bound: a robot stops at most 500 ms after the last frame


def _play(config: LoadConfig) -> LoadReport:
    return asyncio.run(run_load(config))


def test_sigkill_under_load_loses_no_acknowledged_attempt_and_everyone_reconnects() -> None:
    report = _play(
        LoadConfig(
            tablets=30,
            dashboards=2,
            robots=2,
            seconds=3.0,
            warmup=0.5,
            run_every=0.4,
            save_every=0.4,
            message_every=0,
            kill_at=1.0,
            down_for=0.3,
        )
    )
    text = to_text(report)
    assert report.kills == 1, text
    outage = sum(v for k, v in report.metrics.counters.items() if k.startswith("outage."))
    assert outage > 0, text  # the kill did hit requests and sockets in flight
    assert report.acknowledged > 30, text
    assert report.lost_attempts == [], text
    assert report.not_reconnected == [], text
    assert report.metrics.counters["run.after_restart"] > 0, text
    assert report.error_count == 0, text


def test_cut_and_noisy_robot_links_stop_the_robots_and_the_queue_recovers() -> None:
    report = _play(
        LoadConfig(
            tablets=8,
            dashboards=1,
            robots=3,
            seconds=5.0,
            warmup=0.5,
            run_every=2.0,
            save_every=2.0,
            message_every=0,
            cut_at=0.5,
            cut_for=1.5,  # longer than the host's 1.2 s silence limit: the links are lost
            robot_faults=Faults(duplicate=0.2, delay_ms=20, seed=7),
        )
    )
    text = to_text(report)
    assert report.robot_stops_ms, text  # a robot was driving when the cables were cut
    assert max(report.robot_stops_ms) <= WATCHDOG_MS + 50, text  # +50: the virtual robot's poll
    assert report.metrics.counters["robot.job.lost"] > 0, text
    assert report.metrics.counters["robot.job.finished_after_fault"] > 0, text
    assert report.error_count == 0, text  # includes "a finished job did not solve"
