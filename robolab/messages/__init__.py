"""Every sentence RoboLab says, in French and in English.

Keys are stable identifiers (also used as error codes in JSON); values are ``str.format`` templates.
Parameters that are themselves translated texts may be passed as ``{"fr": …, "en": …}`` mappings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from robolab.i18n import Lang, pick
from robolab.messages import archives, challenges, commands, hints, mats, programs, robots, runs

_PARTS = (programs, challenges, runs, commands, hints, mats, archives, robots)


def _merge() -> dict[str, tuple[str, str]]:
    catalog: dict[str, tuple[str, str]] = {}
    for part in _PARTS:
        twice = catalog.keys() & part.MESSAGES.keys()
        if twice:  # a key defined in two parts would silently lose one sentence
            raise ValueError(f"message keys defined twice: {sorted(twice)}")
        catalog.update(part.MESSAGES)
    return catalog


CATALOG: dict[str, tuple[str, str]] = _merge()


def label(name: str) -> dict[str, str]:
    """The name of a block or sensor as teens read it, in both languages."""
    pair = CATALOG.get(f"label.{name}", (name, name))
    return {"fr": pair[0], "en": pair[1]}


def translate(key: str, lang: Lang, /, **params: Any) -> str:
    """The sentence ``key`` in ``lang`` with ``params`` filled in; unknown keys are shown as is."""
    pair = CATALOG.get(key)
    return key if pair is None else fill(pair, lang, params)


def fill(pair: tuple[str, str], lang: Lang, params: Mapping[str, Any]) -> str:
    """One (French, English) template in ``lang`` with ``params`` filled in (a parameter may
    itself be a ``{"fr": …, "en": …}`` text); a template that cannot be filled is shown as is."""
    template = pair[0] if lang == "fr" else pair[1]
    values = {k: pick(v, lang) if isinstance(v, Mapping) else v for k, v in params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template
