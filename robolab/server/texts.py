"""Every sentence of the classroom server and the tablet app, in French and in English.

Same shape as :data:`robolab.messages.CATALOG` (key -> (fr, en), ``str.format`` templates). The
engine's sentences (run messages, program errors, block labels) stay in ``robolab.messages``;
:func:`say` falls back to them, so the server can use either kind of key.

Keys starting with ``ui.`` are sent to the tablet (see :func:`ui_texts`), ``fac.`` ones to the
facilitator's page (:func:`facilitator_texts`, sentences in ``texts_facilitator``).
"""

from __future__ import annotations

from typing import Any

from robolab.i18n import Lang
from robolab.messages import CATALOG as ENGINE_CATALOG
from robolab.messages import fill, translate
from robolab.server.texts_access import ACCESS_CATALOG
from robolab.server.texts_editor import EDITOR_CATALOG
from robolab.server.texts_facilitator import FACILITATOR_CATALOG
from robolab.server.texts_hints import HINTS_CATALOG
from robolab.server.texts_robots import ROBOTS_CATALOG
from robolab.server.texts_system import SYSTEM_CATALOG

CATALOG: dict[str, tuple[str, str]] = {
    # API errors (the "error.message" of a 4xx answer)
    "api.too_large": (
        "la requête est trop grosse ({size} octets, au plus {max})",
        "the request is too large ({size} bytes, at most {max})",
    ),
    "api.bad_length": ("en-tête Content-Length invalide", "invalid Content-Length header"),
    "api.not_utf8": ("la requête n'est pas du texte UTF-8", "the request is not UTF-8 text"),
    "api.bad_json": (
        "JSON invalide ligne {line}, colonne {column} : {reason}",
        "invalid JSON at line {line}, column {column}: {reason}",
    ),
    "api.too_deep": ("le JSON est imbriqué trop profondément", "the JSON is nested too deeply"),
    "api.not_object": (
        "le corps de la requête doit être un objet JSON",
        "the request body must be a JSON object",
    ),
    "api.missing_field": ("il manque le champ « {field} »", 'the field "{field}" is missing'),
    "api.bad_field": (
        "le champ « {field} » doit être {want}",
        'the field "{field}" must be {want}',
    ),
    "api.want_text": ("un texte", "a text"),
    "api.want_object": ("un objet JSON", "a JSON object"),
    "api.want_program": (
        "un programme (liste de blocs, objet avec « main » ou espace de travail Blockly)",
        'a program (a list of blocks, an object with "main" or a Blockly workspace)',
    ),
    "api.unknown_challenge": ("défi « {id} » inconnu", 'unknown challenge "{id}"'),
    "api.not_found": ("cette adresse n'existe pas", "there is nothing at this address"),
    "api.method": ("méthode {method} non permise ici", "method {method} is not allowed here"),
    "api.internal": (
        "erreur interne du serveur : préviens l'animateur",
        "internal server error: tell the facilitator",
    ),
    "api.program_unreadable": (
        "ce programme n'a pas pu être lu",
        "this program could not be read",
    ),
    "api.unavailable": (
        "cette fonction n'est pas encore disponible sur ce serveur",
        "this feature is not available on this server yet",
    ),
    "api.rate_limited": (
        "trop d'essais : attends une minute avant de réessayer",
        "too many tries: wait a minute before trying again",
    ),
    # sessions and teams
    "session.unknown": (
        "aucune session ouverte avec le code « {code} »",
        'no open session has the code "{code}"',
    ),
    "session.paused": (
        "L'animateur a mis la séance en pause : attends un peu !",
        "The facilitator paused the session: wait a moment!",
    ),
    "session.ended": ("cette session est terminée", "this session has ended"),
    "team.unknown_pseudonym": (
        "pseudo inconnu : ce n'est pas le bon animal ou la bonne couleur",
        "unknown pseudonym: not the right animal or colour",
    ),
    "team.bad_pseudonym": ("pseudo invalide", "invalid pseudonym"),
    "team.taken": (
        "ce pseudo vient d'être pris par une autre équipe : choisis-en un autre",
        "another team just took this pseudonym: pick another one",
    ),
    "team.auth": (
        "équipe non reconnue : rejoins la session avec son code",
        "team not recognised: join the session with its code",
    ),
    "team.not_in_session": (
        "ce défi ne fait pas partie de la session",
        "this challenge is not part of the session",
    ),
    "team.locked": (
        "ce défi est encore verrouillé : réussis d'abord le précédent",
        "this challenge is still locked: solve the one before first",
    ),
    "workspace.bad": (
        "l'espace de travail doit être un objet JSON",
        "the workspace must be a JSON object",
    ),
    # facilitator
    "facilitator.bad_token": (
        "lien d'animateur invalide, trop ancien ou remplacé par un nouveau lien secret : utilise "
        "celui affiché par « robolab serve »",
        "invalid facilitator link, too old or replaced by a new secret link: use the one printed "
        'by "robolab serve"',
    ),
    "facilitator.forbidden": (
        "réservé aux animateurs : ouvre le lien animateur affiché par « robolab serve » au "
        "démarrage, ou le nouveau lien secret qu'un animateur t'a donné",
        'for facilitators only: open the facilitator link printed by "robolab serve" when it '
        "starts, or the new secret link another facilitator gave you",
    ),
    "facilitator.teams": ("{n} équipe(s)", "{n} team(s)"),
    "facilitator.join": ("Pour rejoindre : {url}", "To join: {url}"),
    # the command line
    "serve.title": ("RoboLab : serveur de la classe", "RoboLab: classroom server"),
    "serve.open": ("Ouvre sur les tablettes :", "Open on the tablets:"),
    "serve.session": (
        "Session « {title} » : code {code}",
        'Session "{title}": code {code}',
    ),
    "serve.no_session": (
        "Aucune session ouverte (lance avec --demo pour en ouvrir une).",
        "No open session (start with --demo to open one).",
    ),
    "serve.facilitator": (
        "Lien animateur (à garder pour toi) :",
        "Facilitator link (keep it to yourself):",
    ),
    "serve.data": ("Données : {path}", "Data: {path}"),
    "serve.packs": (
        "{count} défi(s) chargé(s) depuis {packs} paquet(s)",
        "{count} challenge(s) loaded from {packs} pack(s)",
    ),
    "serve.pack_problem": ("paquet ignoré en partie : {text}", "pack partly skipped: {text}"),
    "serve.port_busy": (
        "impossible d'écouter sur {host}:{port} ({reason}) ; essaie un autre --port",
        "cannot listen on {host}:{port} ({reason}); try another --port",
    ),
    "serve.stop": ("Ctrl+C pour arrêter.", "Press Ctrl+C to stop."),
    "serve.no_challenges": (
        "aucun défi chargé : vérifie --pack",
        "no challenge loaded: check --pack",
    ),
    "serve.bad_data": (
        "impossible d'ouvrir la base de données {path} : {reason}",
        "cannot open the database {path}: {reason}",
    ),
    "serve.demo_title": ("Séance de démonstration", "Demo session"),
    "serve.purged": (
        "{n} séance(s) inactive(s) depuis plus de {days} jours effacée(s)",
        "{n} session(s) idle for more than {days} days erased",
    ),
    "serve.keep": (
        "Séances effacées après {days} jours sans activité (--keep-days).",
        "Sessions are erased after {days} days without activity (--keep-days).",
    ),
    # the tablet app
    "ui.app_title": ("RoboLab", "RoboLab"),
    "ui.join_title": ("Rejoindre la séance", "Join the session"),
    "ui.join_code": ("Code de la séance", "Session code"),
    "ui.join_go": ("Continuer", "Continue"),
    "ui.pick_title": ("Choisis le pseudo de ton équipe", "Pick your team's pseudonym"),
    "ui.pick_more": ("Autres idées", "Other ideas"),
    "ui.pick_resume": ("Nous avons déjà un pseudo", "We already have a pseudonym"),
    "ui.resume_title": ("Retrouve ton équipe", "Find your team again"),
    "ui.resume_animal": ("Ton animal", "Your animal"),
    "ui.resume_color": ("Ta couleur", "Your colour"),
    "ui.resume_go": ("Reprendre", "Resume"),
    "ui.back": ("Retour", "Back"),
    "ui.remember": (
        "Retiens bien ton pseudo : il te permet de retrouver ton travail sur une autre tablette.",
        "Remember your pseudonym: it brings your work back on another tablet.",
    ),
    "ui.ladder_title": ("Les défis", "Challenges"),
    "ui.tier": ("niveau {tier}", "level {tier}"),
    "ui.locked": ("verrouillé", "locked"),
    "ui.attempts": ("{n} essai(s)", "{n} attempt(s)"),
    "ui.run": ("Lancer", "Run"),
    "ui.pause": ("Pause", "Pause"),
    "ui.resume": ("Continuer", "Continue"),
    "ui.step": ("Pas à pas", "Step"),
    "ui.reset": ("Recommencer", "Reset"),
    "ui.speed": ("Vitesse", "Speed"),
    "ui.remaining": ("Blocs restants : {n}", "Blocks left: {n}"),
    "ui.blocks_used": ("Blocs : {n}", "Blocks: {n}"),
    "ui.show_code": ("Voir le code", "Show the code"),
    "ui.hide_code": ("Cacher le code", "Hide the code"),
    "ui.hint": ("Un indice", "A hint"),
    "ui.next_hint": ("Encore un indice", "Another hint"),
    "ui.no_more_hints": ("Pas d'autre indice.", "No more hints."),
    "ui.close": ("Fermer", "Close"),
    "ui.next_challenge": ("Défi suivant", "Next challenge"),
    "ui.par_blocks": ("Blocs : {blocks} (objectif {par})", "Blocks: {blocks} (target {par})"),
    "ui.par_steps": ("Pas : {steps} (objectif {par})", "Steps: {steps} (target {par})"),
    "ui.stars_label": ("{n} étoile(s) sur 3", "{n} star(s) out of 3"),
    "ui.saved": ("Enregistré", "Saved"),
    "ui.saving": ("Enregistrement…", "Saving…"),
    "ui.offline": (
        "Connexion perdue : ton travail sera enregistré dès qu'elle revient.",
        "Connection lost: your work will be saved as soon as it is back.",
    ),
    "ui.paused": (
        "Pause ! Écoute l'animateur.",
        "Pause! Listen to the facilitator.",
    ),
    "ui.ended": ("La séance est terminée. Merci !", "The session is over. Thank you!"),
    "ui.error": ("Oups : {text}", "Oops: {text}"),
    "ui.language": ("English", "Français"),
    "ui.leave": ("Changer d'équipe", "Switch team"),
    "ui.when_run": ("quand on lance", "when run"),
    "ui.times": ("fois", "times"),
    "ui.do": ("faire", "do"),
    "ui.else": ("sinon", "else"),
    "ui.not": ("non", "not"),
    "ui.procedure": ("pour", "to"),
    "ui.procedure_default": ("motif", "pattern"),
    "ui.call": ("faire", "do"),
    "ui.color_red": ("rouge", "red"),
    "ui.color_green": ("vert", "green"),
    "ui.color_blue": ("bleu", "blue"),
    "ui.color_yellow": ("jaune", "yellow"),
    "ui.running": ("Le robot roule…", "The robot is moving…"),
    "ui.tooltip_max": ("Tu as utilisé tous tes blocs.", "You have used all your blocks."),
    "ui.loading": ("Chargement…", "Loading…"),
    "ui.story": ("Mission", "Mission"),
    "ui.your_team": ("Équipe", "Team"),
    "ui.unknown_code": ("Ce code ne correspond à aucune séance.", "No session has this code."),
    "ui.map_label": ("Carte du défi", "Challenge map"),
}


