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
