"""The simulator as a Gymnasium-style environment: ``reset`` / ``step``, render mode fixed at birth.

One ``step`` is one action block. The episode ends (``terminated``) when the goal holds, or on a
crash or a fall; the tick budget is not part of the environment but a wrapper
(:class:`TickBudget`) that sets ``truncated``. Everything is deterministic for a given seed, and
physics runs at its own fixed time step whatever the frame rate.

No numpy here: ``render()`` in ``"rgb_array"`` mode returns an :class:`RGBArray` (raw RGB bytes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from robolab.board import Board, GridRobot, goal_holds
from robolab.challenge import Challenge
from robolab.program import Test
from robolab.robot import Motion, Pose
from robolab.vocabulary import Action, Goal, Heading, Outcome
from simulator.kinematics import BodyPose, PhysicsConfig
from simulator.noise import NoiseModel
from simulator.physics import PhysicalRobot

if TYPE_CHECKING:
    from simulator.scene import Scene
    from simulator.timeline import View

RenderMode = Literal["human", "rgb_array"] | None
RENDER_MODES: Final = (None, "human", "rgb_array")
REWARD_GOAL: Final = 1.0
REWARD_LOST: Final = -1.0


@dataclass(frozen=True, slots=True)
class Observation:
    """What the environment reports after ``reset`` and each ``step``.

    ``body`` is the physical pose in millimetres (``None`` in grid mode).
    """

    x: int
    y: int
    heading: Heading
    gems_left: int
    body: BodyPose | None = None


@dataclass(frozen=True, slots=True)
class RGBArray:
    """A rendered frame: ``height`` rows of ``width`` RGB pixels, row-major."""

    width: int
    height: int
    data: bytes

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        i = 3 * (y * self.width + x)
        return self.data[i], self.data[i + 1], self.data[i + 2]


StepResult = tuple[Observation, float, bool, bool, dict[str, Any]]


class SimEnv:
    """One board of a challenge as an environment, in grid mode or in physical mode.

    Args:
        board: the map and the start heading.
        goals: what must hold to succeed.
        physics: a body and motor model for the physical mode; ``None`` for the grid rules.
        noise: the drift model of the physical mode.
        render_mode: ``None``, ``"human"`` (a window) or ``"rgb_array"``.
        cell_px: size of a cell when rendering.
    """

    metadata: Final = {"render_modes": RENDER_MODES, "render_fps": 30}

    def __init__(
        self,
        board: Board,
        goals: frozenset[Goal] = frozenset({Goal.REACH}),
        *,
        physics: PhysicsConfig | None = None,
        noise: NoiseModel | None = None,
        render_mode: RenderMode = None,
        cell_px: int = 64,
    ) -> None:
        if render_mode not in RENDER_MODES:
            raise ValueError(f"render_mode must be one of {RENDER_MODES}, got {render_mode!r}")
        if noise is not None and physics is None:
            raise ValueError("a noise model needs the physical mode (physics=PhysicsConfig())")
        self.board = board
        self.goals = goals
        self.physics = physics
        self.noise = noise
        self.render_mode = render_mode
        self.cell_px = cell_px
        self._gem_bits = {cell: 1 << n for n, cell in enumerate(board.grid.gems)}
        self._scene: Scene | None = None
        self._window: Any = None
        self._seed: int | None = None
        self.reset()

    @classmethod
    def from_challenge(cls, challenge: Challenge, *, variant: int = 0, **options: Any) -> SimEnv:
        """The environment of a challenge's main map (``variant=0``) or of one of its variants."""
        if not 0 <= variant < len(challenge.boards):
            raise ValueError(f"{challenge.id} has no variant {variant}")
        return cls(challenge.boards[variant], challenge.goals, **options)

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Observation, dict[str, Any]]:
        """Puts the robot back on the start cell; ``seed`` fixes the noise of the physical mode."""
        if seed is not None:
            self._seed = seed
        self.robot: GridRobot | PhysicalRobot
        if self.physics is None:
            self.robot = GridRobot(self.board)
        else:
            self.robot = PhysicalRobot(self.board, self.physics, self.noise, seed=self._seed)
        self.gems_taken = 0
        self.steps = 0
        self.outcome: Outcome | None = None
        self.trail: list[tuple[float, float]] = [self._centre()]
        self.last_event: str | None = None
        return self._observe(), {"pose": self.pose}

    @property
    def pose(self) -> Pose:
        return self.robot.pose

    @property
    def gems_left(self) -> int:
        return len(self._gem_bits) - self.gems_taken.bit_count()

    def step(self, action: Action | str) -> StepResult:
        """Performs one action block; see the module docstring for the returned tuple."""
        if self.outcome is not None:
            raise RuntimeError("the episode is over: call reset() first")
        action = Action(action)
        before = self.pose
        report = self.robot.act(action)
        self.steps += 1
        event = None if report.motion is Motion.OK else report.motion.value
        bit = self._gem_bits.get((report.pose.x, report.pose.y), 0)
        if event is None and bit and not self.gems_taken & bit:
            self.gems_taken |= bit
            event = "gem"
        self.last_event = event
        path = self.robot.last_path if isinstance(self.robot, PhysicalRobot) else None
        self._extend_trail(path)
        reward = 0.0
        if report.motion is Motion.CRASH:
            self.outcome, reward = Outcome.CRASH, REWARD_LOST
        elif report.motion is Motion.FALL:
            self.outcome, reward = Outcome.FALL, REWARD_LOST
        elif goal_holds(self.goals, self.board.grid, report.pose.x, report.pose.y, self.gems_left):
            self.outcome, reward = Outcome.SUCCESS, REWARD_GOAL
        info: dict[str, Any] = {
            "motion": report.motion,
            "report": report,
            "before": before,
            "event": event,
            "path": path,
            "outcome": self.outcome,
            "steps": self.steps,
        }
        if self.render_mode == "human":
            self.render()
        return self._observe(), reward, self.outcome is not None, False, info

    def sense(self, test: Test) -> bool:
        """Reads a sensor where the robot is (not a Gymnasium call: programs need it)."""
        return self.robot.sense(test)

    def render(self) -> RGBArray | None:
        """Draws the current state: into the window (``"human"``) or as an :class:`RGBArray`."""
        if self.render_mode is None:
            return None
        from simulator.display import open_window, present
        from simulator.scene import Scene, surface_to_rgb

        if self._scene is None:
            self._scene = Scene(self.board.grid, self.cell_px, physics=self.physics)
        if self.render_mode == "rgb_array":
            surface = self._scene.draw(self.view())
            width, height = surface.get_size()
            return RGBArray(width, height, surface_to_rgb(surface))
        if self._window is None:
            self._window = open_window(self._scene.size, resizable=False)
        self._scene.draw(self.view(), target=self._window)
        present()
        return None

    def view(self) -> View:
        """The current state as a still picture description (for :mod:`simulator.scene`)."""
        from simulator.timeline import still_view

        body = self.robot.body if isinstance(self.robot, PhysicalRobot) else None
        return still_view(
            self.pose, body, self.physics, self.trail, self.gems_taken, self.last_event
        )

    def close(self) -> None:
        """Closes the window, if any."""
        if self._window is not None:
            from simulator.display import close_window

            close_window()
            self._window = None

    def _centre(self) -> tuple[float, float]:
        if isinstance(self.robot, PhysicalRobot):
            cell = self.robot.config.cell_mm
            return self.robot.body.x / cell, self.robot.body.y / cell
        pose = self.pose
        return pose.x + 0.5, pose.y + 0.5

    def _extend_trail(self, path: tuple[BodyPose, ...] | None) -> None:
        if path is not None and self.physics is not None:
            cell = self.physics.cell_mm
            self.trail.extend((p.x / cell, p.y / cell) for p in path[1:])
        elif self.trail[-1] != self._centre():
            self.trail.append(self._centre())

    def _observe(self) -> Observation:
        pose = self.pose
        body = self.robot.body if isinstance(self.robot, PhysicalRobot) else None
        return Observation(pose.x, pose.y, pose.heading, self.gems_left, body)


