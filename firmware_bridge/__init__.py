"""The robot link: protocol, transports (serial, BLE), robot sessions, virtual robot and firmware.

Run a challenge on a robot::

    from firmware_bridge import RobotSession, run_challenge
    async with await RobotSession.connect("/dev/ttyUSB0") as robot:     # or "ble://Robot-3"
        report = await run_challenge(robot, challenge, program, on_progress=print)
        print(report.to_json())

The wire protocol is specified in ``docs/protocol.md``; the robots' firmware is in
``firmware_bridge/firmware/``. Importing this package imports neither pyserial nor bleak: each
transport imports its library when it is used.
"""

from __future__ import annotations

from firmware_bridge.errors import (
    BluetoothUnavailable,
    BridgeError,
    HelloTimeout,
    IncompatibleRobot,
    LinkLost,
    PortUnavailable,
    ProtocolError,
    RobotNotFound,
    RobotRefused,
    RobotTimeout,
    TransportError,
)
from firmware_bridge.faults import Faults
from firmware_bridge.fleet import Fleet, FleetRobot, RunOutcome, RunStatus
from firmware_bridge.link import ConnectionState, LinkTiming, RobotLink
from firmware_bridge.protocol import PROTOCOL_VERSION, Capability, Hello
from firmware_bridge.runs import Progress, RobotReport, RunMode, run_challenge, run_on_robot
from firmware_bridge.session import Battery, Calibration, RobotSession
from firmware_bridge.transports import Transport, open_transport
from firmware_bridge.virtual_robot import VirtualRobot

__all__ = [
    "PROTOCOL_VERSION",
    "Battery",
    "BluetoothUnavailable",
    "BridgeError",
    "Calibration",
    "Capability",
    "ConnectionState",
    "Faults",
    "Fleet",
    "FleetRobot",
    "Hello",
    "HelloTimeout",
    "IncompatibleRobot",
    "LinkLost",
    "LinkTiming",
    "PortUnavailable",
    "Progress",
    "ProtocolError",
    "RobotLink",
    "RobotNotFound",
    "RobotRefused",
    "RobotReport",
    "RobotSession",
    "RobotTimeout",
    "RunMode",
    "RunOutcome",
    "RunStatus",
    "Transport",
    "TransportError",
    "VirtualRobot",
    "open_transport",
    "run_challenge",
    "run_on_robot",
]
