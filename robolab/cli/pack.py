"""``robolab pack export | import``: sharing challenge packs between centres (docs/packs.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from robolab.cli import add_lang
from robolab.i18n import Lang
from robolab.messages import translate
from robolab.pack_archive import ArchiveError, export_pack, import_pack

OK, REFUSED, INVALID = 0, 1, 2


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("pack", help="partager des paquets de défis / share challenge packs")
    actions = p.add_subparsers(dest="pack_command", metavar="ACTION")

    e = actions.add_parser(
        "export", help="écrire un paquet dans un zip / write a pack folder to a zip archive"
    )
    e.add_argument("folder", type=Path, metavar="PACK_FOLDER")
    e.add_argument("-o", "--output", type=Path, required=True, metavar="ARCHIVE.zip")
    e.add_argument("--json", action="store_true", help="résultat en JSON / print JSON")
    add_lang(e)
    e.set_defaults(handler=cmd_export)

    i = actions.add_parser(
        "import", help="installer un paquet depuis un zip / install a pack from a zip archive"
    )
    i.add_argument("archive", type=Path, metavar="ARCHIVE.zip")
    i.add_argument(
        "--into",
        type=Path,
        default=None,
        metavar="DIR",
        help="dossier des paquets / packs folder (default: the user's packs folder)",
    )
    i.add_argument(
        "--replace",
        action="store_true",
        help="remplacer un paquet déjà installé / replace a pack already installed",
    )
    i.add_argument("--json", action="store_true", help="résultat en JSON / print JSON")
    add_lang(i)
    i.set_defaults(handler=cmd_import)
    p.set_defaults(handler=lambda args: _usage(p))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return INVALID


def default_packs_dir() -> Path:
    """Where imported packs go: ``packs`` in the user's RoboLab data folder."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("robolab", appauthor=False)) / "packs"


def cmd_export(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    try:
        done = export_pack(args.folder, args.output)
    except ArchiveError as err:
        _refused("archive.export_refused", err, lang, folder=str(args.folder))
        return REFUSED
    manifest = done.manifest
    if args.json:
        out = {"archive": str(done.archive), "skipped": list(done.skipped), **manifest.to_json()}
        print(json.dumps(out, ensure_ascii=False))
        return OK
    print(
        translate(
            "archive.exported",
            lang,
            pack=manifest.pack,
            version=manifest.version,
            count=len(manifest.files),
            file=str(done.archive),
        )
    )
    if done.skipped:
        print(translate("archive.skipped", lang, names=", ".join(done.skipped)))
    return OK


def cmd_import(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    into = args.into if args.into is not None else default_packs_dir()
    try:
        done = import_pack(args.archive, into, replace=args.replace)
    except ArchiveError as err:
        _refused("archive.refused", err, lang, file=str(args.archive))
        return REFUSED
    manifest = done.manifest
    for warning in done.warnings:
        print(f"{warning.located(lang)} ({translate('cli.warning', lang)})", file=sys.stderr)
    if args.json:
        out = {"folder": str(done.folder), "replaced": done.replaced, **manifest.to_json()}
        print(json.dumps(out, ensure_ascii=False))
        return OK
    key = "archive.replaced" if done.replaced else "archive.installed"
    print(
        translate(key, lang, pack=manifest.pack, version=manifest.version, folder=str(done.folder))
    )
    print(translate("archive.use_it", lang, root=str(into)))
    return OK


def _refused(key: str, err: ArchiveError, lang: Lang, **where: str) -> None:
    print(translate(key, lang, why=err.message(lang), **where), file=sys.stderr)
    for problem in err.problems:
        print(f"  {problem.located(lang)}", file=sys.stderr)
