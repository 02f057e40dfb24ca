"""What a teen reads after a run."""

MESSAGES: dict[str, tuple[str, str]] = {
    # after a run
    "run.crash": (
        "Aïe ! Le robot s'est cogné contre un mur au bloc {number} « {label} ».",
        "Ouch! The robot bumped into a wall at block {number} ({label}).",
    ),
    "run.fall": (
        "Plouf ! Le robot est tombé dans l'eau au bloc {number} « {label} ».",
        "Splash! The robot fell into the water at block {number} ({label}).",
    ),
    "run.timeout": (
        "Le programme tourne en rond : {ticks} blocs exécutés sans arriver au but. "
        "Vérifie quand tes boucles s'arrêtent.",
        "The program is going round in circles: {ticks} blocks run without reaching the goal. "
        "Check when your loops stop.",
    ),
    "run.too_many_calls": (
        "Trop d'appels de procédure les uns dans les autres au bloc {number} : "
        "une procédure s'appelle-t-elle sans fin ?",
        "Too many procedure calls inside each other at block {number}: "
        "does a procedure call itself forever?",
    ),
    "run.incomplete_near": (
        "Le programme s'est arrêté à {steps} du but. Il manque encore des blocs, ou des répétitions !",
        "The program stopped {steps} away from the goal. Some blocks, or repetitions, are still missing!",
    ),
    "run.timeout_still": (
        "Le robot ne bouge plus : une boucle tourne sans le faire avancer ({ticks} blocs exécutés, "
        "dernier : bloc {number}). Vérifie la condition de ta boucle.",
        "The robot is not moving any more: a loop keeps going without moving it ({ticks} blocks run, "
        "last one: block {number}). Check your loop's condition.",
    ),
    "run.gems_left_one": (
        "Le programme s'est arrêté, mais il reste 1 gemme à ramasser.",
        "The program stopped, but 1 gem is still to be picked up.",
    ),
    "run.gems_left_one_on_goal": (
        "Le robot est arrivé au drapeau, mais il reste 1 gemme à ramasser : "
        "il faut toutes les prendre avant d'arriver.",
        "The robot reached the flag, but 1 gem is still to be picked up: "
        "it must take them all before arriving.",
    ),
    "run.gems_left_on_goal": (
        "Le robot est arrivé au drapeau, mais il reste {count} gemmes à ramasser : "
        "il faut toutes les prendre avant d'arriver.",
        "The robot reached the flag, but {count} gems are still to be picked up: "
        "it must take them all before arriving.",
    ),
    "run.unused_procedure": (
        "(La procédure {names} n'est jamais appelée : elle ne sert à rien pour l'instant.)",
        "(The procedure {names} is never called: it does nothing for now.)",
    ),
    "run.unused_procedures": (
        "(Les procédures {names} ne sont jamais appelées : elles ne servent à rien pour l'instant.)",
        "(The procedures {names} are never called: they do nothing for now.)",
    ),
    "run.incomplete": (
        "Le programme s'est arrêté avant le drapeau. Il manque encore des blocs !",
        "The program stopped before the flag. Some blocks are still missing!",
    ),
    "run.gems_left": (
        "Le programme s'est arrêté, mais il reste {count} gemmes à ramasser.",
        "The program stopped, but {count} gems are still to be picked up.",
    ),
    "run.empty": (
        "Ton programme est vide : ajoute des blocs pour faire bouger le robot !",
        "Your program is empty: add blocks to make the robot move!",
    ),
    "run.variant_failed": (
        "Ça marche sur cette carte, mais pas sur la variante n°{n} : {why} "
        "Ton programme doit marcher sur toutes les cartes.",
        "It works on this map, but not on variant #{n}: {why} Your program must work on every map.",
    ),
    "run.success_perfect": (
        "Bravo ! Trois étoiles : c'est une solution parfaite !",
        "Well done! Three stars: that is a perfect solution!",
    ),
    "run.success_fewer_blocks": (
        "Bravo ! Tu peux encore gagner une étoile avec {blocks} de moins.",
        "Well done! You can still win a star with {blocks} fewer.",
    ),
    "run.success_fewer_steps": (
        "Bravo ! Tu peux encore gagner une étoile avec un chemin plus court ({steps} de moins).",
        "Well done! You can still win a star with a shorter path ({steps} fewer).",
    ),
    "run.success_two_more": (
        "Bravo ! Encore deux étoiles à gagner : {blocks} de moins et un chemin plus court ({steps} de moins).",
        "Well done! Two more stars to win: {blocks} fewer and a shorter path ({steps} fewer).",
    ),
    "run.invalid": (
        "Ce programme ne peut pas être lancé : {why}",
        "This program cannot run: {why}",
    ),
}
