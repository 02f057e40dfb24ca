"""A link cut shorter than the host's silence limit: the robot's own watchdog stops it mid-run.

The host never sees the link go (it mends before 1.2 s of silence), but the robot, disarmed by
its watchdog, refuses the next step (``ERR disarmed``, or ``ERR stopped`` when the trip ends a
step). The run must end "lost" with the kind message, not "failed" with the protocol's words.
Found by the load test's robot faults (``tests/loadgen/test_faults_under_load.py``).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from firmware_bridge.fleet import Fleet, RunStatus
from firmware_bridge.transports.virtual import register_virtual, unregister_virtual
from firmware_bridge.virtual_robot import VirtualRobot
from robolab.challenge import Challenge
from tests.firmware_bridge.helpers import SEQUENCE


@pytest_asyncio.fixture
async def robot(corner: Challenge) -> AsyncIterator[VirtualRobot]:
    board = corner.board
    bot = VirtualRobot("Brief", grid=board.grid, start=board.start, move_ms=30)
    register_virtual(bot)
    try:
        yield bot
    finally:
        unregister_virtual(bot)
        await bot.aclose()


@pytest.mark.asyncio
@pytest.mark.parametrize("cell_ms", [150, 600], ids=["between-steps", "mid-step"])
async def test_a_short_cut_that_trips_the_watchdog_ends_the_run_lost(
    robot: VirtualRobot, corner: Challenge, cell_ms: int
) -> None:
    fleet = Fleet()
    try:
        await fleet.connect("virtual://Brief")
        await fleet.calibrate("r1", speed=150_000 // cell_ms)
        loop = asyncio.get_running_loop()
        loop.call_later(0.05, robot.cut)
        loop.call_later(0.85, robot.mend)  # > the 400 ms watchdog, < the 1.2 s silence limit
        outcome = await fleet.run("r1", corner, SEQUENCE)
        assert outcome.status is RunStatus.LOST, outcome.message
        assert "s'est arrêté tout seul" in outcome.message["fr"]
        assert "disarmed" not in outcome.message["en"]
        assert not robot.motors_running and not robot.core.armed
        await fleet.calibrate("r1", speed=5000)
        again = await fleet.run("r1", corner, SEQUENCE)  # the queue goes on: it runs again
        assert again.status is RunStatus.FINISHED
    finally:
        await fleet.close()
