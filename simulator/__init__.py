"""The pygame-ce simulator: kinematics at a fixed time step, rendering, replays.

pygame is imported only by the modules that draw (:mod:`simulator.pg` and its users); importing
this package needs no display. The main entry points::

    from simulator import SimEnv, simulate, PhysicsConfig, NoiseModel
    env = SimEnv.from_challenge(challenge, physics=PhysicsConfig())   # Gymnasium-style
    run = simulate(challenge, program)                                # beats + scored result
    simulator.record(run, "run.gif")                                  # headless GIF / PNG
    simulator.Arena.for_challenge(challenge, [("Renard", result)]).save("arena.gif")
"""

from __future__ import annotations

import importlib
from typing import Any

from simulator.beats import Beat, SimRun, beats_from_trace, replay, run_program, simulate
from simulator.env import Observation, RGBArray, SimEnv, TickBudget
from simulator.kinematics import BodyPose, PhysicsConfig
from simulator.noise import NoiseModel
from simulator.physics import PhysicalRobot
from simulator.player import Drive, Player
from simulator.timeline import Timeline, View

_DRAWING = {
    "Arena": "simulator.arena",
    "Recorder": "simulator.recording",
    "record": "simulator.recording",
    "render_map": "simulator.recording",
    "save_png": "simulator.recording",
    "Scene": "simulator.scene",
    "SimApp": "simulator.app",
}


def __getattr__(name: str) -> Any:
    """The drawing API, imported (with pygame) on first use."""
    module = _DRAWING.get(name)
    if module is None:
        raise AttributeError(f"module 'simulator' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "Arena",
    "Beat",
    "BodyPose",
    "Drive",
    "NoiseModel",
    "Observation",
    "PhysicalRobot",
    "PhysicsConfig",
    "Player",
    "RGBArray",
    "Recorder",
    "Scene",
    "SimApp",
    "SimEnv",
    "SimRun",
    "TickBudget",
    "Timeline",
    "View",
    "beats_from_trace",
    "record",
    "render_map",
    "replay",
    "run_program",
    "save_png",
    "simulate",
]
