"""A load test's report: the numbers people read, as text or JSON, and whether goals were met."""

from __future__ import annotations

import math
from typing import Any

from robolab.loadgen.metrics import Series
from robolab.loadgen.scenario import LoadReport

RUN_P99_GOAL_MS = 100.0
"""The goal: 99 % of runs are answered within 100 ms, with no error."""

SERIES = (
    ("run", "run (POST /api/team/run)"),
    ("save", "autosave (PUT workspace)"),
    ("read", "ladder / challenge / attempts"),
    ("dashboard.update", "run -> dashboard event"),
    ("tablet.update", "run -> own tablet event"),
    ("tablet.broadcast", "message -> every tablet"),
    ("robot.progress", "robot step -> tablet"),
    ("robot.job", "robot job, sent -> finished"),
    ("ws.ping", "WebSocket ping -> pong"),
    ("facilitator.approve", "facilitator: start a robot job"),
    ("tablet.connect", "tablet socket (re)connect"),
    ("dashboard.connect", "dashboard socket + snapshot"),
    ("loadgen.lag", "load generator's own loop lag"),
)


def goals_met(report: LoadReport) -> bool:
    run = report.metrics.series("run")
    return report.error_count == 0 and run.count > 0 and run.p99 < RUN_P99_GOAL_MS


def to_json(report: LoadReport) -> dict[str, Any]:
    c = report.config
    return {
        "config": {
            "tablets": c.tablets,
            "dashboards": c.dashboards,
            "robots": c.robots,
            "seconds": c.seconds,
            "run_every": c.run_every,
            "save_every": c.save_every,
            "kill_at": c.kill_at,
            "cut_at": c.cut_at,
        },
        "wall_seconds": round(report.wall_seconds, 2),
        "series": {name: report.metrics.series(name).to_json() for name, _ in SERIES},
        "rates_per_s": {
            name: round(report.metrics.series(name).count / report.wall_seconds, 1)
            for name in ("run", "save", "read")
        }
        if report.wall_seconds
        else {},
        "server": {
            "cpu_percent_of_one_core": None
            if report.cpu_server is None
            else round(report.cpu_server * 100, 1),
            "rss_idle_kib": report.rss_idle_kib,
            "rss_loaded_kib": report.rss_loaded_kib,
            "rss_end_kib": report.rss_end_kib,
            "connections": report.connections,
            "kib_per_connection": _per_connection(report),
        },
        "loadgen_cpu_percent_of_one_core": round(report.cpu_loadgen * 100, 1),
        "errors": dict(report.metrics.errors),
        "error_samples": report.metrics.samples,
        "counters": dict(report.metrics.counters),
        "acknowledged_attempts": report.acknowledged,
        "lost_attempts": report.lost_attempts,
        "kills": report.kills,
        "not_reconnected": report.not_reconnected,
        "robot_stop_ms": [round(v, 1) for v in report.robot_stops_ms],
        "server_problems": report.server_problems,
        "goals_met": goals_met(report),
    }


def _per_connection(report: LoadReport) -> float | None:
    if report.rss_idle_kib is None or report.rss_loaded_kib is None or not report.connections:
        return None
    return round((report.rss_loaded_kib - report.rss_idle_kib) / report.connections, 1)


def _line(label: str, s: Series) -> str:
    if not s.count:
        return f"  {label:34s} -"
    return (
        f"  {label:34s} {s.count:6d}  p50 {s.p50:7.1f} ms  p99 {s.p99:7.1f} ms  max {s.max:7.1f} ms"
    )


def to_text(report: LoadReport) -> str:
    c = report.config
    lines = [
        f"{c.tablets} tablets, {c.dashboards} dashboards, {c.robots} robots for "
        f"{report.wall_seconds:.1f} s (a run every {c.run_every:g} s and an autosave every "
        f"{c.save_every:g} s per tablet)"
    ]
    lines += [_line(label, report.metrics.series(name)) for name, label in SERIES]
    if report.wall_seconds:
        rates = ", ".join(
            f"{report.metrics.series(n).count / report.wall_seconds:.1f} {n}s/s"
            for n in ("run", "save", "read")
        )
        lines.append(f"  rates: {rates}")
    if report.cpu_server is not None:
        lines.append(f"  server CPU: {report.cpu_server * 100:.0f}% of one core")
    per = _per_connection(report)
    if per is not None and report.rss_idle_kib is not None and report.rss_loaded_kib is not None:
        lines.append(
            f"  server memory: {report.rss_idle_kib / 1024:.1f} MiB idle, "
            f"{report.rss_loaded_kib / 1024:.1f} MiB with {report.connections} connections "
            f"({per:.0f} KiB each), {(report.rss_end_kib or 0) / 1024:.1f} MiB at the end"
        )
    lines.append(
        f"  load generator CPU: {report.cpu_loadgen * 100:.0f}% of one core (same machine)"
    )
    lines.append(
        f"  attempts acknowledged: {report.acknowledged}, lost: {len(report.lost_attempts)}"
    )
    if report.kills:
        outages = {k: v for k, v in report.metrics.counters.items() if k.startswith("outage.")}
        lines.append(
            f"  server killed and restarted {report.kills}x; not reconnected: "
            f"{len(report.not_reconnected)}; failures while down (expected): {sum(outages.values())}"
        )
    if report.robot_stops_ms:
        lines.append(
            f"  robot cables cut: stopped and disarmed by their own watchdog after at most "
            f"{max(report.robot_stops_ms):.0f} ms ({len(report.robot_stops_ms)} robots armed)"
        )
    ended = {k[10:]: v for k, v in report.metrics.counters.items() if k.startswith("robot.job.")}
    if ended:
        jobs = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in ended.items())
        lines.append(f"  robot jobs: {jobs}")
    errors = report.error_count
    lines.append(f"  errors: {errors}")
    for kind, n in report.metrics.errors.most_common():
        lines.append(f"    {kind}: {n}  e.g. {report.metrics.samples.get(kind, [''])[0]}")
    for problem in report.server_problems[:5]:
        lines.append(f"    server: {problem}")
    verdict = "met" if goals_met(report) else "NOT met"
    run = report.metrics.series("run")
    p99 = "-" if math.isnan(run.p99) else f"{run.p99:.1f} ms"
    lines.append(
        f"  goal (run p99 < {RUN_P99_GOAL_MS:.0f} ms, no error): {verdict} (run p99 {p99})"
    )
    return "\n".join(lines)