class TickBudget:
    """Wraps an environment so that the run is ``truncated`` after ``max_ticks`` ticks.

    Each ``step`` and each ``sense`` costs one tick, like an action block and a condition test.
    (Programs run through :mod:`robolab.stepper`, which applies the challenge's budget itself.)
    """

    def __init__(self, env: SimEnv, max_ticks: int) -> None:
        if max_ticks < 1:
            raise ValueError(f"max_ticks must be at least 1, got {max_ticks}")
        self.env = env
        self.max_ticks = max_ticks
        self.ticks = 0

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Observation, dict[str, Any]]:
        self.ticks = 0
        return self.env.reset(seed=seed, options=options)

    def step(self, action: Action | str) -> StepResult:
        if self.ticks >= self.max_ticks:
            raise RuntimeError("the tick budget is spent: call reset() first")
        obs, reward, terminated, _, info = self.env.step(action)
        self.ticks += 1
        truncated = not terminated and self.ticks >= self.max_ticks
        if truncated:
            info["outcome"] = Outcome.TIMEOUT
        return obs, reward, terminated, truncated, info

    def sense(self, test: Test) -> bool:
        self.ticks += 1
        return self.env.sense(test)

    def render(self) -> RGBArray | None:
        return self.env.render()

    def close(self) -> None:
        self.env.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.env, name)
