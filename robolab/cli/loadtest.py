"""``robolab loadtest``: a whole classroom against a real server, on this machine only."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from robolab.cli import add_lang
from robolab.cli.numbers import number_in


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "loadtest",
        help="tester la charge du serveur de classe / load-test the classroom server "
        "(loopback only)",
        description="Starts `robolab serve` on 127.0.0.1 with virtual robots, plays tablets, "
        "dashboards and robots against it for a bounded time and prints p50/p99 latencies, the "
        "server's CPU and memory per connection, and every error. Exit code 0 when the goal is "
        "met (run p99 < 100 ms, no error), 1 otherwise, 2 for a bad plan.",
    )
    p.add_argument("--tablets", type=int, default=200, help="tablettes / tablets (default: 200)")
    p.add_argument("--dashboards", type=int, default=2, help="tableaux de bord (default: 2)")
    p.add_argument("--robots", type=int, default=6, help="robots virtuels (default: 6)")
    p.add_argument(
        "--seconds",
        type=number_in(1e-3, 1e6),
        default=30.0,
        help="durée mesurée / measured time (max 600)",
    )
    p.add_argument("--warmup", type=float, default=3.0, help="échauffement / warm-up (s)")
    p.add_argument(
        "--run-every",
        type=number_in(1e-3, 1e6),
        default=4.0,
        metavar="S",
        help="mean time between runs",
    )
    p.add_argument(
        "--save-every",
        type=number_in(1e-3, 1e6),
        default=2.0,
        metavar="S",
        help="mean time between saves",
    )
    p.add_argument(
        "--kill-at", type=float, metavar="S", help="SIGKILL the server S s in, then restart it"
    )
    p.add_argument("--cut-at", type=float, metavar="S", help="cut every robot's cable S s in")
    p.add_argument(
        "--robot-duplicate", type=float, default=0.0, metavar="P", help="frames sent twice (0..1)"
    )
    p.add_argument(
        "--robot-delay", type=float, default=0.0, metavar="MS", help="robot replies delayed"
    )
    p.add_argument("--pack", action="append", type=Path, default=[], metavar="PATH")
    p.add_argument("--data", type=Path, metavar="DIR", help="keep the server's data here")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true", help="JSON report")
    add_lang(p)
    p.set_defaults(handler=cmd_loadtest)


def cmd_loadtest(args: argparse.Namespace) -> int:
    import asyncio

    from firmware_bridge.faults import Faults
    from robolab.loadgen import LoadConfig, goals_met, run_load, to_json, to_text
    from robolab.loadgen.server import ServerError

    config = LoadConfig(
        tablets=args.tablets,
        dashboards=args.dashboards,
        robots=args.robots,
        seconds=args.seconds,
        warmup=args.warmup,
        run_every=args.run_every,
        save_every=args.save_every,
        kill_at=args.kill_at,
        cut_at=args.cut_at,
        robot_faults=Faults(duplicate=args.robot_duplicate, delay_ms=args.robot_delay, seed=1)
        if args.robot_duplicate or args.robot_delay
        else None,
        packs=args.pack,
        data=args.data,
        seed=args.seed,
    )
    try:
        config.check()
        report = asyncio.run(run_load(config))
    except ValueError as exc:
        print(f"robolab loadtest: {exc}", flush=True)
        return 2
    except ServerError as exc:
        print(f"robolab loadtest: the server did not start:\n{exc}", flush=True)
        return 2
    print(json.dumps(to_json(report), indent=2) if args.json else to_text(report), flush=True)
    return 0 if goals_met(report) else 1
