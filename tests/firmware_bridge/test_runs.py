"""Programs on robots: streamed and uploaded runs give the simulator's result, with progress."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from firmware_bridge.errors import BridgeError, LinkLost, RobotRefused
from firmware_bridge.link import LinkTiming
from firmware_bridge.runs import Phase, Progress, RunMode, plan_program, run_challenge, run_on_robot
from firmware_bridge.session import RobotSession
from firmware_bridge.transports.virtual import VirtualTransport
from firmware_bridge.virtual_robot import VirtualRobot
from robolab.board import Board
from robolab.challenge import Challenge
from robolab.challenge_loader import load_challenge
from robolab.compiler import CompiledProgram
from robolab.grid import parse_map
from robolab.program_loader import parse_program
from robolab.vocabulary import Goal, Heading, Outcome
from tests.firmware_bridge.helpers import CORNER_MAP, SEQUENCE, WALL_FOLLOWER, challenge_file
from tests.strategies import programs

FAST = LinkTiming(retry_after=0.05, poll_after=0.2, silence=0.6)


class Recorder(VirtualTransport):
    def __init__(self, robot: VirtualRobot) -> None:
        super().__init__(robot)
        self.verbs: list[str] = []
        self.frames: list[bytes] = []

    async def write(self, data: bytes) -> None:
        self.frames.append(data)
        self.verbs.append(data.split()[1].split(b"*")[0].decode())
        await super().write(data)


async def connect(robot: VirtualRobot) -> tuple[RobotSession, Recorder]:
    transport = Recorder(robot)
    return await RobotSession.connect(transport, timing=FAST), transport


def on_map(challenge: Challenge, **options: Any) -> VirtualRobot:
    board = challenge.board
    return VirtualRobot("Runner", grid=board.grid, start=board.start, move_ms=4, **options)


@pytest.mark.asyncio
@pytest.mark.parametrize("mode", list(RunMode))
async def test_a_wall_follower_gives_the_simulated_result_with_block_highlights(
    corner: Challenge, mode: RunMode
) -> None:
    robot = on_map(corner)
    session, transport = await connect(robot)
    events: list[Progress] = []
    try:
        report = await run_challenge(
            session, corner, WALL_FOLLOWER, mode=mode, on_progress=events.append
        )
    finally:
        await session.close()
        await robot.aclose()
    assert report.result.solved and report.result.stars == 3
    assert report.differences == ()
    assert report.to_json() == {**report.simulated.to_json(), "robot": report.robot}
    assert report.robot["mode"] == mode.value
    done = [e for e in events if e.phase is Phase.DONE]
    assert [(e.id, e.x, e.y, e.heading) for e in done] == [
        ("go", 2, 1, "east"),
        ("go", 3, 1, "east"),
        ("turn", 3, 1, "south"),
        ("go", 3, 2, "south"),
        ("go", 3, 3, "south"),
    ]
    starts = [e.id for e in events if e.phase is Phase.START]
    assert starts == ["go", "go", "turn", "go", "go"]
    assert events[0].to_json()["type"] == "progress"
    if mode is RunMode.STREAMED:
        assert transport.verbs.count("MOVE") == 5
        assert transport.verbs.count("SENSE") == 10  # 6 at_goal + 4 path_ahead... read by the robot
        assert {e.id for e in events if e.phase is Phase.SENSE} == {"loop", "ask"}
    else:
        assert "MOVE" not in transport.verbs and transport.verbs.count("RUN") == 1
        assert transport.verbs.count("ADD") == 1


@pytest.mark.asyncio
async def test_a_robot_without_sensors_gets_its_conditions_from_the_host_map(
    corner: Challenge,
) -> None:
    robot = VirtualRobot("Blind", move_ms=4)  # no map: no sensors, no bumper
    session, transport = await connect(robot)
    try:
        assert not ({"ahead", "goal", "bump"} & session.hello.caps)
        report = await run_challenge(session, corner, WALL_FOLLOWER)
    finally:
        await session.close()
        await robot.aclose()
    assert report.result.solved
    assert "SENSE" not in transport.verbs
    assert report.differences == ()


@pytest.mark.asyncio
@pytest.mark.parametrize("sensors", [True, False], ids=["bumper", "host-map"])
async def test_a_crash_is_reported_the_same_way_as_in_the_simulator(
    corner: Challenge, sensors: bool
) -> None:
    robot = on_map(corner, sensors=sensors)
    session, transport = await connect(robot)
    program = [{"block": "repeat", "times": 3, "body": [{"block": "move_forward", "id": "m"}]}]
    try:
        report = await run_challenge(session, corner, program)
    finally:
        await session.close()
        await robot.aclose()
    assert report.result.outcome is Outcome.CRASH
    assert report.result.to_json()["block"]["id"] == "m"
    assert report.differences == ()
    assert robot.pose.x == 3  # it came back to its cell after touching the wall
    bumps = [
        f for f in transport.frames if f.split()[1] == b"MOVE" and f.split()[2].startswith(b"f")
    ]
    assert len(bumps) == (0 if sensors else 1)  # the bumper decides, or the host's map does


@pytest.mark.asyncio
async def test_when_the_mat_differs_the_report_shows_both_results(tmp_path: Path) -> None:
    host = load_challenge(challenge_file(tmp_path))
    walled = CORNER_MAP.replace("#S..##", "#S.#.#")  # a wall the host's map does not have
    robot = VirtualRobot("Mat", grid=parse_map(walled), start=host.board.start, move_ms=4)
    session, _ = await connect(robot)
    try:
        report = await run_challenge(session, host, SEQUENCE)
    finally:
        await session.close()
        await robot.aclose()
    assert report.result.outcome is Outcome.CRASH  # what the robot reported
    assert report.simulated.outcome is Outcome.SUCCESS
    assert {"outcome", "steps", "pose"} <= set(report.differences)
    out = report.to_json()
    assert out["outcome"] == "crash" and out["simulated"]["outcome"] == "success"


@pytest.mark.asyncio
async def test_an_invalid_program_never_moves_the_robot(corner: Challenge) -> None:
    robot = on_map(corner)
    session, transport = await connect(robot)
    try:
        report = await run_challenge(session, corner, [{"block": "fly"}], lang="en")
    finally:
        await session.close()
        await robot.aclose()
    assert report.result.outcome is Outcome.ERROR
    assert "fly" in report.result.message
    assert "ARM" not in transport.verbs and "MOVE" not in transport.verbs


@pytest.mark.asyncio
async def test_losing_the_link_mid_run_stops_the_robot_within_half_a_second(
    corner: Challenge,
) -> None:
    robot = VirtualRobot("Lost", move_ms=150)
    session, _ = await connect(robot)
    program = parse_program(SEQUENCE)
    asyncio.get_running_loop().call_later(0.2, robot.cut)
    with pytest.raises(LinkLost):
        await run_on_robot(session, program, corner.board, corner.goals)
    stopped = await robot.wait_motors_stopped(1.0)
    assert robot.cable.cut_time is not None
    assert stopped - robot.cable.cut_time <= 0.5
    for _ in range(100):  # the watchdog trips even when the cut fell between two moves
        if robot.core.state() == "wd":
            break
        await asyncio.sleep(0.01)
    assert robot.core.state() == "wd"  # and it will not move again until re-armed
    await session.close()
    await robot.aclose()


@pytest.mark.asyncio
async def test_upload_mode_link_loss_policy_stop_and_never_resume(corner: Challenge) -> None:
    robot = VirtualRobot("Plan", move_ms=300, reset_on_connect=False)
    session, _ = await connect(robot)
    asyncio.get_running_loop().call_later(0.35, robot.cut)
    with pytest.raises(LinkLost):
        await run_on_robot(
            session, parse_program(SEQUENCE), corner.board, corner.goals, mode=RunMode.UPLOAD
        )
    stopped = await robot.wait_motors_stopped(1.0)
    assert robot.cable.cut_time is not None and stopped - robot.cable.cut_time <= 0.5
    await session.close()
    robot.mend()
    again = await RobotSession.connect(VirtualTransport(robot), timing=FAST)
    try:
        status = await again.status()
        assert status.state == "off" and 0 < status.plan_done < status.plan_len == 5
        await asyncio.sleep(0.3)  # nothing resumes the plan
        assert (await again.status()).plan_done == status.plan_done
    finally:
        await again.close()
        await robot.aclose()


@pytest.mark.asyncio
async def test_stop_interrupts_a_run(corner: Challenge) -> None:
    robot = VirtualRobot("Stop", move_ms=200)
    session, _ = await connect(robot)
    try:
        run = asyncio.ensure_future(
            run_on_robot(session, parse_program(SEQUENCE), corner.board, corner.goals)
        )
        await asyncio.sleep(0.1)
        await session.stop()
        with pytest.raises(RobotRefused) as caught:
            await run
        # mid-move: the move ends "stopped"; between two moves: the next one finds it "disarmed"
        assert caught.value.code in ("stopped", "disarmed")
        assert not robot.motors_running
    finally:
        await session.close()
        await robot.aclose()


@pytest.mark.asyncio
async def test_upload_refuses_plans_longer_than_the_robot_holds(corner: Challenge) -> None:
    robot = VirtualRobot("Small", move_ms=4)
    robot.body.plan_max = 3
    session, _ = await connect(robot)
    try:
        with pytest.raises(BridgeError) as caught:
            await run_on_robot(
                session, parse_program(SEQUENCE), corner.board, corner.goals, mode=RunMode.UPLOAD
            )
        assert caught.value.key == "robot.plan_too_long"
        assert "5" in caught.value.message("fr")
    finally:
        await session.close()
        await robot.aclose()


def test_plans_mark_the_moves_the_host_map_says_will_crash(corner: Challenge) -> None:
    program = parse_program([{"block": "repeat", "times": 3, "body": [{"block": "move_forward"}]}])
    plan = plan_program(program, corner.board, corner.goals)
    assert [p.code.value for p in plan] == ["F", "F", "f"]
    bumping = plan_program(program, corner.board, corner.goals, robot_bumps=True)
    assert [p.code.value for p in bumping] == ["F", "F", "F"]


RANDOM_MAP = parse_map("#######\n#S.*..#\n#.#~r.#\n#..G..#\n#######\n")
RANDOM_BOARD = Board(RANDOM_MAP, Heading.EAST)
GOALS = frozenset({Goal.REACH})


@given(programs(max_depth=3))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_program_on_a_robot_matches_the_compiled_run(data: dict[str, Any]) -> None:
    program = parse_program(data)
    expected = CompiledProgram(program).run(RANDOM_BOARD, GOALS, max_ticks=40, trace=True)

    async def on_robot(sensors: bool) -> Any:
        robot = VirtualRobot(
            "Prop", grid=RANDOM_MAP, start=RANDOM_BOARD.start, sensors=sensors, move_ms=1
        )
        session = await RobotSession.connect(VirtualTransport(robot), timing=FAST)
        try:
            return await run_on_robot(session, program, RANDOM_BOARD, GOALS, max_ticks=40)
        finally:
            await session.close()
            await robot.aclose()

    for sensors in (True, False):
        got = asyncio.run(on_robot(sensors))
        assert (got.outcome, got.steps, got.ticks, got.x, got.y, got.heading) == (
            expected.outcome,
            expected.steps,
            expected.ticks,
            expected.x,
            expected.y,
            expected.heading,
        )
        assert got.trace == expected.trace
        assert got.gems_left == expected.gems_left
