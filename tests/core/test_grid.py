from __future__ import annotations

import pytest

from robolab.board import Board, GridRobot, apply_action, read_sensor
from robolab.grid import BLOCKED, FREE, HOLE, MapError, parse_map
from robolab.program import Test
from robolab.robot import Motion, Pose
from robolab.vocabulary import Action, Color, Heading, Sensor


def test_short_lines_are_padded_with_walls_and_blank_edges_dropped() -> None:
    grid = parse_map("\n\n#####\n#S.G\n###   \n\n")
    assert grid.rows == ("#####", "#S.G#", "#####")
    assert grid.start == (1, 1)
    assert grid.goals == frozenset({(3, 1)})


def test_outside_the_map_is_a_wall_and_water_is_a_hole() -> None:
    grid = parse_map("S~\n.*")
    assert grid.kinds[grid.index(-1, 0)] == BLOCKED
    assert grid.kinds[grid.index(2, 0)] == BLOCKED
    assert grid.kinds[grid.index(0, -1)] == BLOCKED
    assert grid.kinds[grid.index(1, 0)] == HOLE
    assert grid.kinds[grid.index(1, 1)] == FREE
    assert grid.gems == ((1, 1),)
    assert grid.coords(grid.index(1, 1)) == (1, 1)


@pytest.mark.parametrize(
    ("text", "key", "row"),
    [
        ("", "map.empty", None),
        ("#.G#", "map.no_start", None),
        ("S.\n.S", "map.many_starts", 1),
        ("S.\n.x", "map.bad_char", 1),
        ("S" + "." * 64, "map.too_big", None),
        ("S" + "*" * 17, "map.too_many_gems", 0),
    ],
)
def test_map_errors_say_which_row(text: str, key: str, row: int | None) -> None:
    with pytest.raises(MapError) as info:
        parse_map(text)
    assert info.value.key == key
    assert info.value.row == row
    assert info.value.message("fr") != info.value.message("en")


def test_bad_char_message_quotes_the_character_in_both_languages() -> None:
    with pytest.raises(MapError) as info:
        parse_map("S.?")
    assert "« ? »" in info.value.message("fr")
    assert '"?"' in info.value.message("en")


def test_moves_turns_crash_and_fall() -> None:
    grid = parse_map("#####\n#S.~#\n#####")
    start = Pose(1, 1, Heading.EAST)
    moved = apply_action(grid, start, Action.MOVE_FORWARD)
    assert moved.motion is Motion.OK and moved.pose == Pose(2, 1, Heading.EAST)
    fell = apply_action(grid, moved.pose, Action.MOVE_FORWARD)
    assert fell.motion is Motion.FALL and fell.pose == Pose(3, 1, Heading.EAST)
    crashed = apply_action(grid, start, Action.MOVE_BACKWARD)
    assert crashed.motion is Motion.CRASH and crashed.pose == start
    turned = apply_action(grid, start, Action.TURN_LEFT)
    assert turned.pose.heading is Heading.NORTH
    assert apply_action(grid, start, Action.TURN_RIGHT).pose.heading is Heading.SOUTH


def test_sensors_read_the_mat() -> None:
    grid = parse_map("#####\n#S*r#\n#.~G#\n#####")
    east = Pose(1, 1, Heading.EAST)
    assert read_sensor(grid, east, Test(Sensor.PATH_AHEAD))
    assert read_sensor(grid, east, Test(Sensor.PATH_RIGHT))  # south of S is floor
    assert not read_sensor(grid, east, Test(Sensor.PATH_LEFT))  # north is a wall
    south_of_gem = Pose(2, 1, Heading.SOUTH)
    assert not read_sensor(grid, south_of_gem, Test(Sensor.PATH_AHEAD))  # water is not a path
    assert read_sensor(grid, south_of_gem, Test(Sensor.GEM_HERE))
    red = Pose(3, 1, Heading.NORTH)
    assert read_sensor(grid, red, Test(Sensor.ON_COLOR, Color.RED))
    assert not read_sensor(grid, red, Test(Sensor.ON_COLOR, Color.BLUE))
    assert read_sensor(grid, Pose(3, 2, Heading.NORTH), Test(Sensor.AT_GOAL))


def test_grid_robot_keeps_its_pose() -> None:
    robot = GridRobot(Board(parse_map("S..G"), Heading.EAST))
    robot.act(Action.MOVE_FORWARD)
    robot.act(Action.TURN_RIGHT)
    assert robot.pose == Pose(1, 0, Heading.SOUTH)
    assert robot.act(Action.MOVE_FORWARD).motion is Motion.CRASH
