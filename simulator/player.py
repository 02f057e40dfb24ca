"""Playback controls (play, pause, single step, step back, restart, speed) and driving by hand.

Nothing here draws or needs a screen: the window (:mod:`simulator.app`) maps keys and clicks to
these methods, and tests call them directly.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from robolab.vocabulary import Action
from simulator.beats import Beat, SimRun, act_beat
from simulator.env import SimEnv
from simulator.timeline import Timeline, View

SPEEDS: Final = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
_EPS: Final = 1e-9
MAX_LAG_S: Final = 1.0  # driving by hand: never be more than this behind the keys


class Player:
    """A playhead over the timeline of a run."""

    def __init__(self, run: SimRun, *, speed: float = 1.0, playing: bool = False) -> None:
        self.timeline = Timeline(run)
        self.t = 0.0
        self.playing = playing
        self.target: float | None = None
        self.speed_index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - speed))

    @property
    def run(self) -> SimRun:
        return self.timeline.run

    @property
    def speed(self) -> float:
        return SPEEDS[self.speed_index]

    @property
    def at_end(self) -> bool:
        return self.t >= self.timeline.total - _EPS

    def view(self) -> View:
        return self.timeline.view_at(self.t)

    def update(self, dt: float) -> None:
        """Moves the playhead by ``dt`` seconds of wall time (times the speed) when playing."""
        if not self.playing:
            return
        self.t += dt * self.speed
        if self.target is not None and self.t >= self.target:
            self.t, self.target, self.playing = self.target, None, False
        if self.t >= self.timeline.total:
            self.t, self.playing = self.timeline.total, False

    def toggle(self) -> None:
        """Play or pause; playing again at the end starts over."""
        if self.playing:
            self.playing = False
        else:
            if self.at_end:
                self.t = 0.0
            self.playing = True
        self.target = None

    def step(self) -> None:
        """Plays the next block (action or sensor read) and pauses after it."""
        later = [b for b in self.timeline.boundaries if b > self.t + _EPS]
        self.target = later[0] if later else self.timeline.total
        self.playing = self.target > self.t

    def back(self) -> None:
        """Goes back to the end of the previous block, paused."""
        earlier = [b for b in self.timeline.boundaries if b < self.t - _EPS]
        self.t = earlier[-1] if earlier else 0.0
        self.playing = False
        self.target = None

    def restart(self) -> None:
        self.t = 0.0
        self.target = None

    def faster(self) -> None:
        self.speed_index = min(self.speed_index + 1, len(SPEEDS) - 1)

    def slower(self) -> None:
        self.speed_index = max(self.speed_index - 1, 0)

    def replace_run(self, run: SimRun, *, follow: bool = True) -> None:
        """Swaps in a longer or shorter run (driving by hand) and plays up to its end."""
        self.timeline = Timeline(run)
        total = self.timeline.total
        self.t = min(self.t, total)
        if follow:
            self.t = max(self.t, self.timeline.beats_end - MAX_LAG_S)
            self.playing, self.target = True, None
        else:
            self.t, self.playing = total, False


class Drive:
    """Driving the robot with the arrow keys: each key is one action block."""

    def __init__(self, env: SimEnv, *, seed: int | None = 0) -> None:
        self.env = env
        self.seed = seed
        self.actions: list[Action] = []
        self.beats: list[Beat] = []
        env.reset(seed=seed)

    def press(self, action: Action) -> bool:
        """Performs ``action``; False when the run is over (goal, crash or fall)."""
        if self.env.outcome is not None:
            return False
        self.actions.append(action)
        beat = act_beat(self.env, action, None, None)
        self.beats.append(replace(beat, ticks=beat.steps))  # one block per key
        return True

    def undo(self) -> bool:
        """Takes the last action back (the run is replayed without it, same seed)."""
        if not self.actions:
            return False
        actions = self.actions[:-1]
        self.restart()
        for action in actions:
            self.press(action)
        return True

    def restart(self) -> None:
        self.actions.clear()
        self.beats.clear()
        self.env.reset(seed=self.seed)

    def run(self) -> SimRun:
        return SimRun(
            self.env.board,
            self.env.goals,
            tuple(self.beats),
            self.env.outcome,
            physics=self.env.physics,
        )
