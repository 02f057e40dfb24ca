"""The ``robolab`` command line (FORMATS §4); each group of commands lives in its own module.

Exit codes: 0 success, 1 "not solved / not valid", 2 invalid input. Broken input never prints a
traceback: it prints ``FILE:LINE: message`` in the chosen language.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from robolab.i18n import default_lang, parse_lang
from robolab.messages import translate

Command = Callable[[argparse.Namespace], int]
INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug in RoboLab, never the user's input


def build_parser() -> argparse.ArgumentParser:
    from robolab.cli import engine

    parser = argparse.ArgumentParser(
        prog="robolab",
        description="RoboLab — défis de programmation par blocs pour robots / block-programming challenges for robots",
    )
    parser.add_argument("--version", action="version", version=f"robolab {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    engine.register(sub)
    for register in _optional_groups():
        register(sub)
    return parser


def _optional_groups() -> list[
    Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None]
]:
    """Command groups of the other packages (simulator, robots, server), added when present."""
    import importlib

    groups = []
    for name in (
        "robolab.cli.show",
        "robolab.cli.sim",
        "robolab.cli.robots",
        "robolab.cli.serve",
        "robolab.cli.hint",
        "robolab.cli.mat",
        "robolab.cli.pack",
        "robolab.cli.loadtest",
    ):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        groups.append(module.register)
    return groups


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        type=parse_lang,
        default=default_lang(),
        choices=["fr", "en"],
        help="langue des messages / language of messages (fr, en; default: $ROBOLAB_LANG or fr)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Command | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: say so kindly, without a traceback, and exit apart
        lang = getattr(args, "lang", None) or default_lang()
        print(
            translate("cli.internal_error", lang, error=f"{type(exc).__name__}: {exc}"),
            file=sys.stderr,
        )
        return INTERNAL_ERROR


def _version() -> str:
    from robolab import __version__

    return __version__


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