CATALOG.update(FACILITATOR_CATALOG)
CATALOG.update(EDITOR_CATALOG)
CATALOG.update(ROBOTS_CATALOG)
CATALOG.update(HINTS_CATALOG)
CATALOG.update(SYSTEM_CATALOG)
CATALOG.update(ACCESS_CATALOG)


def say(key: str, lang: Lang, /, **params: Any) -> str:
    """The sentence ``key`` in ``lang``; keys of the engine's catalog work too."""
    pair = CATALOG.get(key)
    return translate(key, lang, **params) if pair is None else fill(pair, lang, params)


def both(key: str, /, **params: Any) -> dict[str, str]:
    """The sentence in both languages, to pass as a parameter of another sentence."""
    return {"fr": say(key, "fr", **params), "en": say(key, "en", **params)}


def ui_texts(lang: Lang) -> dict[str, str]:
    """The tablet's sentences (``ui.*`` keys without the prefix) and the block labels."""
    out = {
        key[3:]: pair[0 if lang == "fr" else 1] for key, pair in CATALOG.items() if key[:3] == "ui."
    }
    for key, pair in ENGINE_CATALOG.items():
        if key.startswith("label."):
            out[key] = pair[0 if lang == "fr" else 1]
    return out


def facilitator_texts(lang: Lang) -> dict[str, str]:
    """The facilitator page's sentences (``fac.*`` keys without the prefix)."""
    index = 0 if lang == "fr" else 1
    return {key[4:]: pair[index] for key, pair in CATALOG.items() if key[:4] == "fac."}
