"""``robolab mat CHALLENGE -o mat.pdf``: the level at real scale for the robots (docs/mats.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from robolab.cli import add_lang
from robolab.cli.inputs import INVALID, open_challenge
from robolab.cli.numbers import number_in, whole_in
from robolab.i18n import Lang
from robolab.messages import translate

OK, FAILED = 0, 1
PAPER_CHOICES = ("a4", "a3", "single")
WALL_CHOICES = ("full", "light", "outline")  # simulator.mat_tiles.WALL_STYLES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "mat",
        help="tapis à imprimer à l'échelle du robot / printable mat at the robot's scale (PDF)",
    )
    p.add_argument(
        "challenge", help="fichier de défi ou id (starter/zigzag) / challenge file or id"
    )
    p.add_argument("-o", "--output", type=Path, required=True, metavar="MAT.pdf")
    p.add_argument(
        "--cell-mm",
        type=number_in(20, 1000),
        default=150.0,
        metavar="MM",
        help="taille d'une case / size of a cell in mm (default: 150)",
    )
    p.add_argument(
        "--paper",
        choices=PAPER_CHOICES,
        default="a4",
        help="feuilles A4 ou A3 à assembler, ou une seule grande page / A4 or A3 sheets to "
        "assemble, or one large page (default: a4)",
    )
    p.add_argument(
        "--variant", type=int, default=0, help="carte (0 : principale) / map (0: the main map)"
    )
    p.add_argument(
        "--walls",
        choices=WALL_CHOICES,
        default="full",
        help="murs pleins, clairs ou seulement leur contour (moins d'encre) / walls full, light "
        "or outlined only (less ink) (default: full)",
    )
    p.add_argument(
        "--no-border",
        action="store_true",
        help="sans l'anneau de murs autour de la carte : le tapis est la zone de jeu / without "
        "the ring of walls around the map: the mat is the playable area",
    )
    p.add_argument(
        "--dpi",
        type=whole_in(50, 300),
        default=150,
        help="résolution / resolution (default: 150; lowered for a huge single page)",
    )
    add_lang(p)
    p.set_defaults(handler=cmd_mat)


def cmd_mat(args: argparse.Namespace) -> int:
    from simulator.mat import MatError, MatText, plan_mat, without_border, write_mat
    from simulator.mat_layout import cm

    lang: Lang = args.lang
    challenge = open_challenge(args.challenge, lang)
    if challenge is None:
        return INVALID
    boards = challenge.boards
    if not 0 <= args.variant < len(boards):
        print(
            translate("sim.bad_variant", lang, n=args.variant, max=len(boards) - 1), file=sys.stderr
        )
        return INVALID
    board = boards[args.variant]
    if args.no_border:
        inner = without_border(board)
        if inner is None:  # not all walls: dropping it would drop cells of the game
            print(translate("mat.border_kept", lang), file=sys.stderr)
        else:
            board = inner
    try:
        plan = plan_mat(board, args.cell_mm, args.paper)
    except MatError as err:
        print(f"{args.challenge}: {err.message(lang)}", file=sys.stderr)
        return INVALID
    title = challenge.title_in(lang)
    if args.variant:
        title = f"{title} ({translate('sim.variant', lang, n=args.variant)})"
    try:
        dpi = write_mat(
            board,
            plan,
            args.output,
            MatText(challenge.id, title, lang),
            dpi=args.dpi,
            walls=args.walls,
        )
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(
            translate("sim.cannot_write", lang, path=str(args.output), reason=reason),
            file=sys.stderr,
        )
        return FAILED
    key = "mat.written_single" if plan.paper == "single" else "mat.written"
    if plan.paper != "single" and len(plan.pages) == 1:
        key = "mat.written_one"
    print(
        translate(
            key,
            lang,
            path=str(args.output),
            pages=len(plan.pages),
            paper=plan.paper.upper(),
            orientation=translate(f"mat.{plan.orientation}", lang),
            cols=plan.cols,
            rows=plan.rows,
            w=cm(plan.width_mm),
            h=cm(plan.height_mm),
            pw=cm(plan.page_mm[0]),
            ph=cm(plan.page_mm[1]),
            cell=f"{plan.cell_mm:g}",
            dpi=dpi,
        )
    )
    print(translate("mat.print_at_100", lang))
    return OK
