"""``robolab sim`` (the simulator window, or a headless run and recording) and ``robolab render``.

Exit codes follow ``robolab run``: 0 solved, 1 not solved, 2 invalid input (also: no display for
the window, or a picture that cannot be written). pygame is imported only when a command runs.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from robolab.challenge import Challenge
from robolab.cli import add_lang
from robolab.cli.inputs import open_challenge, open_program
from robolab.cli.numbers import number_in, whole_in
from robolab.i18n import LANGS, Lang
from robolab.messages import translate
from robolab.outcome_text import outcome_label, stars_text
from robolab.program import Program
from robolab.program_rules import check_allowed

if TYPE_CHECKING:
    from simulator.beats import SimRun
    from simulator.kinematics import PhysicsConfig
    from simulator.noise import NoiseModel

from robolab.cli.inputs import INVALID, NOT_SOLVED, SOLVED


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "sim",
        help="simulateur : regarder, déboguer, enregistrer un programme / simulator window",
        description="Ouvre le simulateur (ou, avec --headless, lance et enregistre sans fenêtre). "
        "Opens the simulator window (or, with --headless, runs and records without one).",
    )
    p.add_argument("challenge", help="fichier de défi ou id / challenge file or id")
    p.add_argument(
        "program",
        nargs="?",
        help="programme (sans programme : conduire avec les flèches) / program file "
        "(without one: drive with the arrow keys)",
    )
    p.add_argument("--headless", action="store_true", help="sans fenêtre / no window")
    p.add_argument(
        "--record",
        type=Path,
        metavar="FILE",
        help="écrire la partie en GIF animé (.gif) ou la dernière image (.png) / "
        "write the run as an animated GIF or its last frame as PNG",
    )
    p.add_argument(
        "--size",
        type=whole_in(32, 4096),
        default=480,
        help="taille de l'image en px / picture size",
    )
    p.add_argument(
        "--speed", type=number_in(0.25, 8), default=1.0, help="vitesse 0.25 à 8 / playback speed"
    )
    p.add_argument("--variant", type=int, default=0, help="carte montrée (0 : principale) / map")
    p.add_argument("--json", action="store_true", help="résultat en JSON / result as JSON")
    _physics_options(p)
    add_lang(p)
    p.set_defaults(handler=cmd_sim)

    p = sub.add_parser(
        "render", help="image PNG d'un niveau / PNG picture of a level (thumbnails, docs)"
    )
    p.add_argument("challenge", help="fichier de défi ou id / challenge file or id")
    p.add_argument("-o", "--output", type=Path, required=True, help="image .png / output .png")
    p.add_argument(
        "--size", type=whole_in(32, 4096), default=480, help="plus grand côté en px / longer side"
    )
    p.add_argument("--variant", type=int, default=0, help="carte (0 : principale) / map")
    add_lang(p)
    p.set_defaults(handler=cmd_render)


def _physics_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("mode physique / physical mode")
    g.add_argument(
        "--physics", action="store_true", help="robot physique (mm, roues) / physical robot"
    )
    g.add_argument("--seed", type=int, default=0, help="graine du bruit / noise seed")
    g.add_argument(
        "--cell-mm", type=number_in(1e-3, 1e6), default=200.0, help="côté d'une case / cell side"
    )
    g.add_argument(
        "--wheel-base-mm", type=number_in(1e-3, 1e6), default=110.0, help="entraxe / wheel base"
    )
    g.add_argument("--robot-speed", type=number_in(1e-3, 1e6), default=200.0, help="mm/s")
    g.add_argument(
        "--wheel-mismatch",
        type=number_in(-0.5, 0.5),
        default=0.0,
        help="écart des roues, -0.5 à 0.5 / wheel mismatch, e.g. 0.02",
    )
    g.add_argument(
        "--turn-bias",
        type=number_in(-0.5, 0.5),
        default=0.0,
        help="erreur des virages, -0.5 à 0.5 / turn bias, e.g. 0.05",
    )
    g.add_argument(
        "--turn-noise",
        type=number_in(0, 45),
        default=0.0,
        help="bruit des virages en degrés / turn noise in degrees, e.g. 3",
    )
    g.add_argument(
        "--drive-noise",
        type=number_in(0, 0.5),
        default=0.0,
        help="glissement des roues / wheel slip, e.g. 0.01",
    )


def _both(key: str, lang: Lang, **params: Any) -> str:
    """A message in the chosen language, then in the other one (for setup problems)."""
    other: Lang = next(x for x in LANGS if x != lang)
    return f"{translate(key, lang, **params)}\n{translate(key, other, **params)}"


def _load(args: argparse.Namespace) -> tuple[Challenge, Program | None] | int:
    """The challenge and program, or an exit code after printing what is wrong."""
    lang: Lang = args.lang
    challenge = open_challenge(args.challenge, lang)
    if challenge is None:
        return INVALID
    if not 0 <= args.variant < len(challenge.boards):
        max_variant = len(challenge.boards) - 1
        print(translate("sim.bad_variant", lang, n=args.variant, max=max_variant), file=sys.stderr)
        return INVALID
    program = getattr(args, "program", None)
    if program is None:
        return challenge, None
    loaded = open_program(program, lang)
    if loaded is None:
        return INVALID
    problems = check_allowed(loaded, challenge)
    if problems:
        print(f"{program}: {problems[0].message(lang)}", file=sys.stderr)
        return INVALID
    return challenge, loaded


def _models(args: argparse.Namespace) -> tuple[PhysicsConfig | None, NoiseModel | None]:
    """The physical mode's parameters (``--physics`` is implied by any noise option)."""
    from simulator.kinematics import PhysicsConfig
    from simulator.noise import NoiseModel

    noise = NoiseModel(
        wheel_mismatch=args.wheel_mismatch,
        turn_bias=args.turn_bias,
        turn_noise_deg=args.turn_noise,
        drive_noise=args.drive_noise,
    )
    if not (args.physics or not noise.is_zero):
        return None, None
    body = min(120.0, args.cell_mm * 0.6)
    physics = PhysicsConfig(
        cell_mm=args.cell_mm,
        wheel_base_mm=args.wheel_base_mm,
        body_mm=body,
        speed_mm_s=args.robot_speed,
    )
    return physics, None if noise.is_zero else noise


