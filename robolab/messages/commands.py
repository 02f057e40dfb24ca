"""The command line and the simulator window."""

MESSAGES: dict[str, tuple[str, str]] = {
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
}
