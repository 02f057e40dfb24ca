"""Tests on real robots, run only when asked:

    pytest tests/firmware_bridge --robot-port /dev/ttyUSB0
    pytest tests/firmware_bridge --robot-ble RoboLab-ESP32

Put the robot on a clear floor: it drives one cell forward and back, and turns.
"""

from __future__ import annotations

import asyncio

import pytest

from firmware_bridge.errors import RobotRefused
from firmware_bridge.protocol import Capability, StepCode
from firmware_bridge.session import RobotSession
from firmware_bridge.transports import open_transport


async def check_robot(url: str) -> None:
    session = await RobotSession.connect(open_transport(url))
    try:
        hello = session.hello
        assert hello.version == 1 and 0 < hello.watchdog_ms <= 500
        if session.has(Capability.BATTERY):
            assert (await session.battery()).millivolts > 0
        if session.has(Capability.IDENTIFY):
            await session.identify()
        await session.arm()
        forward = await session.step(StepCode.FORWARD, 1)
        back = await session.step(StepCode.BACKWARD, 2)
        assert (back.pose.x, back.pose.y) != (forward.pose.x, forward.pose.y)
        turned = await session.step(StepCode.RIGHT, 3)
        assert turned.pose.heading != back.pose.heading
        # the watchdog: after a silence the robot must refuse to move until re-armed
        session.link.stop_heartbeat()
        await asyncio.sleep(0.8)
        with pytest.raises(RobotRefused) as caught:
            await session.step(StepCode.LEFT, 4)
        assert caught.value.code == "disarmed"
        assert await session.heartbeat() == "wd"
    finally:
        await session.close()


@pytest.mark.robot_port
@pytest.mark.asyncio
async def test_a_real_serial_robot(robot_port: str) -> None:
    await check_robot(robot_port)


@pytest.mark.robot_ble
@pytest.mark.asyncio
async def test_a_real_ble_robot(robot_ble: str) -> None:
    await check_robot(robot_ble if robot_ble.startswith("ble://") else f"ble://{robot_ble}")
