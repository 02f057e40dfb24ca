"""Pieces of hint sentences: a sentence to say later in any language, labels, counts, ordinals."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from robolab.i18n import LANGS, Lang, plural
from robolab.messages import label, translate
from robolab.program import If, Not, RepeatUntil, Statement, While
from robolab.stepper import block_ref
from robolab.vocabulary import Action


class Say:
    """A sentence of the catalog (``key``) with its parameters, said in a language later.

    Parameters may be ``{"fr": …, "en": …}`` mappings (translated pieces of sentences).
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params

    def say(self, lang: Lang) -> str:
        return translate(self.key, lang, **self.params)

    def __repr__(self) -> str:
        return f"Say({self.key!r}, {self.params!r})"


def both(key: str, /, **params: Any) -> dict[str, str]:
    """A catalog sentence in every language (to use as a parameter of another sentence)."""
    return {lang: translate(key, lang, **params) for lang in LANGS}


def action_label(action: Action) -> dict[str, str]:
    return label(action.value)


def stmt_label(stmt: Statement | str) -> dict[str, str]:
    """The name of a block as teens read it: ``répéter``, ``tant que``…"""
    return label(stmt if isinstance(stmt, str) else block_ref(stmt).block)


def sensor_of(stmt: Statement) -> dict[str, str]:
    """The condition of a loop or ``if`` as a short text (``chemin devant``, ``non sur l'arrivée``)."""
    if not isinstance(stmt, If | While | RepeatUntil):
        return {lang: "" for lang in LANGS}
    cond = stmt.cond
    negate = False
    while isinstance(cond, Not):
        negate = not negate
        cond = cond.cond
    text = label(cond.sensor.value)
    if cond.color is not None:
        color = label(cond.color.value)
        text = {lang: f"{text[lang]} {color[lang]}" for lang in LANGS}
    if negate:
        no = label("not")
        text = {lang: f"{no[lang]} {text[lang]}" for lang in LANGS}
    return text


def count_text(n: int, unit: str) -> dict[str, str]:
    """``"2 blocs"`` / ``"2 blocks"``; ``unit`` is block, step or gem."""
    out: dict[str, str] = {}
    for lang in LANGS:
        one, _, many = translate(f"hint.unit.{unit}", lang).partition("|")
        out[lang] = plural(n, one, many or one, lang)
    return out


def nth(n: int) -> dict[str, str]:
    """`` (3e passage)`` / `` (3rd time)``: which run of a block inside a loop."""
    return both("hint.nth", ord=ordinal(n))


def ordinal(n: int) -> dict[str, str]:
    """``1er``/``3e`` and ``1st``/``3rd``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return {"fr": "1er" if n == 1 else f"{n}e", "en": f"{n}{suffix}"}


def path_key(best: Iterable[Action]) -> str:
    """Where the optimal path goes from here, given the actions that start it."""
    best = set(best)
    if Action.MOVE_FORWARD in best:
        return "hint.path.forward"
    if Action.MOVE_BACKWARD in best or {Action.TURN_LEFT, Action.TURN_RIGHT} <= best:
        return "hint.path.back"
    return "hint.path.left" if Action.TURN_LEFT in best else "hint.path.right"
