"""Real robots: firmware_bridge, robolab robots / robot / virtual-robot."""

MESSAGES: dict[str, tuple[str, str]] = {
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
