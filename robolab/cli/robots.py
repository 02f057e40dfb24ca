"""``robolab robots scan|test|calibrate|demo``, ``robolab robot run`` and ``robolab virtual-robot``.

Exit codes of ``robolab robot run``: 0 solved, 1 not solved, 2 invalid input (as ``robolab run``),
3 the robot could not be reached or was lost. The other commands: 0 ok, 1 nothing found or a check
failed, 3 robot problem. Robot problems print one clear line in the chosen language, no traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from firmware_bridge.discovery import FoundRobot, scan
from firmware_bridge.errors import BridgeError
from firmware_bridge.faults import Faults
from firmware_bridge.protocol import Capability, StepCode
from firmware_bridge.runs import RobotReport, RunMode, run_challenge
from firmware_bridge.session import RobotSession
from robolab.cli import add_lang
from robolab.cli.inputs import (
    INVALID,
    NOT_SOLVED,
    SOLVED,
    open_challenge,
    open_program,
    result_lines,
)
from robolab.i18n import Lang
from robolab.messages import translate
from robolab.outcome_text import outcome_label

ROBOT_PROBLEM = 3
T = TypeVar("T")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    robots = sub.add_parser(
        "robots", help="robots réels : trouver, tester, étalonner / real robots"
    )
    group = robots.add_subparsers(dest="robots_command", metavar="ACTION")

    p = group.add_parser("scan", help="chercher les robots (USB et Bluetooth) / find robots")
    p.add_argument("--timeout", type=float, default=4.0, help="durée du scan Bluetooth (s)")
    p.add_argument("--no-ble", action="store_true", help="pas de Bluetooth / skip Bluetooth")
    p.add_argument(
        "--no-serial", action="store_true", help="pas de ports série / skip serial ports"
    )
    p.add_argument(
        "--port", action="append", default=[], metavar="URL", help="adresse en plus / extra URL"
    )
    p.add_argument("--json", action="store_true")
    add_lang(p)
    p.set_defaults(handler=cmd_scan)

    p = group.add_parser("test", help="bonjour, identification, latence / hello, identify, latency")
    p.add_argument("port", metavar="PORT", help="/dev/ttyUSB0, socket://..., ble://...")
    p.add_argument("--count", type=int, default=20, help="commandes chronométrées / timed commands")
    p.add_argument("--json", action="store_true")
    add_lang(p)
    p.set_defaults(handler=cmd_test)

    p = group.add_parser("calibrate", help="étalonner un robot / calibrate a robot")
    p.add_argument("port", metavar="PORT")
    for key, unit in (
        ("cell", "mm"),
        ("speed", "mm/s"),
        ("track", "mm"),
        ("trim", "%"),
        ("power", "%"),
    ):
        p.add_argument(f"--{key}", type=int, help=unit)
    p.add_argument("--show", action="store_true", help="afficher seulement / only show the values")
    p.add_argument("--json", action="store_true")
    add_lang(p)
    p.set_defaults(handler=cmd_calibrate)

    p = group.add_parser(
        "demo",
        help="les solutions des défis fournis sur un robot virtuel / bundled solutions on a virtual robot",
    )
    p.add_argument("--pack", action="append", default=None, help="dossier de paquet / pack folder")
    p.add_argument("--mode", choices=[m.value for m in RunMode], default=RunMode.STREAMED.value)
    add_lang(p)
    p.set_defaults(handler=cmd_demo)
    robots.set_defaults(handler=lambda args: _help(robots))

    robot = sub.add_parser("robot", help="lancer un programme sur un robot / run on a robot")
    group = robot.add_subparsers(dest="robot_command", metavar="ACTION")
    p = group.add_parser("run", help="lancer et noter sur un vrai robot / run and score on a robot")
    p.add_argument(
        "--port", required=True, metavar="URL", help="/dev/ttyUSB0, ble://..., socket://..."
    )
    p.add_argument("challenge", help="fichier de défi ou id / challenge file or id")
    p.add_argument("program", help="programme / program file")
    p.add_argument("--mode", choices=[m.value for m in RunMode], default=RunMode.STREAMED.value)
    p.add_argument("--json", action="store_true")
    p.add_argument("--trace", action="store_true")
    add_lang(p)
    p.set_defaults(handler=cmd_robot_run)
    robot.set_defaults(handler=lambda args: _help(robot))

    p = sub.add_parser(
        "virtual-robot",
        help="un robot virtuel sur un port série ou TCP / a virtual robot on a serial port or TCP",
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument("--pty", action="store_true", help="pseudo-terminal (défaut / default)")
    where.add_argument("--tcp", type=int, metavar="PORT", help="socket://127.0.0.1:PORT (0: any)")
    p.add_argument("--challenge", help="le poser sur la carte de ce défi / put it on this map")
    p.add_argument("--name", default="Virtuel-1")
    p.add_argument("--move-ms", type=int, default=300, help="durée d'un pas / time per step (ms)")
    p.add_argument("--no-sensors", action="store_true", help="sans capteurs / without sensors")
    p.add_argument("--drop", type=float, default=0.0, help="perte de trames / frames lost (0..1)")
    p.add_argument(
        "--drop-replies", type=float, default=0.0, help="réponses perdues / replies lost"
    )
    p.add_argument("--duplicate", type=float, default=0.0, help="trames doublées / frames twice")
    p.add_argument("--corrupt", type=float, default=0.0, help="trames abîmées / frames damaged")
    p.add_argument("--delay", type=float, default=0.0, metavar="MS", help="retard / reply delay")
    p.add_argument("--cut-after", type=float, metavar="S", help="couper le câble / cut the link")
    p.add_argument(
        "--mend-after", type=float, metavar="S", help="réparer le câble / mend it S seconds later"
    )
    p.add_argument("--seed", type=int)
    add_lang(p)
    p.set_defaults(handler=cmd_virtual_robot)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _robot_call(lang: Lang, work: Callable[[], Awaitable[T]]) -> tuple[T | None, int]:
    """Runs ``work`` in a fresh event loop; a robot problem becomes one line on stderr."""
    try:
        return asyncio.run(_call(work)), 0
    except BridgeError as err:
        print(err.message(lang), file=sys.stderr)
        return None, ROBOT_PROBLEM


async def _call(work: Callable[[], Awaitable[T]]) -> T:
    return await work()


# -- robots scan ---------------------------------------------------------------------------------


def cmd_scan(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    report, code = _robot_call(
        lang,
        lambda: scan(
            timeout=args.timeout, serial=not args.no_serial, ble=not args.no_ble, urls=args.port
        ),
    )
    if report is None:
        return code
    for problem in report.problems:
        print(problem.message(lang), file=sys.stderr)
    if args.json:
        print(json.dumps({"robots": [r.to_json() for r in report.robots]}, ensure_ascii=False))
    elif report.robots:
        header = tuple(translate("robots.scan_header", lang).split("|"))
        print(_table([header, *(_scan_row(r) for r in report.robots)]))
        print(translate("robots.found", lang, count=len(report.robots)))
    else:
        print(translate("robots.none_found", lang))
    return 0 if report.robots else 1


def _scan_row(robot: FoundRobot) -> tuple[str, ...]:
    battery = "" if robot.battery_percent is None else f"{robot.battery_percent} %"
    signal_text = "" if robot.rssi is None else f"{robot.rssi} dBm"
    return (robot.name, robot.kind, robot.firmware, battery, signal_text, robot.url)


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


# -- robots test ---------------------------------------------------------------------------------


def cmd_test(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    out, code = _robot_call(lang, lambda: _test(args.port, max(1, args.count)))
    if out is None:
        return code
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return 0
    hello = out["hello"]
    caps = ", ".join(hello["caps"]) or "-"
    print(
        translate(
            "robots.test_hello",
            lang,
            caps=caps,
            **{k: hello[k] for k in ("name", "kind", "firmware", "version")},
        )
    )
    if out["identified"]:
        print(translate("robots.test_identify", lang))
    if out["battery"] is not None:
        print(
            translate(
                "robots.test_battery", lang, mv=out["battery"]["mv"], pct=out["battery"]["percent"]
            )
        )
    rtt = out["rtt_ms"]
    print(
        translate(
            "robots.test_latency",
            lang,
            count=rtt["count"],
            low=rtt["min"],
            mid=rtt["median"],
            high=rtt["max"],
        )
    )
    print(translate("robots.test_ok", lang))
    return 0


async def _test(port: str, count: int) -> dict[str, Any]:
    async with await RobotSession.connect(port) as robot:
        hello = robot.hello
        identified = robot.has(Capability.IDENTIFY)
        if identified:
            await robot.identify()
        battery = await robot.battery() if robot.has(Capability.BATTERY) else None
        times = []
        for _ in range(count):
            start = time.perf_counter()
            await robot.heartbeat()
            times.append((time.perf_counter() - start) * 1000)
        return {
            "url": robot.link.transport.url,
            "hello": {
                "name": hello.name,
                "kind": hello.kind,
                "firmware": hello.firmware,
                "version": hello.version,
                "caps": sorted(hello.caps),
                "watchdog_ms": hello.watchdog_ms,
            },
            "identified": identified,
            "battery": None
            if battery is None
            else {"mv": battery.millivolts, "percent": battery.percent},
            "rtt_ms": {
                "count": count,
                "min": round(min(times), 2),
                "median": round(statistics.median(times), 2),
                "max": round(max(times), 2),
            },
        }


# -- robots calibrate ----------------------------------------------------------------------------


def cmd_calibrate(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    values = {k: getattr(args, k) for k in ("cell", "speed", "track", "trim", "power")}
    values = {k: v for k, v in values.items() if v is not None}
    interactive = not values and not args.show
    out, code = _robot_call(lang, lambda: _calibrate(args.port, values, interactive, lang))
    if out is None:
        return code
    if args.json:
        print(json.dumps(out))
    else:
        print(translate("robots.calibration", lang, **out))
        if values or interactive:
            print(translate("robots.calibrate_saved", lang))
    return 0


async def _calibrate(
    port: str, values: dict[str, int], interactive: bool, lang: Lang
) -> dict[str, int]:
    async with await RobotSession.connect(port) as robot:
        if values:
            return (await robot.calibrate(**values)).to_json()
        cal = await robot.calibration()
        if not interactive:
            return cal.to_json()
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(
            None, _ask, translate("robots.calibrate_cell", lang, cell=cal.cell) + " "
        )
        await robot.arm()
        await robot.step(StepCode.FORWARD)
        measured = await _ask_int(
            loop, translate("robots.calibrate_measured", lang), cal.cell, lang
        )
        speed = max(10, min(5000, cal.speed * measured // cal.cell))
        await robot.stop()
        await loop.run_in_executor(None, _ask, translate("robots.calibrate_turn", lang) + " ")
        await robot.arm()
        for _ in range(4):
            await robot.step(StepCode.RIGHT)
        degrees = await _ask_int(loop, translate("robots.calibrate_angle", lang), 0, lang)
        # turned (360 + degrees) instead of 360: scale the turn time down by that much
        trim = round((100 + cal.trim) * 360 / max(1, 360 + degrees)) - 100
        return (await robot.calibrate(speed=speed, trim=max(-50, min(50, trim)))).to_json()


def _ask(prompt: str) -> str:
    print(prompt, end="", file=sys.stderr, flush=True)  # stdout keeps the result (--json)
    return sys.stdin.readline().strip()


async def _ask_int(loop: asyncio.AbstractEventLoop, prompt: str, default: int, lang: Lang) -> int:
    while True:
        answer = await loop.run_in_executor(None, _ask, prompt)
        if not answer:
            return default
        try:
            return int(answer)
        except ValueError:
            print(translate("robots.calibrate_bad_number", lang), file=sys.stderr)


# -- robot run -----------------------------------------------------------------------------------


def cmd_robot_run(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    challenge = open_challenge(args.challenge, lang)
    program = open_program(args.program, lang) if challenge is not None else None
    if challenge is None or program is None:
        return INVALID
    mode = RunMode(args.mode)

    async def work() -> RobotReport:
        async with await RobotSession.connect(args.port) as robot:
            return await run_challenge(robot, challenge, program, mode=mode, lang=lang)

    report, code = _robot_call(lang, work)
    if report is None:
        return code
    if args.json:
        print(json.dumps(report.to_json(trace=args.trace), ensure_ascii=False))
    else:
        print(_robot_report(report, lang))
    if report.result.error is not None:
        print(f"{args.program}: {report.result.message}", file=sys.stderr)
        return INVALID
    return SOLVED if report.result.solved else NOT_SOLVED


def _robot_report(report: RobotReport, lang: Lang) -> str:
    robot = report.robot
    title = translate(
        "robot.run_robot", lang, name=robot["name"], kind=robot["kind"], mode=robot["mode"]
    )
    lines = [f"[{title}]", *result_lines(report.result, lang)]
    if report.differences:
        lines.append(translate("robot.run_differs", lang, what=", ".join(report.differences)))
        lines.append(f"[{translate('robot.run_simulated', lang)}]")
        lines += result_lines(report.simulated, lang)
    else:
        lines.append(translate("robot.run_same", lang))
    return "\n".join(lines)


def cmd_demo(args: argparse.Namespace) -> int:
    from pathlib import Path

    from firmware_bridge.transports.virtual import VirtualTransport
    from firmware_bridge.virtual_robot import VirtualRobot
    from robolab.pack import load_packs

    lang: Lang = args.lang
    packs = load_packs([Path(p) for p in args.pack] if args.pack else None)
    mode = RunMode(args.mode)

    async def work() -> int:
        failures = 0
        for pack in packs:
            for challenge in pack.challenges:
                board = challenge.board
                robot = VirtualRobot("Demo-1", grid=board.grid, start=board.start, move_ms=1)
                try:
                    async with await RobotSession.connect(VirtualTransport(robot)) as session:
                        report = await run_challenge(
                            session, challenge, challenge.solution, mode=mode, lang=lang
                        )
                finally:
                    await robot.aclose()
                failures += not report.result.solved or bool(report.differences)
                print(
                    translate(
                        "robots.demo_row",
                        lang,
                        challenge=challenge.id,
                        outcome=outcome_label(report.result.outcome, lang),
                        name=robot.name,
                        steps=report.result.steps,
                    )
                )
        return failures

    failures, code = _robot_call(lang, work)
    if failures is None:
        return code
    return 0 if failures == 0 else 1


# -- virtual-robot -------------------------------------------------------------------------------


def cmd_virtual_robot(args: argparse.Namespace) -> int:
    from firmware_bridge.virtual_robot import VirtualRobot
    from firmware_bridge.virtual_server import PtyServer, TcpServer

    lang: Lang = args.lang
    grid = start = None
    if args.challenge:
        challenge = open_challenge(args.challenge, lang)
        if challenge is None:
            return INVALID
        grid, start = challenge.board.grid, challenge.board.start
    faults = Faults(
        drop=args.drop,
        drop_replies=args.drop_replies,
        duplicate=args.duplicate,
        corrupt=args.corrupt,
        delay_ms=args.delay,
        cut_after=args.cut_after,
        mend_after=args.mend_after,
        seed=args.seed,
    )
    robot = VirtualRobot(
        args.name,
        grid=grid,
        start=start,
        sensors=not args.no_sensors,
        move_ms=args.move_ms,
        faults=faults,
    )

    async def serve() -> None:
        server: PtyServer | TcpServer
        server = TcpServer(robot, port=args.tcp) if args.tcp is not None else PtyServer(robot)
        url = await server.start()
        print(url, flush=True)  # first line: the device to open
        print(
            translate("virtual.ready", lang, name=robot.name, url=url), file=sys.stderr, flush=True
        )
        done = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, done.set)
        try:
            await done.wait()
        finally:
            await server.aclose()
            await robot.aclose()

    try:
        asyncio.run(serve())
    except OSError as err:
        print(f"{translate('virtual.no_pty', lang)} ({err})", file=sys.stderr)
        return ROBOT_PROBLEM
    return 0
