"""Programs, files and where an error is; block names; Blockly; programs as text."""

MESSAGES: dict[str, tuple[str, str]] = {
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
}
