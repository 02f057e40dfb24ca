"""``robolab show PROGRAM``: a program as readable text, canonical JSON or a Blockly workspace."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from robolab.blockly import dumps_workspace, program_to_workspace
from robolab.cli import add_lang
from robolab.cli.inputs import read_program, where_in_program
from robolab.errors import ProgramError
from robolab.i18n import Lang
from robolab.program import Program
from robolab.program_loader import MAX_BYTES
from robolab.program_text import TextError, parse_text, render_text

INVALID = 2
TEXT_SUFFIXES = (".txt", ".text")


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
    try:
        program = load_any(args.program)
    except TextError as err:
        print(f"{args.program}:{err.line}: {err.reason(lang)}", file=sys.stderr)
        return INVALID
    except ProgramError as err:
        print(f"{where_in_program(args.program, err)}: {err.message(lang)}", file=sys.stderr)
        return INVALID
    if args.format == "json":
        print(json.dumps(program.to_json(), ensure_ascii=False, indent=2))
    elif args.format == "blockly":
        print(dumps_workspace(program_to_workspace(program)))
    else:
        print(render_text(program, lang, numbered=args.numbered))
    return 0


def load_any(ref: str) -> Program:
    """A program from a FORMATS JSON/YAML file, a Blockly workspace file or a text file.

    Raises:
        ProgramError: unreadable or invalid (a :class:`TextError`, with its line, for text files).
    """
    path = Path(ref)
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return read_program(ref)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProgramError(
            "file.unreadable", file=str(path), reason=exc.strerror or str(exc)
        ) from None
    if len(raw) > MAX_BYTES:
        raise ProgramError("program.too_large", size=len(raw), max=MAX_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProgramError("file.not_utf8") from None
    return parse_text(text)
