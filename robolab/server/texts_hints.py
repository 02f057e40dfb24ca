"""The sentences of the hints in the classroom: API errors, the tablet's hint panel, the
dashboard's counts and the exports' column (French first, then English).

The hints themselves are the engine's (``hint.*`` keys of :mod:`robolab.messages`); the server's
keys here start with ``hints.`` so they never shadow them.
"""

from __future__ import annotations

HINTS_CATALOG: dict[str, tuple[str, str]] = {
    # API errors
    "hints.no_attempt": (
        "Lance d'abord ton programme : l'indice vient de ton essai.",
        "Run your program first: the hint comes from your run.",
    ),
    "hints.perfect": (
        "Ton programme a déjà 3 étoiles : il n'y a rien à améliorer !",
        "Your program already has 3 stars: there is nothing to improve!",
    ),
    "hints.order": (
        "Demande d'abord l'indice {level}.",
        "Ask for hint {level} first.",
    ),
    "hints.rate_limited": (
        "Doucement ! Relis les indices déjà donnés, puis réessaie dans une minute.",
        "Slow down! Read the hints you already have, then try again in a minute.",
    ),
    "hints.want_level": ("un niveau d'indice : 1, 2 ou 3", "a hint level: 1, 2 or 3"),
    "hints.want_attempt": ("un numéro d'essai", "an attempt number"),
    # the tablet's hint panel (after a run)
    "ui.need_hint": ("Besoin d'un indice ?", "Need a hint?"),
    "ui.hint_more": ("Encore un indice", "Another hint"),
    "ui.hint_done": (
        "Tu as vu tous les indices de cet essai. Modifie ton programme et relance-le !",
        "You have seen every hint for this run. Change your program and run it again!",
    ),
    "ui.hint_thinking": ("Je réfléchis…", "Thinking…"),
    "ui.hint_of": ("Indice {n} sur 3", "Hint {n} of 3"),
    "ui.hint_level_1": ("Piste", "Clue"),
    "ui.hint_level_2": ("Où ça coince", "Where it goes wrong"),
    "ui.hint_level_3": ("Essaie ça", "Try this"),
    "ui.hint_show_block": ("Montre-moi le bloc", "Show me the block"),
    "ui.hint_block_gone": (
        "Ce bloc n'est plus là : tu as changé ton programme depuis cet essai.",
        "This block is gone: you changed your program since this run.",
    ),
    "ui.hint_written": ("Conseil du défi :", "Challenge tip:"),
    # the facilitator's dashboard and team page
    "fac.hints_n": ("{n} indices", "{n} hints"),
    "fac.hints_n_one": ("{n} indice", "{n} hint"),
    "fac.hints_title": ("Indices vus pour cet essai", "Hints seen for this run"),
    "fac.no_hints": ("Aucun indice demandé pour cet essai.", "No hint asked for this run."),
    "fac.hint_level": ("Niveau {n}", "Level {n}"),
    "fac.hint_seen_times": ("vu {n} fois", "seen {n} times"),
    # exports
    "export.hints": ("indices", "hints"),
}
