"""Options shared by the whole suite: hardware tests run only when a real robot is named.

pytest --robot-port /dev/ttyUSB0
pytest --robot-ble RoboLab-ESP32
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("robolab robots")
    group.addoption(
        "--robot-port",
        default=None,
        metavar="URL",
        help="a real robot on this serial port or pyserial URL (runs the robot_port tests)",
    )
    group.addoption(
        "--robot-ble",
        default=None,
        metavar="ADDRESS_OR_NAME",
        help="a real Bluetooth LE robot (runs the robot_ble tests)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for marker, option in (("robot_port", "--robot-port"), ("robot_ble", "--robot-ble")):
        if config.getoption(option, default=None):
            continue
        skip = pytest.mark.skip(reason=f"needs a real robot: {option}")
        for item in items:
            if marker in item.keywords:
                item.add_marker(skip)
