"""``robolab run | check | solve | demo | show``: the challenge engine on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from robolab.challenge import Challenge
from robolab.checker import check_paths
from robolab.cli import add_lang
from robolab.cli.inputs import (
    INVALID,
    NOT_SOLVED,
    SOLVED,
    find_challenge,
    open_challenge,
    program_error_text,
    read_program,
    result_lines,
)
from robolab.errors import ProgramError
from robolab.i18n import Lang
from robolab.messages import translate
from robolab.outcome_text import outcome_label, stars_text
from robolab.pack import load_packs
from robolab.results import RunResult
from robolab.runner import invalid_result, run
from robolab.solver import SearchTooLarge


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("run", help="lancer et noter un programme / run and score a program")
    p.add_argument(
        "challenge", help="fichier de défi ou id (starter/zigzag) / challenge file or id"
    )
    p.add_argument(
        "program", help="programme JSON/YAML ou espace de travail Blockly / program file"
    )
    p.add_argument(
        "--json", action="store_true", help="résultat en JSON / print the result as JSON"
    )
    p.add_argument("--trace", action="store_true", help="ajouter la trace / include the trace")
    add_lang(p)
    p.set_defaults(handler=cmd_run)

    p = sub.add_parser(
        "check", help="vérifier des défis ou des paquets / check challenges or packs"
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument(
        "--strict", action="store_true", help="les avertissements comptent / warnings fail too"
    )
    p.add_argument("--json", action="store_true")
    add_lang(p)
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("solve", help="chemin optimal / optimal path with the allowed action blocks")
    p.add_argument("challenge")
    p.add_argument("--json", action="store_true")
    add_lang(p)
    p.set_defaults(handler=cmd_solve)

    p = sub.add_parser(
        "demo",
        help="lancer les solutions de référence des défis fournis / run every bundled solution",
    )
    p.add_argument(
        "--pack", action="append", type=Path, default=None, help="dossier de paquet / pack folder"
    )
    add_lang(p)
    p.set_defaults(handler=cmd_demo)


def cmd_run(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    challenge = open_challenge(args.challenge, lang)
    if challenge is None:
        return INVALID
    try:
        program = read_program(args.program)
    except ProgramError as err:
        print(program_error_text(args.program, err, lang), file=sys.stderr)
        if args.json:  # scripts still get the result object
            _emit(invalid_result(challenge, err, lang), args, lang)
        return INVALID
    result = run(challenge, program, lang=lang, trace=args.trace)
    _emit(result, args, lang)
    if result.error is not None:
        print(f"{args.program}: {result.message}", file=sys.stderr)
        return INVALID
    return SOLVED if result.solved else NOT_SOLVED


def _emit(result: RunResult, args: argparse.Namespace, lang: Lang) -> None:
    if args.json:
        print(json.dumps(result.to_json(trace=args.trace), ensure_ascii=False))
        return
    print(_run_report(result, lang, trace=args.trace))


def _run_report(result: RunResult, lang: Lang, *, trace: bool) -> str:
    lines = result_lines(result, lang)
    if trace and result.main is not None and result.main.trace:
        for step in result.main.trace:
            event = f"  {step.event}" if step.event else ""
            lines.append(
                f"  {step.tick:>5}  #{step.number:<4} {step.action:<14} "
                f"({step.x},{step.y}) {step.heading.label}{event}"
            )
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    report = check_paths(args.paths)
    for problem in report.problems:
        print(problem.located(lang), file=sys.stderr)
    prefix = translate("cli.warning", lang)
    for warning in report.warnings:
        print(f"{warning.located(lang)} ({prefix})", file=sys.stderr)
    ok = report.ok(strict=args.strict)
    if args.json:
        print(
            json.dumps(
                {
                    "ok": ok,
                    "files": report.files,
                    "problems": [p.located(lang) for p in report.problems],
                    "warnings": [w.located(lang) for w in report.warnings],
                },
                ensure_ascii=False,
            )
        )
    else:
        print(
            translate(
                "cli.check_summary",
                lang,
                files=report.files,
                problems=len(report.problems),
                warnings=len(report.warnings),
            )
        )
    return 0 if ok else 1


def cmd_solve(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    challenge = open_challenge(args.challenge, lang)
    if challenge is None:
        return INVALID
    try:
        solution = challenge.optimum
    except SearchTooLarge:
        print(f"{args.challenge}: {translate('check.too_complex', lang)}", file=sys.stderr)
        return NOT_SOLVED
    if solution is None:
        if args.json:
            print(json.dumps({"steps": None, "actions": []}))
        print(f"{args.challenge}: {translate('check.unsolvable', lang)}", file=sys.stderr)
        return NOT_SOLVED
    if args.json:
        print(json.dumps(solution.to_json()))
    else:
        print(translate("cli.solve", lang, steps=solution.steps))
        for i, action in enumerate(solution.actions, 1):
            print(f"  {i:>3}. {translate('label.' + action.value, lang)}")
    return SOLVED


def cmd_demo(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    packs = load_packs(args.pack)
    rows: list[tuple[str, ...]] = []
    failures = 0
    for pack in packs:
        for problem in pack.problems:
            print(problem.located(lang), file=sys.stderr)
            failures += 1
        for challenge in pack.challenges:
            result = run(challenge, challenge.solution, lang=lang)
            failures += not result.solved
            rows.append(_demo_row(challenge, result, lang))
    header = tuple(translate("cli.demo_header", lang).split("|"))
    print(_table([header, *rows]))
    print(translate("cli.demo_summary", lang, count=len(rows), failures=failures))
    return 0 if failures == 0 else 1


def _demo_row(challenge: Challenge, result: RunResult, lang: Lang) -> tuple[str, ...]:
    return (
        challenge.id,
        challenge.title_in(lang),
        str(challenge.tier),
        outcome_label(result.outcome, lang),
        f"{result.steps}/{result.par_steps}",
        f"{result.blocks}/{result.par_blocks}",
        stars_text(result.stars),
    )


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


__all__ = ["INVALID", "NOT_SOLVED", "SOLVED", "find_challenge", "read_program", "register"]