def cmd_sim(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    loaded = _load(args)
    if isinstance(loaded, int):
        return loaded
    challenge, program = loaded
    try:
        physics, noise = _models(args)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return INVALID
    if args.headless or args.record is not None:
        if program is None:
            print(translate("sim.needs_program", lang), file=sys.stderr)
            return INVALID
        return _headless(args, challenge, program, physics, noise)
    return _window(args, challenge, program, physics, noise)


def _window(
    args: argparse.Namespace,
    challenge: Challenge,
    program: Program | None,
    physics: PhysicsConfig | None,
    noise: NoiseModel | None,
) -> int:
    from simulator.display import DisplayUnavailable, display_available

    lang: Lang = args.lang
    if not display_available():
        print(_both("sim.no_display", lang), file=sys.stderr)
        return INVALID
    from simulator.app import SimApp

    try:
        app = SimApp(
            challenge,
            program,
            lang=lang,
            physics=physics,
            noise=noise,
            seed=args.seed,
            variant=args.variant,
            speed=args.speed,
        )
    except DisplayUnavailable:
        print(_both("sim.no_display", lang), file=sys.stderr)
        return INVALID
    return app.run()


def _headless(
    args: argparse.Namespace,
    challenge: Challenge,
    program: Program,
    physics: PhysicsConfig | None,
    noise: NoiseModel | None,
) -> int:
    from simulator.beats import simulate

    lang: Lang = args.lang
    sim = simulate(
        challenge,
        program,
        physics=physics,
        noise=noise,
        seed=args.seed,
        lang=lang,
        variant=args.variant,
    )
    result = sim.result
    assert result is not None
    if args.record is not None:
        code = _record(args, sim)
        if code:
            return code
    if args.json:
        out = result.to_json()
        body = _body(sim)
        if body is not None:
            out["body"] = body
        print(json.dumps(out, ensure_ascii=False))
    else:
        print(
            f"{result.challenge}: {outcome_label(result.outcome, lang)}  {stars_text(result.stars)}"
        )
        print(translate("sim.counters", lang, steps=result.steps, ticks=result.ticks).strip())
        body = _body(sim)
        if body is not None:
            print(translate("sim.body", lang, **body))
        print(result.message)
    return SOLVED if result.solved else NOT_SOLVED


def _record(args: argparse.Namespace, sim: SimRun) -> int:
    from simulator.recording import record

    lang: Lang = args.lang
    path: Path = args.record
    if path.suffix.lower() not in (".gif", ".png"):
        print(
            f"{path}: {translate('sim.bad_output', lang, suffixes='.gif, .png')}", file=sys.stderr
        )
        return INVALID
    try:
        record(sim, path, size=args.size, lang=lang, speed=args.speed)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(translate("sim.cannot_write", lang, path=path, reason=reason), file=sys.stderr)
        return INVALID
    print(translate("sim.written", lang, path=path), file=sys.stderr)
    return 0


def _body(sim: SimRun) -> dict[str, Any] | None:
    """Where the physical robot ended, in millimetres (``None`` in grid mode)."""
    beats = [b for b in sim.beats if b.path]
    if sim.physics is None or not beats:
        return None
    last = beats[-1].path
    assert last is not None
    body = last[-1]
    cell = sim.physics.cell_mm
    x, y = body.cell(cell)
    off = math.hypot(body.x - (x + 0.5) * cell, body.y - (y + 0.5) * cell)
    deg = math.degrees(body.theta) % 360
    return {
        "x": round(body.x, 1),
        "y": round(body.y, 1),
        "deg": round(deg, 1),
        "off": round(off, 1),
    }


def cmd_render(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    loaded = _load(args)
    if isinstance(loaded, int):
        return loaded
    challenge, _ = loaded
    path: Path = args.output
    if path.suffix.lower() != ".png":
        print(f"{path}: {translate('sim.bad_output', lang, suffixes='.png')}", file=sys.stderr)
        return INVALID
    from simulator.recording import render_map, save_png

    try:
        board = challenge.boards[args.variant]
        save_png(render_map(board.grid, args.size, robot=board.start), path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(translate("sim.cannot_write", lang, path=path, reason=reason), file=sys.stderr)
        return INVALID
    print(translate("sim.written", lang, path=path), file=sys.stderr)
    return 0
