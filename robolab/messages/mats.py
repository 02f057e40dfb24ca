"""Printable mats: robolab mat."""

MESSAGES: dict[str, tuple[str, str]] = {
    # printable mats: robolab mat (simulator/mat.py)
    "mat.portrait": ("portrait", "portrait"),
    "mat.landscape": ("paysage", "landscape"),
    "mat.page_info": (
        "{challenge} · {title} · case de {cell} mm · {paper} {orientation} · page {n}/{count} "
        "(colonne {col}, rangée {row})",
        "{challenge} · {title} · {cell} mm cells · {paper} {orientation} · page {n}/{count} "
        "(column {col}, row {row})",
    ),
    "mat.single_info": (
        "{challenge} · {title} · case de {cell} mm · tapis de {w} × {h} cm",
        "{challenge} · {title} · {cell} mm cells · mat {w} × {h} cm",
    ),
    "mat.scale": (
        "10 cm : sinon, imprime à 100 % (taille réelle)",
        "10 cm: if not, print at 100% (actual size)",
    ),
    "mat.goes_here": ("{label} se pose ici", "{label} goes here"),
    "mat.cover_info": (
        "Tapis de {w} × {h} cm · cases de {cell} mm · {pages} pages {paper} {orientation} "
        "({cols} colonnes × {rows} rangées) · plan d'assemblage",
        "Mat {w} × {h} cm · {cell} mm cells · {pages} {paper} pages, {orientation} "
        "({cols} columns × {rows} rows) · assembly plan",
    ),
    "mat.step1": (
        "Imprime toutes les pages à 100 % (taille réelle, sans « ajuster à la page ») et vérifie "
        "que la barre mesure bien 10 cm.",
        'Print every page at 100% (actual size, no "fit to page") and check that the bar '
        "measures 10 cm.",
    ),
    "mat.step2": (
        "Range les pages comme sur le plan : les lettres sont les colonnes (de gauche à droite), "
        "les chiffres les rangées (de haut en bas).",
        "Lay the pages out as on the plan: letters are columns (left to right), numbers are rows "
        "(top to bottom).",
    ),
    "mat.step3": (
        "Coupe le bord gauche des pages qui ont une voisine à gauche, et le bord du haut de "
        "celles qui ont une voisine au-dessus, sur les pointillés.",
        "Cut the left edge of the pages that have a neighbour on their left, and the top edge of "
        "those that have one above, along the dotted lines.",
    ),
    "mat.step4": (
        "Pose chaque page sur la bande hachurée de sa voisine, aligne les demi-triangles et le "
        "quadrillage, puis colle ou scotche. Assemble de gauche à droite, de haut en bas.",
        "Lay each page on its neighbour's hatched strip, line up the half-triangles and the grid, "
        "then glue or tape. Assemble left to right, top to bottom.",
    ),
    "mat.step5": (
        "Le robot part de la case bleue, tourné dans le sens de la flèche.",
        "The robot starts on the blue square, facing the way the arrow points.",
    ),
    "mat.too_large": (
        "le tapis ({w} × {h} cm) ne tient pas sur une seule page PDF (au plus {max} cm) : "
        "utilise --paper a4 ou a3",
        "the mat ({w} × {h} cm) does not fit on one PDF page (at most {max} cm): "
        "use --paper a4 or a3",
    ),
    "mat.written": (
        "{path} : plan d'assemblage + {pages} pages {paper} ({orientation}, {cols} colonnes × "
        "{rows} rangées), tapis de {w} × {h} cm, cases de {cell} mm, {dpi} ppp.",
        "{path}: assembly plan + {pages} {paper} pages ({orientation}, {cols} columns × {rows} "
        "rows), mat {w} × {h} cm, {cell} mm cells, {dpi} dpi.",
    ),
    "mat.written_one": (
        "{path} : 1 page {paper} ({orientation}), tapis de {w} × {h} cm, cases de {cell} mm, "
        "{dpi} ppp.",
        "{path}: 1 {paper} page ({orientation}), mat {w} × {h} cm, {cell} mm cells, {dpi} dpi.",
    ),
    "mat.written_single": (
        "{path} : une seule page de {pw} × {ph} cm, tapis de {w} × {h} cm, cases de {cell} mm, "
        "{dpi} ppp.",
        "{path}: one page of {pw} × {ph} cm, mat {w} × {h} cm, {cell} mm cells, {dpi} dpi.",
    ),
    "mat.border_kept": (
        "--no-border : le bord de la carte n'est pas fait que de murs, il est gardé.",
        "--no-border: the map's edge is not all walls, so it is kept.",
    ),
    "mat.print_at_100": (
        "Imprime à 100 % (taille réelle, sans « ajuster à la page »), puis vérifie la barre de 10 cm.",
        'Print at 100% (actual size, no "fit to page"), then check the 10 cm bar.',
    ),
}
