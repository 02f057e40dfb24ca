"""Team pseudonyms: an animal and a colour, shown in French or in English. Never a name.

A pseudonym is stored as two keys (``fox`` + ``orange``); French puts the colour after the animal
and makes it agree ("Tortue verte"), English puts it first ("Green Turtle").
"""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from robolab.i18n import Lang


@dataclass(frozen=True)
class Animal:
    key: str
    fr: str
    feminine: bool
    en: str


@dataclass(frozen=True)
class Colour:
    key: str
    fr: str
    fr_feminine: str
    en: str
    css: str


ANIMALS: tuple[Animal, ...] = (
    Animal("fox", "Renard", False, "Fox"),
    Animal("turtle", "Tortue", True, "Turtle"),
    Animal("otter", "Loutre", True, "Otter"),
    Animal("owl", "Hibou", False, "Owl"),
    Animal("panda", "Panda", False, "Panda"),
    Animal("koala", "Koala", False, "Koala"),
    Animal("dolphin", "Dauphin", False, "Dolphin"),
    Animal("whale", "Baleine", True, "Whale"),
    Animal("giraffe", "Girafe", True, "Giraffe"),
    Animal("lynx", "Lynx", False, "Lynx"),
    Animal("zebra", "Zèbre", False, "Zebra"),
    Animal("tiger", "Tigre", False, "Tiger"),
    Animal("penguin", "Pingouin", False, "Penguin"),
    Animal("beaver", "Castor", False, "Beaver"),
    Animal("squirrel", "Écureuil", False, "Squirrel"),
    Animal("hedgehog", "Hérisson", False, "Hedgehog"),
    Animal("llama", "Lama", False, "Llama"),
    Animal("octopus", "Poulpe", False, "Octopus"),
    Animal("bee", "Abeille", True, "Bee"),
    Animal("frog", "Grenouille", True, "Frog"),
    Animal("unicorn", "Licorne", True, "Unicorn"),
    Animal("dragon", "Dragon", False, "Dragon"),
    Animal("seal", "Phoque", False, "Seal"),
    Animal("gazelle", "Gazelle", True, "Gazelle"),
)

COLOURS: tuple[Colour, ...] = (
    Colour("red", "rouge", "rouge", "Red", "#e63946"),
    Colour("orange", "orange", "orange", "Orange", "#ff8c1a"),
    Colour("yellow", "jaune", "jaune", "Yellow", "#f2c200"),
    Colour("green", "vert", "verte", "Green", "#2e9e4f"),
    Colour("blue", "bleu", "bleue", "Blue", "#2f6fdb"),
    Colour("purple", "violet", "violette", "Purple", "#8a4fd8"),
    Colour("pink", "rose", "rose", "Pink", "#e85d9e"),
    Colour("turquoise", "turquoise", "turquoise", "Turquoise", "#13a8a0"),
    Colour("gold", "doré", "dorée", "Gold", "#c9a227"),
    Colour("silver", "argenté", "argentée", "Silver", "#8e9aa8"),
)

ANIMAL_BY_KEY = {a.key: a for a in ANIMALS}
COLOUR_BY_KEY = {c.key: c for c in COLOURS}


def is_valid(animal: str, colour: str) -> bool:
    return animal in ANIMAL_BY_KEY and colour in COLOUR_BY_KEY


def pseudonym(animal: str, colour: str, lang: Lang) -> str:
    """``("turtle", "green")`` -> ``"Tortue verte"`` / ``"Green Turtle"``."""
    a, c = ANIMAL_BY_KEY[animal], COLOUR_BY_KEY[colour]
    if lang == "fr":
        return f"{a.fr} {c.fr_feminine if a.feminine else c.fr}"
    return f"{c.en} {a.en}"


def describe(animal: str, colour: str) -> dict[str, Any]:
    """The JSON form: both keys, the name in both languages and the colour for the badge."""
    return {
        "animal": animal,
        "color": colour,
        "name": {"fr": pseudonym(animal, colour, "fr"), "en": pseudonym(animal, colour, "en")},
        "css": COLOUR_BY_KEY[colour].css,
    }


def suggest(taken: Collection[tuple[str, str]], count: int = 4) -> list[tuple[str, str]]:
    """Up to ``count`` free pseudonyms with different animals and colours, chosen at random."""
    free = [(a.key, c.key) for a in ANIMALS for c in COLOURS if (a.key, c.key) not in taken]
    out: list[tuple[str, str]] = []
    animals: set[str] = set()
    colours: set[str] = set()
    while free and len(out) < count:
        pick = free.pop(secrets.randbelow(len(free)))
        if pick[0] in animals or (pick[1] in colours and len(colours) < len(COLOURS)):
            continue
        out.append(pick)
        animals.add(pick[0])
        colours.add(pick[1])
    return out


def choices(lang: Lang) -> dict[str, list[dict[str, str]]]:
    """Every animal and colour (for the "we already have a pseudonym" pickers)."""
    return {
        "animals": [{"key": a.key, "name": a.fr if lang == "fr" else a.en} for a in ANIMALS],
        "colors": [
            {"key": c.key, "name": c.fr if lang == "fr" else c.en, "css": c.css} for c in COLOURS
        ],
    }
