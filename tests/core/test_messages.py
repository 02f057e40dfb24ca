"""Every sentence exists in both languages with the same placeholders."""

from __future__ import annotations

import string

import pytest

from robolab.messages import CATALOG, translate


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_both_languages_take_the_same_parameters(key: str) -> None:
    fr, en = CATALOG[key]
    assert fr.strip() and en.strip()
    assert placeholders(fr) == placeholders(en), key


def test_translated_parameters_are_picked_per_language() -> None:
    text = translate("run.variant_failed", "en", n=2, why={"fr": "non", "en": "no"})
    assert "variant #2: no" in text
    assert translate("no.such.key", "fr") == "no.such.key"
