"""Challenge files, packs and robolab check."""

MESSAGES: dict[str, tuple[str, str]] = {
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
}
