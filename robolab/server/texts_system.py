"""Sentences about the machine the server runs on: a full disk, a database locked or broken.

Same shape as :data:`robolab.server.texts.CATALOG`; merged into it. Facilitators read them
(API answers, a notice on their pages, the terminal) and so do teens ("Oups : …" on the tablet),
so they say what happened, that nothing saved is lost, and what to do.
"""

from __future__ import annotations

SYSTEM_CATALOG: dict[str, tuple[str, str]] = {
    "db.full": (
        "Le disque de l'ordinateur de l'animateur est plein : RoboLab ne peut plus rien "
        "enregistrer. Ce qui était déjà enregistré est gardé. Libérez de la place (supprimez des "
        "fichiers ou d'anciennes séances), puis réessayez.",
        "The facilitator's computer disk is full: RoboLab cannot save anything more. What was "
        "already saved is kept. Free some space (delete files or old sessions), then try again.",
    ),
    "db.busy": (
        "La base de données de RoboLab est bloquée par un autre programme (une sauvegarde, un "
        "deuxième RoboLab sur le même dossier ?). Rien n'a été enregistré cette fois : "
        "réessayez dans un instant.",
        "RoboLab's database is locked by another program (a backup, a second RoboLab on the "
        "same folder?). Nothing was saved this time: try again in a moment.",
    ),
    "db.broken": (
        "RoboLab n'arrive pas à écrire dans sa base de données ({reason}). Ce qui était déjà "
        "enregistré est gardé. Vérifiez le disque et le dossier des données, puis relancez "
        "RoboLab.",
        "RoboLab cannot write to its database ({reason}). What was already saved is kept. "
        "Check the disk and the data folder, then start RoboLab again.",
    ),
    "db.log": (
        "Problème de base de données : {message}",
        "Database problem: {message}",
    ),
    "api.too_many_tries": (
        "trop d'essais depuis cet appareil : attends une minute avant de réessayer",
        "too many tries from this device: wait a minute before trying again",
    ),
}
