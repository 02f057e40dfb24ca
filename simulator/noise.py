"""How a real robot drifts: a systematic bias (what calibration fits) plus seeded random noise."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from robolab.vocabulary import Action


@dataclass(frozen=True, slots=True)
class NoiseModel:
    """Errors applied to the wheels' real travel; all zero means a perfect robot.

    Attributes:
        wheel_mismatch: systematic difference of the wheels (0.02: the right wheel rolls 2 % more
            than the left one for the same command), so straight moves curve.
        turn_bias: systematic turn error as a fraction (0.05: every turn is 5 % too wide).
        turn_noise_deg: standard deviation of the random error of each turn, in degrees.
        drive_noise: standard deviation of the random slip of each wheel per block, as a fraction.
    """

    wheel_mismatch: float = 0.0
    turn_bias: float = 0.0
    turn_noise_deg: float = 0.0
    drive_noise: float = 0.0

    def __post_init__(self) -> None:
        limits = {
            "wheel_mismatch": (-0.5, 0.5),
            "turn_bias": (-0.5, 0.5),
            "turn_noise_deg": (0.0, 45.0),
            "drive_noise": (0.0, 0.5),
        }
        for name, (low, high) in limits.items():
            value = getattr(self, name)
            if not (math.isfinite(value) and low <= value <= high):
                raise ValueError(f"NoiseModel.{name} must be from {low} to {high}, got {value!r}")

    @property
    def is_zero(self) -> bool:
        return not (
            self.wheel_mismatch or self.turn_bias or self.turn_noise_deg or self.drive_noise
        )

    def wheel_factors(self, action: Action, rng: random.Random) -> tuple[float, float]:
        """Real travel / commanded travel of the (left, right) wheels for one block.

        Random numbers are drawn in a fixed order, so a seed always gives the same drift.
        """
        left = 1 - self.wheel_mismatch / 2
        right = 1 + self.wheel_mismatch / 2
        if self.drive_noise:
            left *= 1 + rng.gauss(0, self.drive_noise)
            right *= 1 + rng.gauss(0, self.drive_noise)
        if action in (Action.TURN_LEFT, Action.TURN_RIGHT):
            turn = 1 + self.turn_bias
            if self.turn_noise_deg:
                turn += rng.gauss(0, self.turn_noise_deg) / 90
            left *= turn
            right *= turn
        return left, right


NO_NOISE = NoiseModel()
