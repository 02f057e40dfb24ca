"""The facilitator's sentences, in French and in English (merged into ``texts.CATALOG``).

Keys starting with ``fac.`` are sent to the facilitator's page (see ``texts.facilitator_texts``);
the others are API errors and export headers. The words are for youth workers, not programmers.
"""

from __future__ import annotations

FACILITATOR_CATALOG: dict[str, tuple[str, str]] = {
    # API errors and answers
    "api.cross_site": (
        "requête refusée : elle vient d'un autre site",
        "request refused: it comes from another site",
    ),
    "api.too_many": (
        "trop d'éléments dans « {field} » (au plus {max})",
        'too many items in "{field}" (at most {max})',
    ),
    "facilitator.csrf": (
        "cette page n'est plus à jour : recharge-la",
        "this page is out of date: reload it",
    ),
    "session.not_found": ("séance introuvable (supprimée ?)", "no such session (deleted?)"),
    "session.no_challenge": ("choisis au moins un défi", "pick at least one challenge"),
    "session.bad_challenge": ("défi « {id} » inconnu", 'unknown challenge "{id}"'),
    "session.bad_access": (
        "accès « {value} » inconnu : locked, auto ou open",
        'unknown access "{value}": locked, auto or open',
    ),
    "session.bad_state": (
        "état « {value} » inconnu : open, paused ou ended",
        'unknown state "{value}": open, paused or ended',
    ),
    "session.default_title": ("Séance du {date}", "Session of {date}"),
    "team.not_found": ("équipe introuvable dans cette séance", "no such team in this session"),
    "room.empty_message": ("le message est vide", "the message is empty"),
    "room.long_message": (
        "le message est trop long (au plus {max} caractères)",
        "the message is too long (at most {max} characters)",
    ),
    "room.robots_failed": (
        "Tablettes en pause, mais certains robots n'ont pas répondu : ils s'arrêtent seuls "
        "dans une seconde (sécurité), vérifie-les.",
        "Tablets paused, but some robots did not answer: they stop by themselves within a "
        "second (watchdog); check them.",
    ),
    # CSV export headers and values
    "export.session": ("séance", "session"),
    "export.code": ("code", "code"),
    "export.team": ("équipe", "team"),
    "export.animal": ("animal", "animal"),
    "export.color": ("couleur", "colour"),
    "export.position": ("ordre", "position"),
    "export.challenge": ("défi", "challenge"),
    "export.title": ("titre", "title"),
    "export.access": ("accès", "access"),
    "export.attempts": ("essais", "attempts"),
    "export.stars": ("étoiles", "stars"),
    "export.solved": ("réussi", "solved"),
    "export.first_attempt": ("premier essai", "first attempt"),
    "export.solved_at": ("réussi à", "solved at"),
    "export.last_attempt": ("dernier essai", "last attempt"),
    "export.last_outcome": ("dernier résultat", "last outcome"),
    "export.best_blocks": ("meilleur nombre de blocs", "fewest blocks"),
    "export.best_steps": ("meilleur nombre de pas", "fewest steps"),
    "export.par_blocks": ("objectif blocs", "par blocks"),
    "export.par_steps": ("objectif pas", "par steps"),
    "export.yes": ("oui", "yes"),
    "export.no": ("non", "no"),
    "export.access_locked": ("fermé", "locked"),
    "export.access_auto": ("dans l'ordre", "in order"),
    "export.access_open": ("ouvert", "open"),
    # the facilitator's pages
    "fac.app_title": ("RoboLab · Animation", "RoboLab · Facilitator"),
    "fac.language": ("English", "Français"),
    "fac.loading": ("Chargement…", "Loading…"),
    "fac.offline": (
        "Le serveur ne répond pas : vérifie que « robolab serve » tourne toujours.",
        'The server does not answer: check that "robolab serve" is still running.',
    ),
    "fac.nav_sessions": ("Séances", "Sessions"),
    "fac.nav_dashboard": ("Tableau de bord", "Dashboard"),
    "fac.nav_ladder": ("Défis et accès", "Challenges & locks"),
    "fac.nav_projector": ("Projecteur", "Projector"),
    "fac.live_on": ("En direct", "Live"),
    "fac.live_off": ("Reconnexion…", "Reconnecting…"),
    "fac.sessions_title": ("Tes séances", "Your sessions"),
    "fac.new_session": ("Nouvelle séance", "New session"),
    "fac.no_sessions": (
        "Aucune séance en cours. Crée-en une pour donner un code aux équipes.",
        "No session running. Create one to give the teams a code.",
    ),
    "fac.ended_sessions": ("Séances terminées", "Ended sessions"),
    "fac.state_open": ("En cours", "Running"),
    "fac.state_paused": ("En pause", "Paused"),
    "fac.state_ended": ("Terminée", "Ended"),
    "fac.join_code": ("Code :", "Code:"),
    "fac.created": ("créée le {date}", "created {date}"),
    "fac.teams_n": ("{n} équipe(s)", "{n} team(s)"),
    "fac.attempts_n": ("{n} essai(s)", "{n} run(s)"),
    "fac.challenges_n": ("{n} défi(s)", "{n} challenge(s)"),
    "fac.open_dashboard": ("Tableau de bord", "Dashboard"),
    "fac.export_csv": ("Résultats (tableur)", "Results (spreadsheet)"),
    "fac.export_json": ("Tout (JSON)", "Everything (JSON)"),
    "fac.reopen": ("Rouvrir", "Reopen"),
    "fac.delete": ("Supprimer", "Delete"),
    "fac.delete_title": ("Supprimer la séance ?", "Delete the session?"),
    "fac.delete_text": (
        "« {title} » (code {code}) et toutes ses données (équipes, programmes, essais) seront "
        "effacées de cet ordinateur. Pense à exporter les résultats avant. C'est définitif.",
        '"{title}" (code {code}) and all its data (teams, programs, runs) will be erased from '
        "this computer. Export the results first if you need them. This cannot be undone.",
    ),
    "fac.delete_go": ("Supprimer pour de bon", "Delete for good"),
    "fac.deleted": ("Séance supprimée.", "Session deleted."),
    "fac.privacy": (
        "Les données restent sur cet ordinateur : rien n'est envoyé sur Internet. Les pseudos "
        "sont des animaux, jamais des noms. Une séance sans activité depuis {days} jours est "
        "effacée automatiquement.",
        "Data stays on this computer: nothing is sent to the internet. Pseudonyms are animals, "
        "never names. A session idle for {days} days is erased automatically.",
    ),
    "fac.privacy_forever": (
        "Les données restent sur cet ordinateur : rien n'est envoyé sur Internet. Pense à "
        "supprimer les séances dont tu n'as plus besoin.",
        "Data stays on this computer: nothing is sent to the internet. Delete the sessions you "
        "no longer need.",
    ),
    "fac.logout": (
        "Oublier l'accès animateur sur ce navigateur",
        "Forget the facilitator access in this browser",
    ),
    "fac.session_title": ("Nom de la séance", "Session name"),
    "fac.title_placeholder": ("ex. : Groupe du mercredi matin", "e.g. Wednesday morning group"),
    "fac.choose_challenges": ("1. Choisis les défis", "1. Pick the challenges"),
    "fac.challenge_order": ("Ordre des défis", "Order of the challenges"),
    "fac.order_note": (
        "Les équipes voient les défis dans cet ordre. Utilise les flèches pour le changer.",
        "Teams see the challenges in this order. Use the arrows to change it.",
    ),
    "fac.how_open": ("Comment s'ouvrent les défis ?", "How do challenges open?"),
    "fac.access_auto_long": (
        "Dans l'ordre : chaque défi s'ouvre quand le précédent est réussi",
        "In order: each challenge opens once the one before is solved",
    ),
    "fac.access_open_long": (
        "Tous ouverts dès le début",
        "All open from the start",
    ),
    "fac.create_session": ("Créer la séance", "Create the session"),
    "fac.add_all": ("Tout le paquet", "Whole pack"),
    "fac.tier": ("niveau {tier}", "level {tier}"),
    "fac.move_up": ("Monter", "Move up"),
    "fac.move_down": ("Descendre", "Move down"),
    "fac.remove": ("Retirer", "Remove"),
    "fac.no_challenge_yet": ("Aucun défi choisi.", "No challenge picked yet."),
    "fac.cancel": ("Annuler", "Cancel"),
    "fac.back": ("Retour", "Back"),
    "fac.save": ("Enregistrer", "Save"),
    "fac.saved": ("Enregistré.", "Saved."),
    "fac.send": ("Envoyer", "Send"),
    "fac.ladder_title": ("Défis et accès", "Challenges and locks"),
    "fac.access_label": ("Qui peut ouvrir ce défi", "Who may open this challenge"),
    "fac.access_locked": ("Fermé", "Locked"),
    "fac.access_auto": ("Dans l'ordre", "In order"),
    "fac.access_open": ("Ouvert", "Open"),
    "fac.access_note": (
        "Fermé : personne ne peut l'ouvrir. Dans l'ordre : il s'ouvre quand le précédent est "
        "réussi. Ouvert : tout le monde peut l'ouvrir. Les tablettes changent tout de suite.",
        "Locked: nobody may open it. In order: it opens once the one before is solved. Open: "
        "everyone may open it. Tablets change at once.",
    ),
    "fac.all_locked": ("Tout fermer", "Lock all"),
    "fac.all_auto": ("Tout dans l'ordre", "All in order"),
    "fac.all_open": ("Tout ouvrir", "Open all"),
    "fac.add_challenges": ("Ajouter des défis", "Add challenges"),
    "fac.session_settings": ("La séance", "The session"),
    "fac.end_session": ("Terminer la séance", "End the session"),
    "fac.pause_all": ("Pause pour tout le monde", "Pause everyone"),
    "fac.resume_all": ("Reprendre", "Resume"),
    "fac.paused_banner": (
        "Pause : les tablettes sont figées et les robots arrêtés.",
        "Paused: tablets are frozen and robots stopped.",
    ),
    "fac.paused_done": ("Tout le monde est en pause.", "Everyone is paused."),
    "fac.paused_robots": (
        "Tout le monde est en pause, les robots sont arrêtés.",
        "Everyone is paused, the robots are stopped.",
    ),
    "fac.message_all": ("Message à tous", "Message to all"),
    "fac.message_team": ("Message à cette équipe", "Message this team"),
    "fac.message_to": ("Message à {name}", "Message to {name}"),
    "fac.message_note": (
        "Le message s'affiche en grand sur les tablettes (280 caractères au plus).",
        "The message shows big on the tablets (at most 280 characters).",
    ),
    "fac.message_sent": ("Message envoyé.", "Message sent."),
    "fac.preset_listen": ("Stop ! On écoute 2 minutes.", "Stop! Listen for 2 minutes."),
    "fac.preset_save": ("On range dans 5 minutes !", "We tidy up in 5 minutes!"),
    "fac.preset_robot": (
        "Venez chercher votre robot sur le tapis.",
        "Come and get your robot on the mat.",
    ),
    "fac.preset_five": ("Bravo à tous ! Encore 10 minutes.", "Well done all! 10 more minutes."),
    "fac.messages": ("Messages envoyés", "Messages sent"),
    "fac.everyone": ("tous", "everyone"),
    "fac.qr_alt": ("QR code pour rejoindre : {url}", "QR code to join: {url}"),
    "fac.teams": ("Équipes", "Teams"),
    "fac.total": ("Total", "Total"),
    "fac.lock_one": ("Fermer ce défi", "Lock this challenge"),
    "fac.unlock_one": ("Rouvrir ce défi (dans l'ordre)", "Unlock this challenge (in order)"),
    "fac.see_attempts": ("Voir les essais", "See the runs"),
    "fac.stars_n": ("{n} étoile(s) sur 3", "{n} star(s) out of 3"),
    "fac.tries_n": ("{n} essai(s)", "{n} run(s)"),
    "fac.stuck": ("Bloquée", "Stuck"),
    "fac.idle": ("Inactive", "Idle"),
    "fac.online": ("tablette connectée", "tablet connected"),
    "fac.offline_team": ("aucune tablette connectée", "no tablet connected"),
    "fac.nobody_stuck": ("Aucune équipe bloquée.", "No team is stuck."),
    "fac.stuck_teams": ("{n} équipe(s) bloquée(s) :", "{n} team(s) stuck:"),
    "fac.no_teams": (
        "Aucune équipe pour l'instant : montre le code ou le QR code aux jeunes.",
        "No team yet: show the code or the QR code to the teens.",
    ),
    "fac.legend": (
        "★ étoiles gagnées · nombre d'essais · dernier résultat. Vert : réussi. Orange : en "
        "cours. Rouge « Bloquée » : le même défi raté {tries} fois ou depuis {minutes} min. "
        "« Inactive » : rien de nouveau depuis {minutes} min. Le pointillé : le défi en cours.",
        "★ stars earned · number of runs · last outcome. Green: solved. Orange: working on it. "
        'Red "Stuck": the same challenge failed {tries} times or for {minutes} min. "Idle": '
        "nothing new for {minutes} min. Dotted: the current challenge.",
    ),
    "fac.session_gone": ("Cette séance a été supprimée.", "This session was deleted."),
    "fac.team_gone": ("Cette équipe n'existe plus.", "This team no longer exists."),
    "fac.ago_now": ("à l'instant", "just now"),
    "fac.ago_min": ("il y a {n} min", "{n} min ago"),
    "fac.ago_hour": ("il y a {h} h {m}", "{h} h {m} ago"),
    "fac.last_change": ("dernière activité {ago}", "last activity {ago}"),
    "fac.all_challenges": ("Tous les défis", "All challenges"),
    "fac.attempts_title": ("Essais", "Runs"),
    "fac.no_attempts": ("Pas encore d'essai.", "No run yet."),
    "fac.pick_attempt": ("Choisis un essai pour le revoir.", "Pick a run to replay it."),
    "fac.projector_add": ("Montrer au projecteur", "Show on the projector"),
    "fac.projector_remove": ("Retirer du projecteur", "Take off the projector"),
    "fac.projector_added": ("Au projecteur !", "On the projector!"),
    "fac.projector_removed": ("Retiré du projecteur.", "Taken off the projector."),
    "fac.play": ("Rejouer", "Replay"),
    "fac.pause": ("Pause", "Pause"),
    "fac.step": ("Pas à pas", "Step"),
    "fac.reset": ("Début", "Start"),
    "fac.speed": ("Vitesse", "Speed"),
    "fac.numbers": ("{blocks} blocs · {steps} pas", "{blocks} blocks · {steps} steps"),
    "fac.map_missing": (
        "Ce défi n'est plus chargé : pas de carte pour le revoir.",
        "This challenge is no longer loaded: no map to replay it.",
    ),
    "fac.leaderboard": ("Classement", "Leaderboard"),
    "fac.more_teams": ("… et {n} autre(s) équipe(s)", "… and {n} more team(s)"),
    "fac.par_help": (
        "Classement : étoiles, puis blocs et pas comparés à l'objectif (moins, c'est mieux).",
        "Ranking: stars, then blocks and steps compared with the target (fewer is better).",
    ),
    "fac.fullscreen": ("Plein écran", "Full screen"),
    "fac.leave_projector": ("Fermer", "Close"),
    "fac.paused_projector": ("Pause : on écoute !", "Pause: listen up!"),
    "fac.outcome_success": ("réussi", "solved"),
    "fac.outcome_crash": ("mur", "crash"),
    "fac.outcome_fall": ("chute", "fall"),
    "fac.outcome_timeout": ("trop long", "timeout"),
    "fac.outcome_incomplete": ("pas fini", "unfinished"),
    "fac.outcome_error": ("erreur", "error"),
    # the tablet (sent with the other ui.* sentences)
    "ui.message_from": ("Message de l'animateur", "Message from the facilitator"),
    "ui.ok": ("OK", "OK"),
    "ui.challenge_closed": (
        "L'animateur a fermé ce défi pour l'instant.",
        "The facilitator closed this challenge for now.",
    ),
}
