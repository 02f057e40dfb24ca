"""The level editor's sentences, in French and in English (merged into ``texts.CATALOG``).

``editor.*`` keys are API errors and the live check's words; ``fac.ed_*`` keys are sent to the
facilitator's page with the other ``fac.*`` sentences. Authors are youth workers, not
programmers: no jargon, say what to do next.
"""

from __future__ import annotations

EDITOR_CATALOG: dict[str, tuple[str, str]] = {
    # API errors
    "editor.want_texts": (
        "un texte en français et en anglais",
        "a text in French and in English",
    ),
    "editor.want_number": ("un nombre entier", "a whole number"),
    "editor.want_names": ("une liste de noms", "a list of names"),
    "editor.want_heading": ("north, east, south ou west", "north, east, south or west"),
    "editor.unknown_name": (
        "« {name} » n'est pas permis dans « {field} »",
        '"{name}" is not allowed in "{field}"',
    ),
    "editor.bad_rows": (
        "la carte « {field} » doit avoir de 1 à {max} lignes de 1 à {max} cases",
        'the map "{field}" must have 1 to {max} rows of 1 to {max} cells',
    ),
    "editor.bad_cell": (
        "case inconnue {char} en colonne {x}, ligne {y} de la carte",
        "unknown cell {char} at column {x}, row {y} of the map",
    ),
    "editor.bad_name": (
        "nom de fichier « {name} » invalide : lettres minuscules sans accent, chiffres et tirets",
        'invalid file name "{name}": lowercase letters without accents, digits and dashes',
    ),
    "editor.bad_pack": (
        "nom de paquet « {name} » invalide : lettres minuscules sans accent, chiffres et tirets",
        'invalid pack name "{name}": lowercase letters without accents, digits and dashes',
    ),
    "editor.outside": (
        "ce fichier n'est pas dans le dossier du paquet",
        "this file is not in the pack's folder",
    ),
    "editor.unknown_pack": ("paquet « {pack} » introuvable", 'no pack "{pack}"'),
    "editor.no_file": (
        "le défi « {name} » n'existe pas dans le paquet « {pack} »",
        'there is no challenge "{name}" in the pack "{pack}"',
    ),
    "editor.unreadable": ("impossible de lire {file} ({reason})", "cannot read {file} ({reason})"),
    "editor.broken_file": (
        "{file} a des erreurs : corrige-les dans le fichier ou lance « robolab check »",
        '{file} has errors: fix them in the file or run "robolab check"',
    ),
    "editor.pack_exists": (
        "le paquet « {pack} » existe déjà : choisis-le dans la liste",
        'the pack "{pack}" already exists: pick it from the list',
    ),
    "editor.read_only": (
        "le paquet « {pack} » est fourni avec RoboLab et ne peut pas être modifié : "
        "enregistre une copie dans un de tes paquets",
        'the pack "{pack}" comes with RoboLab and cannot be changed: '
        "save a copy in one of your packs",
    ),
    "editor.exists": (
        "le paquet « {pack} » a déjà un défi « {name} » : choisis un autre nom de fichier",
        'the pack "{pack}" already has a challenge "{name}": choose another file name',
    ),
    "editor.changed_on_disk": (
        "{file} a été modifié depuis que tu l'as ouvert : rouvre-le, ou enregistre sous un "
        "autre nom",
        "{file} changed since you opened it: open it again, or save under another name",
    ),
    "editor.id_taken": (
        "l'identifiant « {id} » est déjà celui de {file} : choisis un autre nom de fichier",
        'the id "{id}" already belongs to {file}: choose another file name',
    ),
    "editor.invalid": (
        "le niveau n'est pas encore prêt ({count} problème(s)) : rien n'a été enregistré",
        "the level is not ready yet ({count} problem(s)): nothing was saved",
    ),
    "editor.write_failed": (
        "impossible d'écrire {file} ({reason})",
        "cannot write {file} ({reason})",
    ),
    "editor.bad_solution": ("solution : {text}", "solution: {text}"),
    "editor.not_ready": (
        "la carte n'est pas encore prête : regarde la liste de vérification",
        "the map is not ready yet: look at the checklist",
    ),
    # the live check
    "editor.no_goal": (
        "choisis au moins un but (atteindre le drapeau, ramasser les gemmes)",
        "choose at least one goal (reach the flag, collect the gems)",
    ),
    "editor.no_blocks": (
        "choisis au moins un bloc permis (étape Règles)",
        "choose at least one allowed block (Rules step)",
    ),
    "editor.no_moves": (
        "la boîte à blocs n'a aucun bloc pour bouger le robot",
        "the toolbox has no block that moves the robot",
    ),
    "editor.unsolvable": (
        "impossible de réussir avec les blocs choisis : le chemin est bloqué",
        "cannot be solved with the chosen blocks: the way is blocked",
    ),
    # the page (fac.ed_*: sent to the facilitator's page)
    "fac.nav_editor": ("Éditeur de niveaux", "Level editor"),
    "fac.ed_title_page": ("Éditeur de niveaux", "Level editor"),
    "fac.ed_intro": (
        "Dessine un niveau, choisis les blocs permis, écris l'histoire, puis résous-le une fois "
        "avec les blocs : RoboLab vérifie qu'il est faisable et calcule les objectifs des étoiles.",
        "Draw a level, choose the allowed blocks, write the story, then solve it once with the "
        "blocks: RoboLab checks that it can be done and works out the targets for the stars.",
    ),
    "fac.ed_where": (
        "Tes paquets sont enregistrés dans : {folder}",
        "Your packs are saved in: {folder}",
    ),
    "fac.ed_new_level": ("Nouveau niveau", "New level"),
    "fac.ed_edit": ("Modifier", "Edit"),
    "fac.ed_copy": ("Ouvrir une copie", "Open a copy"),
    "fac.ed_pack_empty": ("Ce paquet n'a pas encore de niveau.", "This pack has no level yet."),
    "fac.ed_pack_yours": ("Tes niveaux", "Your levels"),
    "fac.ed_pack_readonly": (
        "Fourni avec RoboLab (copie seulement)",
        "Comes with RoboLab (copy only)",
    ),
    "fac.ed_no_user_pack": (
        "Tu n'as pas encore de paquet à toi : il sera créé au premier enregistrement.",
        "You have no pack of your own yet: one is created when you first save.",
    ),
    "fac.ed_untitled": ("Niveau sans titre", "Untitled level"),
    "fac.ed_open": ("Tous les niveaux", "All levels"),
    "fac.ed_file_new": ("Pas encore enregistré.", "Not saved yet."),
    "fac.ed_file_at": ("Fichier : {file}", "File: {file}"),
    "fac.ed_file_readonly": (
        "Niveau fourni avec RoboLab ({file}) : tu peux le modifier et en enregistrer une copie "
        "dans un de tes paquets.",
        "Level that comes with RoboLab ({file}): you can change it and save a copy in one of your "
        "packs.",
    ),
    "fac.ed_rewritten": (
        "À l'enregistrement, le fichier sera réécrit dans la présentation de l'éditeur (ses "
        "commentaires ne seront pas gardés).",
        "When saved, the file is rewritten in the editor's layout (its comments are not kept).",
    ),
    "fac.ed_backup": (
        "Des changements non enregistrés de ce niveau ont été retrouvés (il y a {n} min).",
        "Unsaved changes to this level were found (from {n} min ago).",
    ),
    "fac.ed_backup_restore": ("Les reprendre", "Bring them back"),
    "fac.ed_backup_ignore": ("Ignorer", "Ignore"),
    "fac.ed_step_map": ("Carte", "Map"),
    "fac.ed_step_rules": ("Règles", "Rules"),
    "fac.ed_step_texts": ("Textes", "Texts"),
    "fac.ed_step_solution": ("Solution", "Solution"),
    # the map
    "fac.ed_map_help": (
        "Choisis un outil à gauche, puis clique ou glisse sur la carte pour peindre. Clique une "
        "case déjà peinte avec le même outil pour l'effacer. Avec l'outil Départ, clique le "
        "robot pour le faire tourner.",
        "Pick a tool on the left, then click or drag on the map to paint. Click a cell already "
        "painted with the same tool to erase it. With the Start tool, click the robot to turn it.",
    ),
    "fac.ed_keys_help": (
        "Raccourcis : 1 à 0 pour les outils, R pour tourner le robot, Ctrl+Z pour annuler, "
        "Ctrl+Y pour rétablir.",
        "Shortcuts: 1 to 0 for the tools, R to turn the robot, Ctrl+Z to undo, Ctrl+Y to redo.",
    ),
    "fac.ed_tools": ("Outils", "Tools"),
    "fac.ed_tool_wall": ("Mur", "Wall"),
    "fac.ed_tool_floor": ("Sol", "Floor"),
    "fac.ed_tool_water": ("Eau", "Water"),
    "fac.ed_tool_red": ("Rouge", "Red"),
    "fac.ed_tool_green": ("Vert", "Green"),
    "fac.ed_tool_blue": ("Bleu", "Blue"),
    "fac.ed_tool_yellow": ("Jaune", "Yellow"),
    "fac.ed_tool_gem": ("Gemme", "Gem"),
    "fac.ed_tool_start": ("Départ", "Start"),
    "fac.ed_tool_goal": ("Arrivée", "Goal"),
    "fac.ed_grid_label": ("La carte du niveau", "The level's map"),
    "fac.ed_heading": ("Le robot regarde vers", "The robot faces"),
    "fac.ed_heading_same": ("Comme la carte principale", "Like the main map"),
    "fac.ed_north": ("Haut", "Up"),
    "fac.ed_east": ("Droite", "Right"),
    "fac.ed_south": ("Bas", "Down"),
    "fac.ed_west": ("Gauche", "Left"),
    "fac.ed_size": ("Taille", "Size"),
    "fac.ed_width": ("Largeur", "Width"),
    "fac.ed_height": ("Hauteur", "Height"),
    "fac.ed_size_limit": (
        "La carte va de 2×2 à {w}×{h} cases.",
        "The map goes from 2×2 to {w}×{h} cells.",
    ),
    "fac.ed_too_many_gems": ("{max} gemmes au plus par carte.", "At most {max} gems per map."),
    "fac.ed_undo": ("Annuler", "Undo"),
    "fac.ed_redo": ("Rétablir", "Redo"),
    "fac.ed_clear": ("Tout effacer", "Clear all"),
    "fac.ed_main_map": ("Carte principale", "Main map"),
    "fac.ed_variant_n": ("Variante {n}", "Variant {n}"),
    "fac.ed_add_variant": ("Ajouter une variante", "Add a variant"),
    "fac.ed_variant_help": (
        "Une variante est une autre carte : le programme doit réussir sur toutes les cartes, "
        "ce qui empêche d'apprendre un chemin par cœur.",
        "A variant is another map: the program must succeed on every map, so a path learnt by "
        "heart does not work.",
    ),
    "fac.ed_copy_main": ("Copier la carte principale", "Copy the main map"),
    "fac.ed_delete_variant": ("Supprimer cette variante", "Delete this variant"),
    # the rules
    "fac.ed_goals": ("Le but", "The goal"),
    "fac.ed_goal_reach": ("Atteindre un drapeau", "Reach a flag"),
    "fac.ed_goal_collect_all": ("Ramasser toutes les gemmes", "Collect every gem"),
    "fac.ed_toolbox": ("Les blocs permis", "The allowed blocks"),
    "fac.ed_toolbox_help": (
        "Seuls ces blocs seront proposés aux jeunes. Le robot ne peut bouger qu'avec les "
        "blocs cochés.",
        "Only these blocks are offered to the teens. The robot can only move with the ticked "
        "blocks.",
    ),
    "fac.ed_presets": ("Raccourcis :", "Quick choice:"),
    "fac.ed_preset_sequence": ("Séquence", "Sequence"),
    "fac.ed_preset_loops": ("Boucles", "Loops"),
    "fac.ed_preset_conditions": ("Conditions", "Conditions"),
    "fac.ed_preset_all": ("Tout", "Everything"),
    "fac.ed_group_moves": ("Bouger", "Moving"),
    "fac.ed_group_loops": ("Répéter", "Repeating"),
    "fac.ed_group_choices": ("Choisir", "Choosing"),
    "fac.ed_group_procedures": ("Procédures", "Procedures"),
    "fac.ed_group_sensors": ("Capteurs (questions du robot)", "Sensors (the robot's questions)"),
    "fac.ed_sensors_help": (
        "Utiles avec « répéter jusqu'à », « tant que » et « si ».",
        'Useful with "repeat until", "while" and "if".',
    ),
    "fac.ed_budget": ("Nombre de blocs", "Number of blocks"),
    "fac.ed_max_blocks": ("Au plus", "At most"),
    "fac.ed_max_blocks_help": (
        "Laisse vide pour ne pas limiter. Une limite serrée oblige à utiliser les boucles.",
        "Leave empty for no limit. A tight limit makes loops necessary.",
    ),
    "fac.ed_solution_uses": ("(ta solution en utilise {n})", "(your solution uses {n})"),
    "fac.ed_stars": ("Les étoiles", "The stars"),
    "fac.ed_stars_help": (
        "1 étoile : réussi. 2 : pas plus de blocs que l'objectif. 3 : pas plus de pas que "
        "l'objectif.",
        "1 star: solved. 2: no more blocks than the target. 3: no more steps than the target.",
    ),
    "fac.ed_par_steps_auto": (
        "Objectif de pas : le meilleur chemin",
        "Steps target: the best path",
    ),
    "fac.ed_par_steps_fixed": ("Objectif de pas plus facile :", "An easier steps target:"),
    "fac.ed_par_blocks_auto": (
        "Objectif de blocs : celui de ta solution",
        "Blocks target: your solution's",
    ),
    "fac.ed_par_blocks_fixed": ("Objectif de blocs fixé :", "A fixed blocks target:"),
    "fac.ed_steps_n": ("{n} pas", "{n} steps"),
    "fac.ed_blocks_n": ("{n} blocs", "{n} blocks"),
    "fac.ed_blocks_of": ("{n} blocs sur {max}", "{n} of {max} blocks"),
    "fac.ed_about": ("Le niveau", "The level"),
    "fac.ed_tier": ("Difficulté", "Difficulty"),
    "fac.ed_tier_1": ("1 · Premiers pas", "1 · First steps"),
    "fac.ed_tier_2": ("2 · Facile", "2 · Easy"),
    "fac.ed_tier_3": ("3 · Moyen", "3 · Medium"),
    "fac.ed_tier_4": ("4 · Difficile", "4 · Hard"),
    "fac.ed_tier_5": ("5 · Très difficile", "5 · Very hard"),
    "fac.ed_tier_6": ("6 · Expert", "6 · Expert"),
    "fac.ed_concepts": ("Notions", "Concepts"),
    "fac.ed_concepts_placeholder": ("boucles, capteurs…", "loops, sensors…"),
    "fac.ed_advanced": ("Réglages avancés", "Advanced settings"),
    "fac.ed_max_ticks": ("Temps de calcul au plus", "Computing time at most"),
    "fac.ed_max_ticks_help": (
        "En tics (un par bloc exécuté) ; vide : 10 000. Arrête les boucles sans fin.",
        "In ticks (one per block run); empty: 10,000. Stops endless loops.",
    ),
    # the texts
    "fac.ed_texts_help": (
        "Écris d'abord en français ; l'anglais sert aux jeunes qui lisent mieux l'anglais.",
        "Write in French first; English is for the teens who read English better.",
    ),
    "fac.ed_french": ("Français", "French"),
    "fac.ed_english": ("Anglais", "English"),
    "fac.ed_title": ("Titre", "Title"),
    "fac.ed_story": ("Histoire (la mission)", "Story (the mission)"),
    "fac.ed_hint": ("Indice", "Hint"),
    "fac.ed_placeholder_title_fr": ("Le grand labyrinthe", "Le grand labyrinthe"),
    "fac.ed_placeholder_title_en": ("The big maze", "The big maze"),
    "fac.ed_placeholder_story_fr": (
        "Aide le robot à rejoindre le drapeau…",
        "Aide le robot à rejoindre le drapeau…",
    ),
    "fac.ed_placeholder_story_en": (
        "Help the robot reach the flag…",
        "Help the robot reach the flag…",
    ),
    "fac.ed_placeholder_hint_fr": (
        "Regarde bien ce qui se répète…",
        "Regarde bien ce qui se répète…",
    ),
    "fac.ed_placeholder_hint_en": ("Look at what repeats…", "Look at what repeats…"),
    "fac.ed_hints": ("Indices", "Hints"),
    "fac.ed_hints_help": (
        "Du plus léger au plus précis : les jeunes les découvrent un par un.",
        "From the lightest to the most precise: teens open them one by one.",
    ),
    "fac.ed_hint_n": ("Indice {n}", "Hint {n}"),
    "fac.ed_add_hint": ("Ajouter un indice", "Add a hint"),
    # the solution
    "fac.ed_solution_help": (
        "Résous le niveau avec les blocs, comme un jeune, puis appuie sur « Tester ». Ta "
        "solution sert de référence : elle doit gagner 3 étoiles.",
        'Solve the level with the blocks, like a teen, then press "Test". Your solution is the '
        "reference: it must earn 3 stars.",
    ),
    "fac.ed_test": ("Tester", "Test"),
    "fac.ed_run_first": (
        "Appuie sur « Tester » pour voir le robot suivre ta solution.",
        'Press "Test" to watch the robot follow your solution.',
    ),
    "fac.ed_result_numbers": (
        "{blocks} blocs (objectif {par_blocks}) · {steps} pas (objectif {par_steps})",
        "{blocks} blocks (target {par_blocks}) · {steps} steps (target {par_steps})",
    ),
    "fac.ed_result_reference": (
        "Parfait : cette solution peut servir de référence.",
        "Perfect: this solution can be the reference.",
    ),
    "fac.ed_result_not_three": (
        "Il faut 3 étoiles pour une solution de référence : cherche un chemin plus court "
        "ou moins de blocs.",
        "A reference solution needs 3 stars: look for a shorter path or fewer blocks.",
    ),
    "fac.ed_solver_found": (
        "Le meilleur chemin fait {n} pas :",
        "The best path takes {n} steps:",
    ),
    "fac.ed_use_solver": (
        "Mettre ce chemin en blocs (à raccourcir ensuite avec des boucles)",
        "Turn this path into blocks (then shorten it with loops)",
    ),
    "fac.ed_blockly_missing": (
        "Blockly est introuvable sur ce serveur : lance « make web ».",
        'Blockly is missing on this server: run "make web".',
    ),
    # the checklist
    "fac.ed_checklist": ("Vérification", "Checklist"),
    "fac.ed_checking": ("vérification…", "checking…"),
    "fac.ed_check_failed": ("Vérification impossible", "Cannot check"),
    "fac.ed_check_map": ("Carte", "Map"),
    "fac.ed_check_map_ok": (
        "Le départ et le but sont en place.",
        "The start and the goal are in place.",
    ),
    "fac.ed_check_wait_map": ("D'abord, corrige la carte.", "Fix the map first."),
    "fac.ed_check_solvable": ("Faisable", "Can be solved"),
    "fac.ed_check_solvable_ok": (
        "Oui : le meilleur chemin fait {n} pas.",
        "Yes: the best path takes {n} steps.",
    ),
    "fac.ed_check_solvable_many": (
        "Oui, sur toutes les cartes : {n} pas au mieux (variantes : {variants}).",
        "Yes, on every map: {n} steps at best (variants: {variants}).",
    ),
    "fac.ed_check_solution": ("Solution de référence", "Reference solution"),
    "fac.ed_check_solution_missing": (
        "Pas encore de solution.",
        "No solution yet.",
    ),
    "fac.ed_go_solution": ("Résoudre avec les blocs", "Solve it with blocks"),
    "fac.ed_check_solution_ok": (
        "3 étoiles : {blocks} blocs, {steps} pas.",
        "3 stars: {blocks} blocks, {steps} steps.",
    ),
    "fac.ed_check_solution_stars": ("{n} étoile(s) seulement : {text}", "Only {n} star(s): {text}"),
    "fac.ed_check_texts": ("Textes", "Texts"),
    "fac.ed_check_no_title": ("Le niveau n'a pas de titre.", "The level has no title."),
    "fac.ed_go_texts": ("Écrire les textes", "Write the texts"),
    "fac.ed_check_texts_ok": (
        "Titre et histoire en français et en anglais.",
        "Title and story in French and in English.",
    ),
    "fac.ed_check_file": ("Fichier", "File"),
    "fac.ed_check_file_ok": (
        "Prêt : « robolab check » accepte ce niveau.",
        'Ready: "robolab check" accepts this level.',
    ),
    "fac.ed_check_file_wait": (
        "Termine d'abord les points ci-dessus.",
        "Finish the points above first.",
    ),
    "fac.ed_unsaved": ("changements non enregistrés", "unsaved changes"),
    "fac.ed_line": ("ligne {line} : {text}", "line {line}: {text}"),
    "fac.ed_see_file": ("Voir le fichier", "See the file"),
    # saving
    "fac.ed_save": ("Enregistrer", "Save"),
    "fac.ed_save_as": ("Enregistrer sous…", "Save as…"),
    "fac.ed_save_copy": ("Enregistrer une copie", "Save a copy"),
    "fac.ed_save_title": ("Enregistrer le niveau", "Save the level"),
    "fac.ed_pack": ("Paquet", "Pack"),
    "fac.ed_new_pack": ("+ Nouveau paquet", "+ New pack"),
    "fac.ed_new_pack_id": ("Nom court du nouveau paquet", "Short name of the new pack"),
    "fac.ed_new_pack_title_fr": ("Titre du paquet (français)", "Pack title (French)"),
    "fac.ed_new_pack_title_en": ("Titre du paquet (anglais)", "Pack title (English)"),
    "fac.ed_default_pack_fr": ("Mes niveaux", "Mes niveaux"),
    "fac.ed_default_pack_en": ("My levels", "My levels"),
    "fac.ed_file_name": ("Nom du fichier", "File name"),
    "fac.ed_id_rule": (
        "Lettres minuscules sans accent, chiffres et tirets.",
        "Lowercase letters without accents, digits and dashes.",
    ),
    "fac.ed_will_write": ("Le fichier sera :", "The file will be:"),
    "fac.ed_saved": (
        "Enregistré ! Le niveau est disponible pour les nouvelles séances ({file}).",
        "Saved! The level is available for new sessions ({file}).",
    ),
    "fac.ed_saved_not_loaded": (
        "Enregistré ({file}), mais un autre niveau porte déjà cet identifiant : il n'est pas "
        "chargé.",
        "Saved ({file}), but another level already has this id: it is not loaded.",
    ),
    "fac.ed_not_saved": ("Pas encore enregistré", "Not saved yet"),
    "fac.ed_close": ("Fermer", "Close"),
}
