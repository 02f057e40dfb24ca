"""Number options of the command line, checked by argparse with a bilingual message."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable


def number_in(low: float, high: float, *, whole: bool = False) -> Callable[[str], float]:
    """An argparse ``type`` accepting a number from ``low`` to ``high`` (a whole one if asked)."""

    def parse(text: str) -> float:
        try:
            value = int(text) if whole else float(text)
        except ValueError:
            value = math.nan
        if not low <= value <= high:
            kind = "un nombre entier" if whole else "un nombre"
            kind_en = "a whole number" if whole else "a number"
            raise argparse.ArgumentTypeError(
                f"{kind} de {low:g} à {high:g} / {kind_en} from {low:g} to {high:g}: {text!r}"
            )
        return value

    return parse


def whole_in(low: int, high: int) -> Callable[[str], int]:
    """Like :func:`number_in` for whole numbers (the value is an ``int``)."""
    parse = number_in(low, high, whole=True)
    return lambda text: int(parse(text))
