"""Fixtures for the robot link tests; hardware tests run only with --robot-port / --robot-ble.

Run them with, for example::

    pytest tests/firmware_bridge --robot-port /dev/ttyUSB0
    pytest tests/firmware_bridge --robot-ble RoboLab-ESP32
"""

from __future__ import annotations

from pathlib import Path

import pytest

from firmware_bridge.simavr import FirmwareBuild, build_firmware, default_build_dir, missing_tools
from robolab.challenge import Challenge
from robolab.challenge_loader import load_challenge
from tests.firmware_bridge.helpers import challenge_file


@pytest.fixture
def robot_port(request: pytest.FixtureRequest) -> str:
    return str(request.config.getoption("--robot-port"))


@pytest.fixture
def robot_ble(request: pytest.FixtureRequest) -> str:
    return str(request.config.getoption("--robot-ble"))


@pytest.fixture(scope="session")
def avr_build() -> FirmwareBuild:
    """The reference AVR firmware and the simavr harness, built (incrementally) once."""
    missing = missing_tools()
    if missing:
        pytest.skip(f"AVR toolchain or simavr missing: {', '.join(missing)}")
    return build_firmware(default_build_dir())


@pytest.fixture
def corner(tmp_path: Path) -> Challenge:
    """A corridor with one right turn; conditions allowed."""
    return load_challenge(challenge_file(tmp_path))
