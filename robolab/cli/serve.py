"""``robolab serve``: the classroom server for the tablets (see docs/server.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from robolab.cli import add_lang
from robolab.cli.numbers import whole_in


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="serveur de la classe pour les tablettes / classroom server for the tablets",
    )
    p.add_argument(
        "--host",
        default="0.0.0.0",
        help="adresse d'écoute / address to listen on (default: 0.0.0.0, every interface)",
    )
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0: any free port)")
    p.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="DIR",
        help="dossier des données / data folder (default: the user's data folder)",
    )
    p.add_argument(
        "--pack",
        action="append",
        type=Path,
        default=None,
        metavar="PATH",
        help="dossier de paquets de défis (répétable) / challenge pack folder (repeatable; "
        "default: the bundled packs)",
    )
    p.add_argument(
        "--demo",
        action="store_true",
        help="ouvrir une séance de démonstration / keep an open demo session with every challenge",
    )
    p.add_argument(
        "--keep-days",
        type=whole_in(0, 36500),
        default=30,
        metavar="N",
        help="effacer les séances inactives depuis N jours / erase sessions idle for N days "
        "with all their data (default: 30; 0: never)",
    )
    p.add_argument(
        "--robot",
        action="append",
        default=[],
        metavar="URL",
        help="robot à connecter au démarrage (répétable) / robot to connect at start "
        "(repeatable): /dev/ttyUSB0, COM3, socket://host:port, ble://name",
    )
    p.add_argument(
        "--new-facilitator-link",
        action="store_true",
        help="nouveau lien animateur : les anciens liens et navigateurs d'animateur ne marchent "
        "plus / new facilitator link: older links and facilitator browsers stop working",
    )
    add_lang(p)
    p.set_defaults(handler=cmd_serve)


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("robolab", appauthor=False))


def cmd_serve(args: argparse.Namespace) -> int:
    from robolab.server.launch import serve
    from robolab.server.robots import RobotRoom, demo_robots
    from robolab.server.state import ServerConfig

    config = ServerConfig(
        data_dir=args.data if args.data is not None else default_data_dir(),
        pack_roots=args.pack,
        demo=args.demo,
        keep_days=args.keep_days,
        listen_host=args.host,
    )
    # --demo: two virtual robots in the fleet, so the whole robot flow works without hardware.
    room = RobotRoom(urls=args.robot, virtual=demo_robots(2) if args.demo else (), lang=args.lang)
    return serve(
        config, args.host, args.port, args.lang, room=room, new_link=args.new_facilitator_link
    )
