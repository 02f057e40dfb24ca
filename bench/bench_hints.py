"""Hints: the time to explain a run, against the time of the plain run it explains.

Wrong programs are made from every bundled challenge's reference solution (a turn swapped, a
loop count changed, the last block dropped, and the same inside the first procedure); each one
is hinted (three levels, as the classroom server asks) and run with a trace by ``robolab.run``,
interleaved in this process.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from robolab.challenge import Challenge
from robolab.hints import hints_for
from robolab.pack import load_packs
from robolab.program import Program
from robolab.program_loader import parse_program
from robolab.runner import run

ROUNDS = 5


def wrong_programs(challenge: Challenge) -> list[Program]:
    data = challenge.solution.to_json()
    out: list[Any] = []
    mutations = (_swap_first_turn, _bump_first_repeat, _drop_last, _swap_procedure_turn)
    for mutate in (*mutations, _drop_procedure_last):
        changed = mutate(_copy(data))
        if changed is not None:
            out.append(changed)
    programs = [parse_program(d) for d in out]
    return [p for p in programs if not run(challenge, p).solved]


def _copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _copy(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_copy(v) for v in data]
    return data


def _walk(block: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for stmt in block:
        out.append(stmt)
        for key in ("body", "then", "else"):
            out += _walk(stmt.get(key, []))
    return out


def _swap_first_turn(data: dict[str, Any]) -> dict[str, Any] | None:
    swap = {"turn_left": "turn_right", "turn_right": "turn_left"}
    for stmt in _walk(data["main"]):
        if stmt["block"] in swap:
            stmt["block"] = swap[stmt["block"]]
            return data
    return None


def _bump_first_repeat(data: dict[str, Any]) -> dict[str, Any] | None:
    for stmt in _walk(data["main"]):
        if stmt["block"] == "repeat":
            stmt["times"] += 1
            return data
    return None


def _drop_last(data: dict[str, Any]) -> dict[str, Any] | None:
    if len(data["main"]) < 2:
        return None
    data["main"] = data["main"][:-1]
    return data


def _first_procedure(data: dict[str, Any]) -> list[dict[str, Any]] | None:
    procedures = data.get("procedures") or {}
    return next(iter(procedures.values()), None)


def _swap_procedure_turn(data: dict[str, Any]) -> dict[str, Any] | None:
    body = _first_procedure(data)
    swap = {"turn_left": "turn_right", "turn_right": "turn_left"}
    for stmt in _walk(body or []):
        if stmt["block"] in swap:
            stmt["block"] = swap[stmt["block"]]
            return data
    return None


def _drop_procedure_last(data: dict[str, Any]) -> dict[str, Any] | None:
    body = _first_procedure(data)
    if body is None or len(body) < 2:
        return None
    body.pop()
    return data


def _time(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    cases = [(c, p) for pack in load_packs() for c in pack.challenges for p in wrong_programs(c)]
    for challenge, program in cases:  # warm up: compiled kernels, distance maps
        hints_for(challenge, program)
        run(challenge, program, trace=True)
    hint_times: dict[str, list[float]] = defaultdict(list)
    with_procedures: list[float] = []
    ratios = []
    for _ in range(ROUNDS):
        for challenge, program in cases:
            plain = _time(lambda c=challenge, p=program: run(c, p, trace=True))
            hinted = _time(lambda c=challenge, p=program: hints_for(c, p))
            kind = hints_for(challenge, program)[0].kind
            hint_times[kind].append(hinted)
            if program.procedures:
                with_procedures.append(hinted)
            ratios.append(hinted / plain)
    every = sorted(t for times in hint_times.values() for t in times)
    p95 = every[int(0.95 * (len(every) - 1))]
    print(f"{len(cases)} wrong programs from the bundled packs, {ROUNDS} rounds")
    print(
        f"hints_for (3 levels): mean {statistics.mean(every) * 1000:.2f} ms, "
        f"p95 {p95 * 1000:.2f} ms, max {every[-1] * 1000:.2f} ms"
    )
    print(
        f"ratio to robolab.run(trace=True) on the same program: median "
        f"{statistics.median(ratios):.1f}x, p95 {sorted(ratios)[int(0.95 * (len(ratios) - 1))]:.1f}x"
    )
    if with_procedures:
        print(
            f"  with procedures n={len(with_procedures) // ROUNDS:<3} "
            f"mean {statistics.mean(with_procedures) * 1000:.2f} ms, "
            f"max {max(with_procedures) * 1000:.2f} ms"
        )
    for kind, times in sorted(hint_times.items()):
        print(
            f"  {kind:<15} n={len(times) // ROUNDS:<3} mean {statistics.mean(times) * 1000:.2f} ms"
        )


if __name__ == "__main__":
    main()
