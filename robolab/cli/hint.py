"""``robolab hint CHALLENGE PROGRAM``: hints from the program's own run (see docs/hints.md)."""

from __future__ import annotations

import argparse
import json

from robolab.cli import add_lang
from robolab.cli.inputs import INVALID, open_challenge, open_program
from robolab.hints import LEVELS, Hint, hint_for, hints_for
from robolab.i18n import Lang
from robolab.messages import translate


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "hint",
        help="indices tirés du programme / hints from the program's own run",
    )
    p.add_argument(
        "challenge", help="fichier de défi ou id (starter/zigzag) / challenge file or id"
    )
    p.add_argument(
        "program", help="programme JSON/YAML ou espace de travail Blockly / program file"
    )
    p.add_argument(
        "--level",
        type=int,
        choices=LEVELS,
        default=None,
        help="1 coup de pouce, 2 ciblé, 3 le bloc à utiliser (défaut : les trois) / "
        "1 nudge, 2 targeted, 3 the block to use (default: all three)",
    )
    p.add_argument("--json", action="store_true", help="en JSON / print JSON")
    add_lang(p)
    p.set_defaults(handler=cmd_hint)


def cmd_hint(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    challenge = open_challenge(args.challenge, lang)
    if challenge is None:
        return INVALID
    program = open_program(args.program, lang)
    if program is None:
        return INVALID
    if args.level is None:
        hints = list(hints_for(challenge, program, lang))
    else:
        hints = [hint_for(challenge, program, args.level, lang)]
    if args.json:
        out = {"challenge": challenge.id, "hints": [h.to_json() for h in hints]}
        print(json.dumps(out, ensure_ascii=False))
    else:
        print("\n".join(_lines(hints, lang)))
    return 0


def _lines(hints: list[Hint], lang: Lang) -> list[str]:
    lines = []
    for hint in hints:
        lines.append(translate("cli.hint_level", lang, level=hint.level, text=hint.text))
        if hint.written:
            lines.append("  " + translate("cli.hint_written", lang, text=hint.written))
    return lines
