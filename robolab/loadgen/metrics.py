"""What a load test measured: latency series, errors, and the server's CPU and memory."""

from __future__ import annotations

import math
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from robolab.loadgen.httpclient import Answer, HttpClient, HttpError

SAMPLES_KEPT = 5


def percentile(values: Iterable[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank) of ``values``; NaN when there are none."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(len(ordered), rank) - 1]


@dataclass(frozen=True)
class Series:
    """Summary of one latency series, in milliseconds."""

    name: str
    count: int
    p50: float
    p99: float
    max: float

    @classmethod
    def of(cls, name: str, seconds: list[float]) -> Series:
        top = max(seconds) * 1e3 if seconds else math.nan
        return cls(
            name, len(seconds), percentile(seconds, 50) * 1e3, percentile(seconds, 99) * 1e3, top
        )

    def to_json(self) -> dict[str, Any]:
        def ms(v: float) -> float | None:
            return None if math.isnan(v) else round(v, 2)

        return {
            "count": self.count,
            "p50_ms": ms(self.p50),
            "p99_ms": ms(self.p99),
            "max_ms": ms(self.max),
        }


@dataclass
class Metrics:
    """Latencies (seconds) by name, errors by kind (with a few examples), and counters.

    Failures to reach the server while it was down on purpose (:attr:`outages`) are expected:
    they are counted apart, as ``outage.*`` counters, not as errors.
    """

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    samples: dict[str, list[str]] = field(default_factory=dict)
    counters: Counter[str] = field(default_factory=Counter)
    outages: list[list[float]] = field(default_factory=list)
    """Windows ``[start, end]`` (``perf_counter``) when the server was down on purpose."""

    def add(self, name: str, seconds: float) -> None:
        self.latencies.setdefault(name, []).append(seconds)

    def count(self, name: str, n: int = 1) -> None:
        self.counters[name] += n

    def error(self, kind: str, detail: str = "") -> None:
        self.errors[kind] += 1
        kept = self.samples.setdefault(kind, [])
        if len(kept) < SAMPLES_KEPT:
            kept.append(detail[:300])

    def outage_begins(self, at: float) -> None:
        self.outages.append([at, math.inf])

    def outage_ends(self, at: float) -> None:
        self.outages[-1][1] = at

    def during_outage(self, started: float, ended: float) -> bool:
        """True when ``[started, ended]`` overlaps a window when the server was down on purpose."""
        return any(started <= end and ended >= start for start, end in self.outages)

    def unreachable(self, kind: str, detail: str, started: float, ended: float) -> None:
        """The server could not be reached: expected during an outage, an error otherwise."""
        if self.during_outage(started, ended):
            self.count("outage." + kind)
        else:
            self.error(kind, detail)

    def reset(self) -> None:
        """Forgets latencies and counters (after the warm-up); errors and the first
        connections' times (``*.connect``) are kept."""
        for name in [n for n in self.latencies if not n.endswith(".connect")]:
            del self.latencies[name]
        self.counters.clear()

    def series(self, name: str) -> Series:
        return Series.of(name, self.latencies.get(name, []))


async def timed(
    metrics: Metrics,
    http: HttpClient,
    name: str,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
    ok: tuple[int, ...] = (200,),
) -> Answer | None:
    """One request, its time recorded as ``name``; ``None`` when it failed (an error, or an
    outage event while the server was down on purpose) or got another status than ``ok``."""
    started = time.perf_counter()
    try:
        answer = await http.request(method, path, body, headers)
    except HttpError as exc:
        metrics.unreachable(f"http.{name}", str(exc), started, time.perf_counter())
        return None
    metrics.add(name, time.perf_counter() - started)
    if answer.status not in ok:
        detail = answer.body[:200].decode("utf-8", "replace")
        metrics.error(f"http.{name}.{answer.status}", detail)
        return None
    return answer
