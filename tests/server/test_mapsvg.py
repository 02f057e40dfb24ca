"""The map picture: valid SVG in the shared palette, with the parts the tablet animates."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from robolab import palette
from robolab.board import Board
from robolab.grid import parse_map
from robolab.server.mapsvg import CELL, board_svg
from robolab.vocabulary import Heading

NS = "{http://www.w3.org/2000/svg}"


def test_the_map_svg_has_every_cell_and_the_animated_parts() -> None:
    board = Board(parse_map("#####\n#S*~#\n#rG.#\n#####"), Heading.SOUTH)
    svg = board_svg(board, title="Défi <1>")
    root = ET.fromstring(svg)
    assert root.get("viewBox") == f"0 0 {5 * CELL} {4 * CELL}"
    assert root.get("data-start-x") == "1" and root.get("data-start-heading") == "2"
    assert root.find(f"{NS}title").text == "Défi <1>"  # type: ignore[union-attr]
    robot = root.find(f".//{NS}g[@id='robot']")
    assert robot is not None
    assert robot.get("transform") == f"translate({CELL * 1.5:.0f} {CELL * 1.5:.0f}) rotate(180)"
    gems = root.findall(f".//{NS}g[@class='gem']")
    assert [(g.get("data-x"), g.get("data-y")) for g in gems] == [("2", "1")]
    assert root.find(f".//{NS}polyline[@id='trail']") is not None
    for colour in (palette.WALL, palette.WATER, palette.GOAL, palette.GEM, palette.PAINT["red"]):
        assert palette.hex_color(colour) in svg


def test_thumbnails_have_no_robot() -> None:
    board = Board(parse_map("#S.G#"), Heading.EAST)
    assert 'id="robot"' not in board_svg(board, robot=False)
