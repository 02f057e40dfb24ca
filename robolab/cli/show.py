"""``robolab show PROGRAM``: a program as readable text, canonical JSON or a Blockly workspace."""

from __future__ import annotations

import argparse
import json

from robolab.blockly import dumps_workspace, program_to_workspace
from robolab.cli import add_lang
from robolab.cli.inputs import INVALID, open_program
from robolab.i18n import Lang
from robolab.program_text import render_text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "show",
        help="afficher un programme en texte, JSON ou Blockly / show a program as text, JSON or Blockly",
    )
    p.add_argument(
        "program",
        help="programme JSON/YAML, espace de travail Blockly ou texte (.txt) / program file",
    )
    p.add_argument(
        "--format",
        choices=["text", "json", "blockly"],
        default="text",
        help="forme affichée / output form (default: text)",
    )
    p.add_argument(
        "--numbered",
        action="store_true",
        help="numéroter les blocs comme les messages / number blocks as messages do",
    )
    add_lang(p)
    p.set_defaults(handler=cmd_show)


def cmd_show(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    program = open_program(args.program, lang)
    if program is None:
        return INVALID
    if args.format == "json":
        print(json.dumps(program.to_json(), ensure_ascii=False, indent=2))
    elif args.format == "blockly":
        print(dumps_workspace(program_to_workspace(program)))
    else:
        print(render_text(program, lang, numbered=args.numbered))
    return 0
