"""Every sentence RoboLab says, in French and in English.

Keys are stable identifiers (also used as error codes in JSON); values are ``str.format`` templates.
Parameters that are themselves translated texts may be passed as ``{"fr": …, "en": …}`` mappings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from robolab.i18n import Lang, pick

CATALOG: dict[str, tuple[str, str]] = {
    # where an error is
    "where.block": ("Bloc {number} : {text}", "Block {number}: {text}"),
    "where.path": ("{path} : {text}", "{path}: {text}"),
    "problems.many": ("{count} problèmes", "{count} problems"),
    # files
    "file.unreadable": (
        "impossible de lire {file} ({reason})",
        "cannot read {file} ({reason})",
    ),
    "file.not_utf8": (
        "le fichier n'est pas du texte UTF-8",
        "the file is not UTF-8 text",
    ),
    "file.bad_json": (
        "JSON invalide ligne {line}, colonne {column} : {reason}",
        "invalid JSON at line {line}, column {column}: {reason}",
    ),
    "file.bad_yaml": (
        "YAML invalide ligne {line} : {reason}",
        "invalid YAML at line {line}: {reason}",
    ),
    # programs
    "program.too_large": (
        "le programme est trop gros ({size} octets, au plus {max})",
        "the program is too large ({size} bytes, at most {max})",
    ),
    "program.too_deep": (
        "les blocs sont imbriqués trop profondément (au plus {max} niveaux)",
        "blocks are nested too deeply (at most {max} levels)",
    ),
    "program.too_many": (
        "le programme a trop de blocs (au plus {max})",
        "the program has too many blocks (at most {max})",
    ),
    "program.not_program": (
        "un programme doit être une liste de blocs ou un objet avec « main » (reçu : {got})",
        'a program must be a list of blocks or an object with "main" (got: {got})',
    ),
    "program.bad_format": (
        "format « {got} » inconnu, attendu « {want} »",
        'unknown format "{got}", expected "{want}"',
    ),
    "program.unknown_key": (
        "champ « {key} » inconnu dans le programme (attendus : format, main, procedures)",
        'unknown field "{key}" in the program (expected: format, main, procedures)',
    ),
    "program.no_main": (
        "le programme n'a pas de « main »",
        'the program has no "main"',
    ),
    "program.bad_procedures": (
        "« procedures » doit associer des noms à des listes de blocs (reçu : {got})",
        '"procedures" must map names to lists of blocks (got: {got})',
    ),
    "program.not_list": (
        "une liste de blocs est attendue ici (reçu : {got})",
        "a list of blocks is expected here (got: {got})",
    ),
    "program.bad_name": (
        "nom de procédure invalide « {name} » (1 à {max} caractères)",
        'invalid procedure name "{name}" (1 to {max} characters)',
    ),
    "program.empty": (
        "le programme est vide : ajoute des blocs !",
        "the program is empty: add some blocks!",
    ),
    "block.not_object": (
        "un bloc doit être un objet avec « block » (reçu : {got})",
        'a block must be an object with "block" (got: {got})',
    ),
    "block.bad_id": (
        "« id » doit être un texte d'au plus {max} caractères",
        '"id" must be a text of at most {max} characters',
    ),
    "block.no_kind": (
        "il manque le nom du bloc (« block »)",
        'the block\'s name ("block") is missing',
    ),
    "block.unknown": (
        "bloc « {name} » inconnu (connus : {known})",
        'unknown block "{name}" (known: {known})',
    ),
    "block.unknown_field": (
        "champ « {field} » inconnu pour le bloc {block}",
        'unknown field "{field}" for block {block}',
    ),
    "block.missing_field": (
        "il manque « {field} » au bloc {block}",
        'block {block} is missing "{field}"',
    ),
    "block.not_allowed": (
        "le bloc {block} n'est pas disponible dans ce défi",
        "the {block} block is not available in this challenge",
    ),
    "repeat.not_int": (
        "le nombre de répétitions doit être un nombre entier (reçu : {got})",
        "the number of repetitions must be a whole number (got: {got})",
    ),
    "repeat.range": (
        "le nombre de répétitions doit être entre 0 et {max} (reçu : {got})",
        "the number of repetitions must be between 0 and {max} (got: {got})",
    ),
    "call.unknown": (
        "la procédure « {name} » n'existe pas",
        'there is no procedure called "{name}"',
    ),
    "cond.malformed": (
        'condition invalide : attendu {{"sensor": …}} ou {{"not": …}}',
        'invalid condition: expected {{"sensor": …}} or {{"not": …}}',
    ),
    "cond.missing": (
        "il manque la condition",
        "the condition is missing",
    ),
    "cond.unknown_field": (
        "champ « {field} » inconnu dans la condition",
        'unknown field "{field}" in the condition',
    ),
    "cond.unknown_sensor": (
        "capteur « {name} » inconnu (connus : {known})",
        'unknown sensor "{name}" (known: {known})',
    ),
    "cond.no_color": (
        "choisis une couleur pour le capteur « sur la couleur »",
        'choose a colour for the "on the colour" sensor',
    ),
    "cond.bad_color": (
        "couleur « {got} » inconnue (connues : {known})",
        'unknown colour "{got}" (known: {known})',
    ),
    "cond.color_not_allowed": (
        "le capteur {sensor} n'a pas de couleur",
        "the {sensor} sensor takes no colour",
    ),
    "sensor.not_allowed": (
        "le capteur {sensor} n'est pas disponible dans ce défi",
        "the {sensor} sensor is not available in this challenge",
    ),
    "procedure.not_allowed": (
        "les procédures ne sont pas disponibles dans ce défi",
        "procedures are not available in this challenge",
    ),
    # challenge files
    "challenge.too_large": (
        "fichier trop gros ({size} octets, au plus {max})",
        "file too large ({size} bytes, at most {max})",
    ),
    "challenge.bad_yaml": ("YAML invalide : {reason}", "invalid YAML: {reason}"),
    "challenge.too_deep": (
        "le fichier est imbriqué trop profondément",
        "the file is nested too deeply",
    ),
    "challenge.not_mapping": (
        "un défi doit être un dictionnaire YAML (clé: valeur)",
        "a challenge must be a YAML mapping (key: value)",
    ),
    "challenge.unknown_key": (
        "champ « {key} » inconnu (connus : {known})",
        'unknown field "{key}" (known: {known})',
    ),
    "challenge.missing": ("il manque le champ « {field} »", 'the field "{field}" is missing'),
    "challenge.bad_format": (
        "format « {got} » inconnu, attendu « {want} »",
        'unknown format "{got}", expected "{want}"',
    ),
    "challenge.bad_id": (
        "id « {got} » invalide : « paquet/nom » en minuscules, chiffres et « - »",
        'invalid id "{got}": "pack/name" in lowercase letters, digits and "-"',
    ),
    "challenge.bad_text": (
        "« {field} » doit être un texte, ou {{fr: …, en: …}}",
        '"{field}" must be a text, or {{fr: …, en: …}}',
    ),
    "challenge.bad_lang": (
        "langue « {lang} » inconnue dans « {field} » (fr ou en)",
        'unknown language "{lang}" in "{field}" (fr or en)',
    ),
    "challenge.bad_int": (
        "« {field} » doit être un nombre entier entre {low} et {high} (reçu : {got})",
        '"{field}" must be a whole number from {low} to {high} (got: {got})',
    ),
    "challenge.bad_words": (
        "« {field} » doit être une liste de mots",
        '"{field}" must be a list of words',
    ),
    "challenge.bad_list": ("« {field} » doit être une liste", '"{field}" must be a list'),
    "challenge.unknown_block": (
        "bloc « {name} » inconnu (connus : {known})",
        'unknown block "{name}" (known: {known})',
    ),
    "challenge.unknown_sensor": (
        "capteur « {name} » inconnu (connus : {known})",
        'unknown sensor "{name}" (known: {known})',
    ),
    "challenge.unknown_goal": (
        "but « {name} » inconnu (connus : {known})",
        'unknown goal "{name}" (known: {known})',
    ),
    "challenge.no_goal": ("il faut au moins un but", "at least one goal is needed"),
    "challenge.bad_heading": (
        "direction « {got} » inconnue (north, east, south ou west)",
        'unknown heading "{got}" (north, east, south or west)',
    ),
    "challenge.bad_map": (
        "la carte doit être un texte (utilise « map: | »)",
        'the map must be text (use "map: |")',
    ),
    "challenge.bad_par": (
        "« par » doit être {{blocks: N, steps: N ou auto}}",
        '"par" must be {{blocks: N, steps: N or auto}}',
    ),
    "challenge.bad_solution": ("solution : {text}", "solution: {text}"),
    "challenge.bad_variants": (
        "« variants » doit être une liste d'au plus {max} cartes",
        '"variants" must be a list of at most {max} maps',
    ),
    "challenge.bad_variant": (
        "une variante doit avoir « map » (et éventuellement « start »)",
        'a variant must have "map" (and optionally "start")',
    ),
    "challenge.bad_hints": (
        "« hints » doit être une liste d'au plus {max} textes",
        '"hints" must be a list of at most {max} texts',
    ),
    "map.empty": ("la carte est vide", "the map is empty"),
    "map.too_big": (
        "carte trop grande ({width}×{height}, au plus {max}×{max})",
        "map too large ({width}×{height}, at most {max}×{max})",
    ),
    "map.bad_char": (
        "caractère « {char} » inconnu dans la carte (colonne {x}) ; légende : # . S G * ~ r g b y",
        'unknown character "{char}" in the map (column {x}); legend: # . S G * ~ r g b y',
    ),
    "map.no_start": ("la carte n'a pas de case de départ S", "the map has no start cell S"),
    "map.many_starts": (
        "la carte a {count} cases de départ S, il en faut une seule",
        "the map has {count} start cells S, exactly one is needed",
    ),
    "map.too_many_gems": (
        "trop de gemmes ({count}, au plus {max})",
        "too many gems ({count}, at most {max})",
    ),
    "map.no_goal": (
        "le but « reach » demande au moins une case d'arrivée G",
        'the "reach" goal needs at least one goal cell G',
    ),
    "map.no_gems": (
        "le but « collect_all » demande au moins une gemme *",
        'the "collect_all" goal needs at least one gem *',
    ),
    # command line
    "cli.internal_error": (
        "Erreur interne de RoboLab ({error}). Ce n'est pas ta faute : signale-la à l'équipe RoboLab.",
        "RoboLab internal error ({error}). It is not your fault: please report it to the RoboLab team.",
    ),
    "cli.steps_blocks": (
        "pas : {steps} (par {par_steps}) · blocs : {blocks} (par {par_blocks}) · ticks : {ticks}",
        "steps: {steps} (par {par_steps}) · blocks: {blocks} (par {par_blocks}) · ticks: {ticks}",
    ),
    "cli.variants": ("variantes réussies : {ok}/{total}", "variants solved: {ok}/{total}"),
    "cli.warning": ("avertissement", "warning"),
    "cli.check_summary": (
        "{files} fichier(s) vérifié(s) : {problems} problème(s), {warnings} avertissement(s)",
        "{files} file(s) checked: {problems} problem(s), {warnings} warning(s)",
    ),
    "cli.solve": ("Chemin optimal : {steps} pas", "Optimal path: {steps} steps"),
    "cli.demo_header": (
        "défi|titre|niveau|résultat|pas/par|blocs/par|étoiles",
        "challenge|title|tier|outcome|steps/par|blocks/par|stars",
    ),
    "cli.demo_summary": (
        "{count} défis, {failures} échec(s).",
        "{count} challenges, {failures} failure(s).",
    ),
    "challenge.not_found": (
        "aucun fichier ni défi fourni avec cet id",
        "no such file, and no bundled challenge with this id",
    ),
    # simulator (robolab sim, robolab render)
    "sim.no_display": (
        "Pas d'écran pour ouvrir la fenêtre du simulateur. "
        "Utilise --headless (par exemple : --headless --record partie.gif).",
        "No display to open the simulator window. "
        "Use --headless (for example: --headless --record run.gif).",
    ),
    "sim.needs_program": (
        "--headless demande un programme (pour une image du niveau : robolab render)",
        "--headless needs a program (for a picture of the level: robolab render)",
    ),
    "sim.bad_output": (
        "le fichier de sortie doit finir par {suffixes}",
        "the output file must end in {suffixes}",
    ),
    "sim.cannot_write": ("impossible d'écrire {path} ({reason})", "cannot write {path} ({reason})"),
    "sim.written": ("Écrit : {path}", "Written: {path}"),
    "sim.bad_variant": (
        "ce défi n'a pas de variante {n} (de 0 à {max})",
        "this challenge has no variant {n} (0 to {max})",
    ),
    "sim.body": (
        "robot physique : x = {x} mm, y = {y} mm, cap {deg}°, à {off} mm du centre de sa case",
        "physical robot: x = {x} mm, y = {y} mm, heading {deg}°, {off} mm from its cell's centre",
    ),
    "sim.play": ("Lecture", "Play"),
    "sim.pause": ("Pause", "Pause"),
    "sim.step": ("Pas", "Step"),
    "sim.back": ("Retour", "Back"),
    "sim.restart": ("Début", "Restart"),
    "sim.speed": ("Vitesse", "Speed"),
    "sim.language": ("Langue", "Language"),
    "sim.program": ("Programme", "Program"),
    "sim.counters": ("Pas : {steps}   Ticks : {ticks}", "Steps: {steps}   Ticks: {ticks}"),
    "sim.steps": ("Pas : {steps}", "Steps: {steps}"),
    "sim.par": ("par : {steps} pas, {blocks} blocs", "par: {steps} steps, {blocks} blocks"),
    "sim.physics": ("mode physique", "physical mode"),
    "sim.variant": ("variante {n}", "variant {n}"),
    "sim.drive": (
        "Pas de programme : conduis le robot avec les flèches du clavier.",
        "No program: drive the robot with the arrow keys.",
    ),
    "sim.drive_keys": (
        "Flèche haut : avancer · bas : reculer · gauche, droite : tourner · "
        "Retour arrière : annuler · R : recommencer",
        "Up arrow: forward · down: backward · left, right: turn · Backspace: undo · R: restart",
    ),
    "sim.keys": (
        "Espace : lecture/pause · flèche droite : pas · flèche gauche : retour · R : début · "
        "+ et - : vitesse · L : langue",
        "Space: play/pause · right arrow: step · left arrow: back · R: restart · "
        "+ and -: speed · L: language",
    ),
    "outcome.success": ("réussi", "solved"),
    "outcome.crash": ("mur", "crash"),
    "outcome.fall": ("chute", "fall"),
    "outcome.timeout": ("trop long", "timeout"),
    "outcome.incomplete": ("pas fini", "incomplete"),
    "outcome.error": ("erreur", "error"),
    # robolab check
    "check.unsolvable": (
        "impossible à résoudre avec les blocs d'action autorisés",
        "cannot be solved with the allowed action blocks",
    ),
    "check.too_complex": (
        "trop de combinaisons pour le solveur (moins de gemmes ?)",
        "too many combinations for the solver (fewer gems?)",
    ),
    "check.par_steps_impossible": (
        "par.steps vaut {par} mais le meilleur chemin fait {best} pas",
        "par.steps is {par} but the best path takes {best} steps",
    ),
    "check.par_over_max": (
        "par.blocks ({par}) dépasse max_blocks ({max})",
        "par.blocks ({par}) is over max_blocks ({max})",
    ),
    "check.solution_fails": (
        "la solution ne réussit pas la carte : {why}",
        "the solution does not solve the map: {why}",
    ),
    "check.solution_fails_variant": (
        "la solution ne réussit pas la variante n°{n} : {why}",
        "the solution does not solve variant #{n}: {why}",
    ),
    "check.solution_blocks": (
        "la solution a {blocks} blocs, plus que par.blocks ({par}) : elle n'aurait pas 3 étoiles",
        "the solution has {blocks} blocks, more than par.blocks ({par}): it would not earn 3 stars",
    ),
    "check.solution_steps": (
        "la solution fait {steps} pas, plus que par.steps ({par}) : elle n'aurait pas 3 étoiles",
        "the solution takes {steps} steps, more than par.steps ({par}): it would not earn 3 stars",
    ),
    "check.hard_coded": (
        "un même chemin fixe de {steps} pas réussit la carte et toutes ses variantes : "
        "les variantes n'obligent pas à utiliser les capteurs",
        "one fixed path of {steps} steps solves the map and every variant: "
        "the variants do not force the use of sensors",
    ),
    "check.missing_translation": (
        "« {field} » n'est pas traduit ({lang})",
        '"{field}" is not translated ({lang})',
    ),
    "check.no_story": (
        "pas d'histoire (« story ») pour présenter le défi",
        "no story to introduce the challenge",
    ),
    "challenge.duplicate_id": (
        "l'id « {id} » est déjà utilisé par {other}",
        'the id "{id}" is already used by {other}',
    ),
    "pack.bad_id": (
        "id de paquet « {got} » invalide : minuscules, chiffres et « - »",
        'invalid pack id "{got}": lowercase letters, digits and "-"',
    ),
    "pack.foreign_id": (
        "le défi {name} a l'id « {id} », qui devrait commencer par « {pack}/ »",
        'challenge {name} has the id "{id}", which should start with "{pack}/"',
    ),
    "pack.unknown_in_order": (
        "« order » cite « {name} », mais aucun fichier {name}.yaml n'est dans le paquet",
        '"order" names "{name}", but there is no {name}.yaml in the pack',
    ),
    "pack.unreadable": ("pack.yaml illisible : {reason}", "unreadable pack.yaml: {reason}"),
    "pack.not_mapping": (
        "pack.yaml doit être un dictionnaire YAML",
        "pack.yaml must be a YAML mapping",
    ),
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
    # hints from the learner's own run (robolab/hints/)
    "hint.unit.block": ("bloc|blocs", "block|blocks"),
    "hint.unit.step": ("pas|pas", "step|steps"),
    "hint.unit.gem": ("gemme|gemmes", "gem|gems"),
    "hint.nth": (" ({ord} passage)", " ({ord} time)"),
    "hint.at_block": ("Au bloc {number}{nth}", "At block {number}{nth}"),
    "hint.at_block_variant": (
        "Sur la variante n°{n}, au bloc {number}{nth}",
        "On variant #{n}, at block {number}{nth}",
    ),
    "hint.after_block": ("Après le bloc {number}", "After block {number}"),
    "hint.after_block_variant": (
        "Sur la variante n°{n}, après le bloc {number}",
        "On variant #{n}, after block {number}",
    ),
    "hint.did.turn_left": ("le robot a tourné à gauche", "the robot turned left"),
    "hint.did.turn_right": ("le robot a tourné à droite", "the robot turned right"),
    "hint.did.move_forward": ("le robot a avancé", "the robot moved forward"),
    "hint.did.move_backward": ("le robot a reculé", "the robot moved backward"),
    "hint.did.crash_forward": ("le robot a foncé dans un mur", "the robot drove into a wall"),
    "hint.did.crash_backward": ("le robot a reculé dans un mur", "the robot backed into a wall"),
    "hint.did.fall_forward": ("le robot est tombé dans l'eau", "the robot fell into the water"),
    "hint.did.fall_backward": ("le robot a reculé dans l'eau", "the robot backed into the water"),
    "hint.path.forward": ("le chemin continue tout droit", "the path goes straight on"),
    "hint.path.left": ("le chemin continue à gauche", "the path goes on to the left"),
    "hint.path.right": ("le chemin continue à droite", "the path goes on to the right"),
    "hint.path.back": ("le chemin continue derrière le robot", "the path goes on behind the robot"),
    "hint.wrong_step": ("{where}, {did} : ici, {path}.", "{where}, {did}: here, {path}."),
    "hint.wrong_step_lost": (
        "{where}, {did} : à partir de là, il ne peut plus arriver au but.",
        "{where}, {did}: from there, it cannot reach the goal any more.",
    ),
    "hint.detour": (
        "{where}, le robot fait un détour : ici, {path}.",
        "{where}, the robot takes a detour: here, {path}.",
    ),
    "hint.next_block": (
        "{where}, le bon bloc est « {action} ».",
        '{where}, the right block is "{action}".',
    ),
    "hint.then_block": (
        "Le bloc suivant est « {action} ».",
        'The next block is "{action}".',
    ),
    "hint.stopped_at": (
        "{where}, le programme s'arrête alors que le robot est encore à {steps} du but.",
        "{where}, the program stops while the robot is still {steps} away from the goal.",
    ),
    "hint.no_move": (
        "Ton programme ne fait jamais bouger le robot : ajoute un bloc qui le fait avancer ou tourner.",
        "Your program never moves the robot: add a block that makes it move or turn.",
    ),
    "hint.nudge.crash": (
        "Aïe, le robot se cogne contre un mur ! Suis son trajet avec ton doigt, bloc par bloc : "
        "à quel moment se trompe-t-il ?",
        "Ouch, the robot bumps into a wall! Follow its path with your finger, block by block: "
        "when does it go wrong?",
    ),
    "hint.nudge.fall": (
        "Plouf, le robot tombe à l'eau ! Suis son trajet avec ton doigt, bloc par bloc : "
        "à quel moment se trompe-t-il ?",
        "Splash, the robot falls into the water! Follow its path with your finger, block by "
        "block: when does it go wrong?",
    ),
    "hint.nudge.off_path": (
        "Le robot quitte le bon chemin. Suis son trajet avec ton doigt : où se trompe-t-il ?",
        "The robot leaves the right path. Follow it with your finger: where does it go wrong?",
    ),
    "hint.nudge.stopped": (
        "Le robot est sur le bon chemin, mais ton programme s'arrête trop tôt : il manque des "
        "blocs.",
        "The robot is on the right path, but your program stops too early: some blocks are "
        "missing.",
    ),
    "hint.nudge.stopped_gems": (
        "Le robot est sur le bon chemin, mais ton programme s'arrête trop tôt : il reste {gems} "
        "à ramasser.",
        "The robot is on the right path, but your program stops too early, with {gems} left to "
        "pick up.",
    ),
    "hint.nudge.gems_left": (
        "Ton programme s'arrête avec encore {gems} à ramasser : chaque gemme demande un détour.",
        "Your program stops with {gems} left to pick up: each gem needs a detour.",
    ),
    "hint.nudge.stuck": (
        "Le robot ne bouge plus : une boucle tourne sans fin sans le faire avancer.",
        "The robot does not move any more: a loop goes on and on without moving it.",
    ),
    "hint.nudge.endless": (
        "Le robot tourne en rond : il repasse sans fin par les mêmes cases.",
        "The robot is going round in circles: it keeps coming back to the same squares.",
    ),
    "hint.nudge.calls": (
        "Une procédure s'appelle elle-même sans jamais s'arrêter.",
        "A procedure calls itself and never stops.",
    ),
    "hint.nudge.variant": (
        "Ton programme marche sur la première carte, mais pas sur la variante n°{n} : "
        "ses chemins sont différents.",
        "Your program works on the first map, but not on variant #{n}: its paths are different.",
    ),
    "hint.nudge.use_sensor": (
        "Compter les cases ne suffit pas : utilise un capteur pour que le robot regarde le chemin.",
        "Counting squares is not enough: use a sensor so the robot looks at the path.",
    ),
    "hint.stuck_loop": (
        "La boucle du bloc {number} « {label} » ne s'arrête jamais : le robot ne bouge plus, "
        "donc « {sensor} » donne toujours la même réponse.",
        'The loop at block {number} ("{label}") never stops: the robot does not move, '
        'so "{sensor}" always gives the same answer.',
    ),
    "hint.stuck_block": (
        "Au bloc {number}, le programme tourne sans faire bouger le robot.",
        "At block {number}, the program keeps going without moving the robot.",
    ),
    "hint.stuck_fix": (
        "Dans la boucle du bloc {number}, ajoute un bloc qui fait bouger le robot, par exemple "
        "« {action} ».",
        'Inside the loop at block {number}, add a block that moves the robot, for example "{action}".',
    ),
    "hint.endless_loop": (
        "La boucle du bloc {number} « {label} » ne s'arrête jamais : le robot repasse sans cesse "
        "par les mêmes cases.",
        'The loop at block {number} ("{label}") never stops: the robot keeps coming back to the '
        "same squares.",
    ),
    "hint.calls_at": (
        "Au bloc {number}, la procédure « {name} » s'appelle encore et encore, sans jamais s'arrêter.",
        'At block {number}, the procedure "{name}" calls itself again and again, never stopping.',
    ),
    "hint.calls_fix": (
        "Mets l'appel du bloc {number} dans un « si », ou enlève-le : la procédure doit pouvoir "
        "s'arrêter.",
        'Put the call at block {number} inside an "if", or remove it: the procedure must be able '
        "to stop.",
    ),
    "hint.too_many_blocks": (
        "Ton programme a {count} blocs, mais ce défi en permet {max} : cherche ce qui se répète.",
        "Your program has {count} blocks, but this challenge allows {max}: look for what repeats.",
    ),
    "hint.fewer_blocks": (
        "Ton programme marche ! Une solution existe avec {blocks} de moins : cherche ce qui se "
        "répète.",
        "Your program works! There is a solution with {blocks} fewer: look for what repeats.",
    ),
    "hint.fewer_blocks_unused": (
        "Ton programme marche ! Une solution existe avec {blocks} de moins : un bloc ne sert à "
        "rien.",
        "Your program works! There is a solution with {blocks} fewer: a block is never used.",
    ),
    "hint.fewer_blocks_look": (
        "Des blocs qui se suivent font-ils la même chose ? Une boucle ou une procédure peut les "
        "remplacer.",
        "Do blocks that follow each other do the same thing? A loop or a procedure can replace them.",
    ),
    "hint.unused": (
        "Le bloc {number} « {label} » ne sert à rien : le robot est déjà arrivé avant.",
        'Block {number} ("{label}") is never used: the robot has already arrived before.',
    ),
    "hint.repeats": (
        "Les blocs {first} à {last} font {times} fois la même chose.",
        "Blocks {first} to {last} do the same thing {times} times.",
    ),
    "hint.blocks_range": ("les blocs {first} à {last}", "blocks {first} to {last}"),
    "hint.use_repeat": (
        "Remplace les blocs {first} à {last} par « répéter {times} fois » avec dedans : {body}.",
        'Replace blocks {first} to {last} with "repeat {times} times" holding: {body}.',
    ),
    "hint.reference_uses": (
        "La solution la plus courte utilise le bloc « {block} ».",
        'The shortest solution uses the "{block}" block.',
    ),
    "hint.try_block": (
        "Essaie le bloc « {block} » : la solution la plus courte l'utilise.",
        'Try the "{block}" block: the shortest solution uses it.',
    ),
    "hint.try_sensor": (
        "Essaie le bloc « {block} » avec le capteur « {sensor} » : le robot regardera le chemin "
        "au lieu de compter les cases.",
        'Try the "{block}" block with the "{sensor}" sensor: the robot will look at the path '
        "instead of counting squares.",
    ),
    "hint.try_sensor_more": (
        "Essaie un bloc « {block} » avec le capteur « {sensor} ».",
        'Try an "{block}" block with the "{sensor}" sensor.',
    ),
    "hint.shorter": (
        "Ton programme marche ! Un chemin plus court existe : {steps} de moins.",
        "Your program works! There is a shorter path: {steps} fewer.",
    ),
    "hint.perfect": (
        "Bravo, trois étoiles : il n'y a rien à améliorer ! Essaie le défi suivant.",
        "Well done, three stars: there is nothing to improve! Try the next challenge.",
    ),
    "hint.empty_look": (
        "Regarde où le robot doit aller en premier, puis ajoute les blocs un par un.",
        "Look where the robot must go first, then add the blocks one by one.",
    ),
    "hint.start_with": ("Commence par le bloc « {action} ».", 'Start with the "{action}" block.'),
    "hint.text": ("{text}", "{text}"),
    "hint.edit.replace": (
        "Essaie « {action} » à la place du bloc {number}.",
        'Try "{action}" instead of block {number}.',
    ),
    "hint.edit.insert_before": (
        "Ajoute « {action} » juste avant le bloc {number}.",
        'Add "{action}" just before block {number}.',
    ),
    "hint.edit.insert_after": (
        "Ajoute « {action} » juste après le bloc {number}.",
        'Add "{action}" just after block {number}.',
    ),
    "hint.edit.append": (
        "Ajoute « {action} » à la fin du programme.",
        'Add "{action}" at the end of the program.',
    ),
    "hint.edit.remove": (
        "Essaie d'enlever le bloc {number} « {label} ».",
        'Try removing block {number} ("{label}").',
    ),
    "hint.edit.times": (
        "Au bloc {number}, essaie « répéter {times} fois » au lieu de {old} fois.",
        'At block {number}, try "repeat {times} times" instead of {old}.',
    ),
    "hint.edit.into_loop": (
        "Ajoute « {action} » à la fin de la boucle du bloc {number}.",
        'Add "{action}" at the end of the loop at block {number}.',
    ),
    "cli.hint_level": ("Indice {level} : {text}", "Hint {level}: {text}"),
    "cli.hint_written": ("Indice du défi : {text}", "Challenge hint: {text}"),
    # printable mats: robolab mat (simulator/mat.py)
    "mat.portrait": ("portrait", "portrait"),
    "mat.landscape": ("paysage", "landscape"),
    "mat.page_info": (
        "{challenge} · {title} · case de {cell} mm · {paper} {orientation} · page {n}/{count} "
        "(colonne {col}, rangée {row})",
        "{challenge} · {title} · {cell} mm cells · {paper} {orientation} · page {n}/{count} "
        "(column {col}, row {row})",
    ),
    "mat.single_info": (
        "{challenge} · {title} · case de {cell} mm · tapis de {w} × {h} cm",
        "{challenge} · {title} · {cell} mm cells · mat {w} × {h} cm",
    ),
    "mat.scale": (
        "10 cm : sinon, imprime à 100 % (taille réelle)",
        "10 cm: if not, print at 100% (actual size)",
    ),
    "mat.goes_here": ("{label} se pose ici", "{label} goes here"),
    "mat.cover_info": (
        "Tapis de {w} × {h} cm · cases de {cell} mm · {pages} pages {paper} {orientation} "
        "({cols} colonnes × {rows} rangées) · plan d'assemblage",
        "Mat {w} × {h} cm · {cell} mm cells · {pages} {paper} pages, {orientation} "
        "({cols} columns × {rows} rows) · assembly plan",
    ),
    "mat.step1": (
        "Imprime toutes les pages à 100 % (taille réelle, sans « ajuster à la page ») et vérifie "
        "que la barre mesure bien 10 cm.",
        'Print every page at 100% (actual size, no "fit to page") and check that the bar '
        "measures 10 cm.",
    ),
    "mat.step2": (
        "Range les pages comme sur le plan : les lettres sont les colonnes (de gauche à droite), "
        "les chiffres les rangées (de haut en bas).",
        "Lay the pages out as on the plan: letters are columns (left to right), numbers are rows "
        "(top to bottom).",
    ),
    "mat.step3": (
        "Coupe le bord gauche des pages qui ont une voisine à gauche, et le bord du haut de "
        "celles qui ont une voisine au-dessus, sur les pointillés.",
        "Cut the left edge of the pages that have a neighbour on their left, and the top edge of "
        "those that have one above, along the dotted lines.",
    ),
    "mat.step4": (
        "Pose chaque page sur la bande hachurée de sa voisine, aligne les demi-triangles et le "
        "quadrillage, puis colle ou scotche. Assemble de gauche à droite, de haut en bas.",
        "Lay each page on its neighbour's hatched strip, line up the half-triangles and the grid, "
        "then glue or tape. Assemble left to right, top to bottom.",
    ),
    "mat.step5": (
        "Le robot part de la case bleue, tourné dans le sens de la flèche.",
        "The robot starts on the blue square, facing the way the arrow points.",
    ),
    "mat.too_large": (
        "le tapis ({w} × {h} cm) ne tient pas sur une seule page PDF (au plus {max} cm) : "
        "utilise --paper a4 ou a3",
        "the mat ({w} × {h} cm) does not fit on one PDF page (at most {max} cm): "
        "use --paper a4 or a3",
    ),
    "mat.written": (
        "{path} : plan d'assemblage + {pages} pages {paper} ({orientation}, {cols} colonnes × "
        "{rows} rangées), tapis de {w} × {h} cm, cases de {cell} mm, {dpi} ppp.",
        "{path}: assembly plan + {pages} {paper} pages ({orientation}, {cols} columns × {rows} "
        "rows), mat {w} × {h} cm, {cell} mm cells, {dpi} dpi.",
    ),
    "mat.written_one": (
        "{path} : 1 page {paper} ({orientation}), tapis de {w} × {h} cm, cases de {cell} mm, "
        "{dpi} ppp.",
        "{path}: 1 {paper} page ({orientation}), mat {w} × {h} cm, {cell} mm cells, {dpi} dpi.",
    ),
    "mat.written_single": (
        "{path} : une seule page de {pw} × {ph} cm, tapis de {w} × {h} cm, cases de {cell} mm, "
        "{dpi} ppp.",
        "{path}: one page of {pw} × {ph} cm, mat {w} × {h} cm, {cell} mm cells, {dpi} dpi.",
    ),
    "mat.print_at_100": (
        "Imprime à 100 % (taille réelle, sans « ajuster à la page »), puis vérifie la barre de 10 cm.",
        'Print at 100% (actual size, no "fit to page"), then check the 10 cm bar.',
    ),
    # sharing packs: robolab pack export / import (robolab/pack_archive.py)
    "archive.not_a_pack": (
        "{folder} n'est pas un paquet : il n'y a pas de pack.yaml",
        "{folder} is not a pack: there is no pack.yaml",
    ),
    "archive.pack_invalid": (
        "le paquet {folder} ne passe pas les vérifications de « robolab check »",
        'pack {folder} fails the checks of "robolab check"',
    ),
    "archive.too_many_files": (
        "trop de fichiers ({count}, au plus {max})",
        "too many files ({count}, at most {max})",
    ),
    "archive.file_too_big": (
        "le fichier {name} est trop gros (au plus {max} octets)",
        "file {name} is too big (at most {max} bytes)",
    ),
    "archive.too_big": (
        "l'archive est trop grosse (au plus {max} octets en tout)",
        "the archive is too big (at most {max} bytes in all)",
    ),
    "archive.bad_file_name": (
        "nom de fichier non portable : {name} (lettres, chiffres, - et _, puis .yaml)",
        "file name not portable: {name} (letters, digits, - and _, then .yaml)",
    ),
    "archive.not_zip": (
        "{file} n'est pas une archive zip lisible",
        "{file} is not a readable zip archive",
    ),
    "archive.duplicate": (
        "le fichier {name} apparaît deux fois dans l'archive",
        "file {name} appears twice in the archive",
    ),
    "archive.not_in_manifest": (
        "le fichier {name} n'est pas dans le manifeste de l'archive",
        "file {name} is not listed in the archive's manifest",
    ),
    "archive.size_mismatch": (
        "la taille de {name} ne correspond pas au manifeste",
        "the size of {name} does not match the manifest",
    ),
    "archive.missing_file": (
        "le fichier {name} du manifeste manque dans l'archive",
        "file {name} of the manifest is missing from the archive",
    ),
    "archive.symlink": (
        "l'archive contient un lien symbolique ({name})",
        "the archive contains a symbolic link ({name})",
    ),
    "archive.unsafe_path": (
        "chemin dangereux dans l'archive : {name} (ni .., ni chemin absolu, ni lecteur, ni \\)",
        "unsafe path in the archive: {name} (no .., no absolute path, no drive, no \\)",
    ),
    "archive.unexpected": (
        "élément inattendu dans l'archive : {name} (seuls le manifeste et les fichiers du paquet, "
        "dans un seul dossier, sont attendus)",
        "unexpected entry in the archive: {name} (only the manifest and the pack's files, in one "
        "folder, are expected)",
    ),
    "archive.not_regular": (
        "{name} n'est pas un fichier ordinaire",
        "{name} is not a regular file",
    ),
    "archive.encrypted": ("{name} est chiffré", "{name} is encrypted"),
    "archive.compression": (
        "{name} utilise une compression non prise en charge",
        "{name} uses an unsupported compression",
    ),
    "archive.not_yaml": (
        "{name} n'est pas un fichier de défi : seuls les fichiers .yaml sont acceptés",
        "{name} is not a challenge file: only .yaml files are accepted",
    ),
    "archive.no_manifest": (
        "pas de manifeste (robolab-pack.json) : ce n'est pas un paquet RoboLab",
        "no manifest (robolab-pack.json): this is not a RoboLab pack",
    ),
    "archive.bad_manifest": ("manifeste invalide ({why})", "invalid manifest ({why})"),
    "archive.bad_format": (
        "format d'archive « {got} » inconnu, attendu « {want} »",
        'unknown archive format "{got}", expected "{want}"',
    ),
    "archive.corrupt": (
        "le fichier {name} est abîmé dans l'archive",
        "file {name} is damaged in the archive",
    ),
    "archive.checksum": (
        "l'empreinte sha256 de {name} ne correspond pas au manifeste : archive modifiée ou abîmée",
        "the sha256 checksum of {name} does not match the manifest: the archive was changed or "
        "damaged",
    ),
    "archive.id_mismatch": (
        "le pack.yaml dit « {got} » mais le manifeste dit « {pack} »",
        'pack.yaml says "{got}" but the manifest says "{pack}"',
    ),
    "archive.exists": (
        "le paquet « {pack} » est déjà installé dans {folder} (version {version}) : "
        "ajoute --replace pour le remplacer",
        'pack "{pack}" is already installed in {folder} (version {version}): '
        "add --replace to replace it",
    ),
    "archive.exists_unknown": (
        "le paquet « {pack} » est déjà installé dans {folder} : ajoute --replace pour le remplacer",
        'pack "{pack}" is already installed in {folder}: add --replace to replace it',
    ),
    "archive.exported": (
        "Paquet « {pack} » version {version} : {count} fichier(s) écrit(s) dans {file}.",
        'Pack "{pack}" version {version}: {count} file(s) written to {file}.',
    ),
    "archive.skipped": (
        "Laissés de côté (pas des fichiers de défi) : {names}",
        "Left out (not challenge files): {names}",
    ),
    "archive.installed": (
        "Paquet « {pack} » version {version} installé dans {folder}.",
        'Pack "{pack}" version {version} installed in {folder}.',
    ),
    "archive.replaced": (
        "Paquet « {pack} » version {version} installé dans {folder} (l'ancienne version est "
        "remplacée).",
        'Pack "{pack}" version {version} installed in {folder} (the old version was replaced).',
    ),
    "archive.use_it": (
        "Pour l'utiliser : robolab serve --pack {root}",
        "To use it: robolab serve --pack {root}",
    ),
    "archive.refused": ("{file} : archive refusée : {why}", "{file}: archive refused: {why}"),
    "archive.export_refused": (
        "{folder} : export impossible : {why}",
        "{folder}: cannot export: {why}",
    ),
    # block and sensor names as teens read them
    "label.move_forward": ("avancer", "move forward"),
    "label.move_backward": ("reculer", "move backward"),
    "label.turn_left": ("tourner à gauche", "turn left"),
    "label.turn_right": ("tourner à droite", "turn right"),
    "label.repeat": ("répéter", "repeat"),
    "label.repeat_until": ("répéter jusqu'à", "repeat until"),
    "label.while": ("tant que", "while"),
    "label.if": ("si", "if"),
    "label.call": ("appeler une procédure", "call a procedure"),
    "label.path_ahead": ("chemin devant", "path ahead"),
    "label.path_left": ("chemin à gauche", "path to the left"),
    "label.path_right": ("chemin à droite", "path to the right"),
    "label.at_goal": ("sur l'arrivée", "at the goal"),
    "label.gem_here": ("gemme ici", "gem here"),
    "label.on_color": ("sur la couleur", "on the colour"),
    "label.red": ("rouge", "red"),
    "label.green": ("vert", "green"),
    "label.blue": ("bleu", "blue"),
    "label.yellow": ("jaune", "yellow"),
    "label.not": ("non", "not"),
    "label.start": ("quand on lance", "when run"),
    "label.procedure": ("procédure", "procedure"),
    # Blockly workspaces (robolab/blockly/)
    "blockly.bad_workspace": (
        'espace de travail Blockly invalide : attendu {{"blocks": {{"blocks": [...]}}}}',
        'invalid Blockly workspace: expected {{"blocks": {{"blocks": [...]}}}}',
    ),
    "blockly.bad_block": (
        "bloc Blockly mal formé (« {part} »)",
        'malformed Blockly block ("{part}")',
    ),
    "blockly.unknown_type": ("type de bloc « {name} » inconnu", 'unknown block type "{name}"'),
    "blockly.misplaced": (
        "le bloc « {name} » ne peut pas être placé ici",
        'the "{name}" block cannot go here',
    ),
    "blockly.detached": (
        "ce bloc n'est pas attaché à « quand on lance » : attache-le ou mets-le à la corbeille",
        'this block is not attached to "when run": attach it or drop it in the bin',
    ),
    "blockly.many_stacks": (
        "ce bloc est dans une pile séparée : assemble les blocs en une seule pile",
        "this block is in a separate stack: join the blocks into a single stack",
    ),
    "blockly.many_starts": (
        "il y a plusieurs blocs « quand on lance » : garde-en un seul",
        'there are several "when run" blocks: keep only one',
    ),
    "blockly.empty_times": (
        "il manque le nombre de répétitions",
        "the number of repetitions is missing",
    ),
    "blockly.procedure_params": (
        "les procédures de RoboLab n'ont pas de paramètres",
        "RoboLab procedures take no parameters",
    ),
    "procedure.duplicate": (
        "deux procédures s'appellent « {name} »",
        'two procedures are called "{name}"',
    ),
    # programs as text (robolab/program_text.py)
    "text.line": ("ligne {line} : {text}", "line {line}: {text}"),
    "text.unknown": ("je ne comprends pas « {got} »", 'I do not understand "{got}"'),
    "text.bad_condition": (
        "condition « {got} » inconnue (par exemple : chemin devant, non sur l'arrivée, "
        "sur la couleur rouge)",
        'unknown condition "{got}" (for example: path ahead, not at the goal, on the colour red)',
    ),
    "text.bad_indent": (
        "ce décalage ne correspond à aucune ligne au-dessus",
        "this indentation does not match any line above",
    ),
    "text.unexpected_indent": (
        "cette ligne est décalée mais la ligne d'avant n'ouvre pas de bloc (« : » à la fin)",
        'this line is indented but the line before does not open a block (":" at the end)',
    ),
    "text.else_without_if": (
        "« sinon » doit suivre un « si » au même niveau",
        '"else" must follow an "if" at the same level',
    ),
    "text.nested_procedure": (
        "une procédure se définit tout à gauche, pas à l'intérieur d'un bloc",
        "a procedure is defined at the far left, not inside a block",
    ),
    "text.time": ("fois", "time"),
    "text.times": ("fois", "times"),
    "text.else": ("sinon", "else"),
    "text.call": ("appeler", "call"),
    "text.nothing": ("(rien)", "(nothing)"),
    "program.over_max_blocks": (
        "trop de blocs : {count} pour {max} au maximum",
        "too many blocks: {count} where at most {max} are allowed",
    ),
    # real robots (firmware_bridge, robolab robots / robot / virtual-robot)
    "robot.error": ("problème avec le robot", "robot problem"),
    "robot.bad_line": (
        "ligne incompréhensible reçue du robot « {line} » ({reason})",
        'unreadable line from the robot "{line}" ({reason})',
    ),
    "robot.transport_failed": (
        "connexion impossible à {url} ({reason})",
        "cannot connect to {url} ({reason})",
    ),
    "robot.port_unavailable": (
        "impossible d'ouvrir le port {url} ({reason})",
        "cannot open port {url} ({reason})",
    ),
    "robot.port_missing": (
        "le port {url} n'existe pas : le robot est-il branché ? (robolab robots scan liste les ports)",
        "port {url} does not exist: is the robot plugged in? (robolab robots scan lists the ports)",
    ),
    "robot.port_permission": (
        "pas le droit d'ouvrir {url} : ajoutez votre compte au groupe « dialout » "
        "(sudo usermod -aG dialout $USER) puis reconnectez-vous",
        'no permission to open {url}: add your account to the "dialout" group '
        "(sudo usermod -aG dialout $USER) and log in again",
    ),
    "robot.port_busy": (
        "le port {url} est déjà utilisé par un autre programme (moniteur série, autre RoboLab ?)",
        "port {url} is already used by another program (serial monitor, another RoboLab?)",
    ),
    "robot.no_bluetooth": (
        "le Bluetooth n'est pas disponible sur cet ordinateur (pas d'adaptateur, service "
        "Bluetooth arrêté ou radio éteinte) : utilisez un câble USB",
        "Bluetooth is not available on this computer (no adapter, Bluetooth service stopped "
        "or radio off): use a USB cable",
    ),
    "robot.not_found": (
        "aucun robot trouvé à {url} ({reason})",
        "no robot found at {url} ({reason})",
    ),
    "robot.no_uart": (
        "l'appareil {url} n'a pas le service « Nordic UART » : ce n'est pas un robot RoboLab",
        'the device {url} has no "Nordic UART" service: it is not a RoboLab robot',
    ),
    "robot.no_hello": (
        "rien de RoboLab ne répond sur {url} après {waited} s : le micrologiciel RoboLab "
        "est-il installé ?",
        "nothing RoboLab answers on {url} after {waited} s: is the RoboLab firmware installed?",
    ),
    "robot.incompatible": (
        "ce robot parle le protocole {version}, RoboLab attend le protocole {supported} "
        "(ou sa minuterie de sécurité dépasse 500 ms) : mettez son micrologiciel à jour",
        "this robot speaks protocol {version}, RoboLab expects protocol {supported} "
        "(or its safety watchdog exceeds 500 ms): update its firmware",
    ),
    "robot.link_lost": (
        "la connexion avec le robot est perdue ({reason}) ; il s'est arrêté tout seul",
        "the connection to the robot was lost ({reason}); it stopped by itself",
    ),
    "robot.why.unplugged": ("câble débranché", "cable unplugged"),
    "robot.why.silent": ("le robot ne répond plus", "the robot stopped answering"),
    "robot.why.reset": ("le robot a redémarré", "the robot restarted"),
    "robot.why.out of range": ("hors de portée", "out of range"),
    "robot.why.closed": ("connexion fermée", "connection closed"),
    "robot.timeout": (
        "le robot n'a pas répondu à {verb} (n°{seq}) après {waited} s",
        "the robot did not answer {verb} (#{seq}) after {waited} s",
    ),
    "robot.refused": (
        "le robot a refusé {verb} (n°{seq}) : {code}",
        "the robot refused {verb} (#{seq}): {code}",
    ),
    "robot.no_upload": (
        "ce robot ne sait pas recevoir un programme entier : utilisez le mode pas à pas",
        "this robot cannot receive a whole program: use streamed mode",
    ),
    "robot.plan_too_long": (
        "le trajet fait {steps} pas, ce robot en garde au plus {max} : utilisez le mode pas à pas",
        "the run takes {steps} steps, this robot holds at most {max}: use streamed mode",
    ),
    "robot.busy": (
        "le robot {robot} exécute déjà un programme",
        "robot {robot} is already running a program",
    ),
    "robot.lost_mid_run": (
        "Le robot {robot} a perdu la connexion au bloc {block} et s'est arrêté tout seul. "
        "Ton programme est gardé : tu pourras le relancer.",
        "Robot {robot} lost its connection at block {block} and stopped by itself. "
        "Your program is kept: you can run it again.",
    ),
    "robot.run_stopped": (
        "Le robot {robot} a été arrêté. Ton programme est gardé.",
        "Robot {robot} was stopped. Your program is kept.",
    ),
    "robot.run_invalid": (
        "Le robot {robot} n'a pas bougé : {why}",
        "Robot {robot} did not move: {why}",
    ),
    "robot.run_finished": (
        "Le robot {robot} a fini ton programme.",
        "Robot {robot} finished your program.",
    ),
    "robots.scan_header": (
        "nom|type|micrologiciel|batterie|signal|adresse",
        "name|kind|firmware|battery|signal|address",
    ),
    "robots.none_found": ("aucun robot trouvé", "no robot found"),
    "robots.found": ("{count} robot(s) trouvé(s)", "{count} robot(s) found"),
    "robots.test_hello": (
        "{name} : {kind}, micrologiciel {firmware}, protocole {version}, capacités : {caps}",
        "{name}: {kind}, firmware {firmware}, protocol {version}, capabilities: {caps}",
    ),
    "robots.test_identify": ("le robot clignote et bipe", "the robot blinks and beeps"),
    "robots.test_battery": ("batterie : {mv} mV ({pct} %)", "battery: {mv} mV ({pct}%)"),
    "robots.test_latency": (
        "aller-retour sur {count} commandes : min {low} ms, médiane {mid} ms, max {high} ms",
        "round trip over {count} commands: min {low} ms, median {mid} ms, max {high} ms",
    ),
    "robots.test_ok": ("le robot répond correctement", "the robot answers correctly"),
    "robots.calibration": (
        "étalonnage : case {cell} mm, vitesse {speed} mm/s, voie {track} mm, correction des "
        "virages {trim} %, puissance {power} %",
        "calibration: cell {cell} mm, speed {speed} mm/s, track {track} mm, turn trim {trim}%, "
        "power {power}%",
    ),
    "robots.calibrate_cell": (
        "Le robot va avancer d'une case ({cell} mm). Posez-le sur le tapis, puis appuyez sur "
        "Entrée.",
        "The robot will drive one cell ({cell} mm). Put it on the mat, then press Enter.",
    ),
    "robots.calibrate_measured": (
        "Distance parcourue en mm (Entrée = juste) : ",
        "Distance driven in mm (Enter = exact): ",
    ),
    "robots.calibrate_turn": (
        "Le robot va faire quatre quarts de tour à droite (un tour complet). Appuyez sur Entrée.",
        "The robot will make four quarter turns to the right (one full turn). Press Enter.",
    ),
    "robots.calibrate_angle": (
        "De combien de degrés a-t-il trop tourné ? (négatif s'il n'a pas assez tourné, "
        "Entrée = juste) : ",
        "By how many degrees did it turn too far? (negative if not far enough, Enter = exact): ",
    ),
    "robots.calibrate_bad_number": ("un nombre entier est attendu", "a whole number is expected"),
    "robots.calibrate_saved": (
        "étalonnage enregistré dans le robot",
        "calibration stored in the robot",
    ),
    "robot.run_robot": ("robot {name} ({kind}, {mode})", "robot {name} ({kind}, {mode})"),
    "robot.run_simulated": ("simulation", "simulation"),
    "robot.run_differs": (
        "le robot et la simulation diffèrent : {what}",
        "the robot and the simulation differ: {what}",
    ),
    "robot.run_same": ("le robot a fait comme la simulation", "the robot did as the simulation"),
    "virtual.ready": (
        "robot virtuel « {name} » prêt sur {url} (Ctrl-C pour l'arrêter)",
        'virtual robot "{name}" ready on {url} (Ctrl-C to stop it)',
    ),
    "virtual.no_pty": (
        "les pseudo-terminaux ne sont pas disponibles ici : utilisez --tcp PORT",
        "pseudo-terminals are not available here: use --tcp PORT",
    ),
    "robots.demo_row": (
        "{challenge} : {outcome} sur le robot virtuel {name} ({steps} pas)",
        "{challenge}: {outcome} on virtual robot {name} ({steps} steps)",
    ),
}


def label(name: str) -> dict[str, str]:
    """The name of a block or sensor as teens read it, in both languages."""
    pair = CATALOG.get(f"label.{name}", (name, name))
    return {"fr": pair[0], "en": pair[1]}


def translate(key: str, lang: Lang, /, **params: Any) -> str:
    """The sentence ``key`` in ``lang`` with ``params`` filled in; unknown keys are shown as is."""
    pair = CATALOG.get(key)
    if pair is None:
        return key
    template = pair[0] if lang == "fr" else pair[1]
    values = {k: pick(v, lang) if isinstance(v, Mapping) else v for k, v in params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template
