"""The robots' sentences in the classroom (merged into ``texts.CATALOG``).

``fleet.*`` keys are API errors and messages, ``fac.robots_*`` go to the facilitator's fleet
panel and ``ui.robot_*`` to the tablet. The engine's ``robot.*`` sentences (a lost link, a
stopped run...) stay in :mod:`robolab.messages`.
"""

from __future__ import annotations

ROBOTS_CATALOG: dict[str, tuple[str, str]] = {
    # API errors and answers
    "fleet.off": (
        "Les robots ne sont pas activés sur ce serveur (lancez-le avec « robolab serve »).",
        'Robots are not enabled on this server (start it with "robolab serve").',
    ),
    "fleet.no_robot": (
        "Ton équipe n'a pas encore de robot : demande à l'animateur.",
        "Your team has no robot yet: ask the facilitator.",
    ),
    "fleet.not_solved": (
        "Ton programme doit d'abord réussir le défi dans le simulateur.",
        "Your program must solve the challenge in the simulator first.",
    ),
    "fleet.changed": (
        "Tu as changé ton programme depuis ton dernier essai : lance-le d'abord dans le "
        "simulateur.",
        "You changed your program since your last try: run it in the simulator first.",
    ),
    "fleet.team_busy": (
        "Ton programme est déjà sur le robot.",
        "Your program is already on the robot.",
    ),
    "fleet.unknown_robot": ("robot introuvable", "no such robot"),
    "fleet.unknown_job": ("demande introuvable", "no such request"),
    "fleet.job_done": (
        "cette demande n'attend plus (elle est « {status} »)",
        'this request is not waiting any more (it is "{status}")',
    ),
    "fleet.not_retryable": (
        "seul un envoi arrêté, perdu, raté ou interrompu peut être relancé",
        "only a stopped, lost, failed or interrupted run can be tried again",
    ),
    "fleet.robot_not_ready": (
        "le robot {robot} n'est pas connecté ({link}) : reconnectez-le dans le panneau Robots",
        "robot {robot} is not connected ({link}): reconnect it in the Robots panel",
    ),
    "fleet.robot_busy": (
        "le robot {robot} exécute déjà un programme",
        "robot {robot} is already running a program",
    ),
    "fleet.team_no_robot": (
        "cette équipe n'a plus de robot : attribuez-lui un robot dans le panneau Robots",
        "this team has no robot any more: give it one in the Robots panel",
    ),
    "fleet.challenge_gone": (
        "ce défi n'est plus chargé sur le serveur",
        "this challenge is not loaded on the server any more",
    ),
    "fleet.robot_problem": ("{text}", "{text}"),
    "fleet.bad_url": (
        "adresse de robot invalide : /dev/ttyUSB0, COM3, socket://hôte:port ou ble://nom",
        "invalid robot address: /dev/ttyUSB0, COM3, socket://host:port or ble://name",
    ),
    "fleet.bad_name": (
        "nom invalide : de 1 à 16 lettres sans accent, chiffres, « - » ou « _ »",
        'invalid name: 1 to 16 letters without accents, digits, "-" or "_"',
    ),
    "fleet.bad_calibration": (
        "valeur invalide pour « {key} » : un nombre entier",
        'invalid value for "{key}": a whole number',
    ),
    "fleet.refused": (
        "L'animateur n'a pas envoyé ce programme au robot cette fois-ci. Ton programme est gardé.",
        "The facilitator did not send this program to the robot this time. Your program is kept.",
    ),
    "fleet.waiting": (
        "Ton programme attend que l'animateur le lance sur le robot {robot}.",
        "Your program is waiting for the facilitator to start it on robot {robot}.",
    ),
    "fleet.running": (
        "Le robot {robot} exécute ton programme.",
        "Robot {robot} is running your program.",
    ),
    "fleet.started": ("Robots : {text}", "Robots: {text}"),
    "fleet.interrupted": (
        "Le serveur s'est arrêté pendant que le robot {robot} exécutait ton programme ; le robot "
        "s'est arrêté tout seul. Ton programme est gardé : l'animateur peut le relancer.",
        "The server stopped while robot {robot} was running your program; the robot stopped by "
        "itself. Your program is kept: the facilitator can start it again.",
    ),
    # the facilitator's fleet panel
    "fac.nav_robots": ("Robots", "Robots"),
    "fac.robots_title": ("Les robots", "The robots"),
    "fac.robots_off": (
        "Les robots ne sont pas activés sur ce serveur.",
        "Robots are not enabled on this server.",
    ),
    "fac.robots_none": (
        "Aucun robot connecté. Cherchez les robots (USB et Bluetooth) ou tapez l'adresse d'un "
        "robot.",
        "No robot connected. Look for robots (USB and Bluetooth) or type a robot's address.",
    ),
    "fac.robots_scan": ("Chercher des robots", "Look for robots"),
    "fac.robots_scanning": ("Recherche… (quelques secondes)", "Looking… (a few seconds)"),
    "fac.robots_found_none": (
        "Aucun nouveau robot trouvé.",
        "No new robot found.",
    ),
    "fac.robots_found": ("Robots trouvés", "Robots found"),
    "fac.robots_url": ("Adresse d'un robot", "A robot's address"),
    "fac.robots_url_hint": (
        "/dev/ttyUSB0, COM3, socket://hôte:port, ble://nom",
        "/dev/ttyUSB0, COM3, socket://host:port, ble://name",
    ),
    "fac.robots_connect": ("Connecter", "Connect"),
    "fac.robots_connected": ("Robot {name} connecté", "Robot {name} connected"),
    "fac.robots_disconnect": ("Déconnecter", "Disconnect"),
    "fac.robots_identify": ("Faire clignoter", "Blink"),
    "fac.robots_identified": (
        "{name} clignote et bipe",
        "{name} blinks and beeps",
    ),
    "fac.robots_refresh": ("Vérifier", "Check"),
    "fac.robots_rename": ("Renommer", "Rename"),
    "fac.robots_name": ("Nom du robot", "Robot name"),
    "fac.robots_calibration": ("Étalonnage", "Calibration"),
    "fac.robots_cal_cell": ("case (mm)", "cell (mm)"),
    "fac.robots_cal_speed": ("vitesse (mm/s)", "speed (mm/s)"),
    "fac.robots_cal_track": ("voie (mm)", "track (mm)"),
    "fac.robots_cal_trim": ("correction virages (%)", "turn trim (%)"),
    "fac.robots_cal_power": ("puissance (%)", "power (%)"),
    "fac.robots_save": ("Enregistrer", "Save"),
    "fac.robots_saved": ("Enregistré", "Saved"),
    "fac.robots_team": ("Équipe", "Team"),
    "fac.robots_nobody": ("— personne —", "— nobody —"),
    "fac.robots_other_session": ("une équipe d'une autre séance", "a team of another session"),
    "fac.robots_battery": ("Batterie {percent} %", "Battery {percent}%"),
    "fac.robots_no_battery": ("Batterie : ?", "Battery: ?"),
    "fac.robots_rtt": ("{ms} ms", "{ms} ms"),
    "fac.robots_running": ("en route", "running"),
    "fac.robots_stop": ("Arrêter", "Stop"),
    "fac.robots_link_ready": ("connecté", "connected"),
    "fac.robots_link_connecting": ("connexion…", "connecting…"),
    "fac.robots_link_handshake": ("connexion…", "connecting…"),
    "fac.robots_link_lost": ("perdu", "lost"),
    "fac.robots_link_closed": ("déconnecté", "disconnected"),
    "fac.robots_link_disconnected": ("déconnecté", "disconnected"),
    "fac.robots_problems": ("À savoir", "Good to know"),
    "fac.robots_queue": ("Programmes pour les robots", "Programs for the robots"),
    "fac.robots_new_job": (
        "{team} veut envoyer son programme au robot",
        "{team} wants to send its program to the robot",
    ),
    "fac.robots_queue_empty": (
        "Aucun programme n'attend de robot.",
        "No program is waiting for a robot.",
    ),
    "fac.robots_queue_hint": (
        "Posez le robot sur la case de départ du défi, puis lancez.",
        "Put the robot on the challenge's start cell, then start.",
    ),
    "fac.robots_approve": ("Lancer", "Start"),
    "fac.robots_refuse": ("Refuser", "Refuse"),
    "fac.robots_retry": ("Relancer", "Try again"),
    "fac.robots_on": ("sur {robot}", "on {robot}"),
    "fac.robots_block": ("bloc {n}", "block {n}"),
    "fac.robots_at": ("case ({x}, {y})", "cell ({x}, {y})"),
    "fac.robots_job_waiting": ("attend", "waiting"),
    "fac.robots_job_running": ("en route", "running"),
    "fac.robots_job_finished": ("fini", "finished"),
    "fac.robots_job_invalid": ("invalide", "invalid"),
    "fac.robots_job_stopped": ("arrêté", "stopped"),
    "fac.robots_job_lost": ("connexion perdue", "link lost"),
    "fac.robots_job_failed": ("raté", "failed"),
    "fac.robots_job_refused": ("refusé", "refused"),
    "fac.robots_job_interrupted": ("interrompu (serveur arrêté)", "interrupted (server stopped)"),
    "fac.robots_solved": ("le robot a réussi", "the robot succeeded"),
    "fac.robots_not_solved": ("le robot n'a pas réussi", "the robot did not succeed"),
    "fac.robots_differs": (
        "différent de la simulation : {what}",
        "differs from the simulation: {what}",
    ),
    "fac.robots_see_all": ("Tous les robots", "All robots"),
    # the tablet
    "ui.robot_send": ("Envoyer au robot", "Send to the robot"),
    "ui.robot_your": ("Ton robot : {name}", "Your robot: {name}"),
    "ui.robot_none": (
        "Pas encore de robot pour ton équipe.",
        "No robot for your team yet.",
    ),
    "ui.robot_solve_first": (
        "Réussis le défi dans le simulateur pour l'envoyer au robot.",
        "Solve the challenge in the simulator to send it to the robot.",
    ),
    "ui.robot_sent": (
        "Envoyé ! L'animateur va poser le robot sur la case de départ.",
        "Sent! The facilitator will put the robot on the start cell.",
    ),
    "ui.robot_waiting": ("En attente de l'animateur…", "Waiting for the facilitator…"),
    "ui.robot_running": ("Le robot roule : bloc {n}", "The robot is driving: block {n}"),
    "ui.robot_solved": ("Le vrai robot a réussi !", "The real robot made it!"),
    "ui.robot_not_solved": (
        "Le vrai robot n'est pas arrivé au bout du défi.",
        "The real robot did not complete the challenge.",
    ),
    "ui.robot_lost_link": ("connexion perdue", "connection lost"),
    "ui.robot_again": ("Renvoyer", "Send again"),
}
