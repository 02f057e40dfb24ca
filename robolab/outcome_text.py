"""Short words for outcomes and stars, as shown in tables and on screens."""

from __future__ import annotations

from robolab.i18n import Lang
from robolab.messages import translate
from robolab.vocabulary import Outcome


def outcome_label(outcome: Outcome, lang: Lang) -> str:
    """``"réussi"`` / ``"solved"``, ``"mur"`` / ``"crash"``…"""
    return translate(f"outcome.{outcome.value}", lang)


def stars_text(stars: int) -> str:
    """``★★☆`` for 2 stars out of 3."""
    return "★" * stars + "☆" * (3 - stars)
