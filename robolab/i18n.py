"""Languages and translated texts.

RoboLab is French first: every text a teen or a facilitator sees exists in French and in English.
A :data:`Text` maps a language code to a string; :func:`pick` chooses one with a fallback.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal, TypeAlias

Lang: TypeAlias = Literal["fr", "en"]
LANGS: tuple[Lang, ...] = ("fr", "en")
DEFAULT_LANG: Lang = "fr"

Text: TypeAlias = Mapping[str, str]


def parse_lang(value: str | None) -> Lang:
    """Turns a language tag (``fr``, ``en-GB``, ``fr_FR.UTF-8``…) into a supported language."""
    if value:
        head = value.strip().lower()[:2]
        if head == "en":
            return "en"
        if head == "fr":
            return "fr"
    return DEFAULT_LANG


def default_lang() -> Lang:
    """The language of the command line: ``ROBOLAB_LANG`` if set, else French."""
    return parse_lang(os.environ.get("ROBOLAB_LANG"))


def pick(text: Text | None, lang: Lang) -> str:
    """Returns ``text`` in ``lang``, falling back to the other language, then to ``""``."""
    if not text:
        return ""
    if text.get(lang):
        return text[lang]
    for other in LANGS:
        if text.get(other):
            return text[other]
    return next(iter(text.values()), "")


def plural(n: int, one: str, many: str, lang: Lang) -> str:
    """``"1 bloc"`` / ``"2 blocs"``: French uses the singular for 0 and 1, English only for 1."""
    singular = abs(n) <= 1 if lang == "fr" else abs(n) == 1
    return f"{n} {one if singular else many}"
