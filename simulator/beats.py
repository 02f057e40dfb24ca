"""Runs recorded beat by beat: every action and sensor read of a program, with what it did.

A program runs through the core's step-by-step runner (:func:`robolab.stepper.run_steps`); the
simulated robot of a :class:`~simulator.env.SimEnv` answers each request, and each answer becomes
a :class:`Beat`. The beats are what the window animates, steps through and steps back over, and
what a GIF is made of. Traces recorded elsewhere (a tablet, a real robot) become beats too
(:func:`beats_from_trace`), for replays and the arena view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from robolab.board import Board
from robolab.challenge import Challenge
from robolab.i18n import Lang
from robolab.program import Program, Test
from robolab.program_rules import check_allowed
from robolab.results import BoardRun, RunResult, TraceStep
from robolab.robot import ActReport, ActRequest, Motion, Pose, Reply
from robolab.runner import invalid_result, score
from robolab.stepper import run_steps
from robolab.vocabulary import Action, Goal, Outcome
from simulator.env import SimEnv
from simulator.kinematics import BodyPose, PhysicsConfig
from simulator.noise import NoiseModel


@dataclass(frozen=True, slots=True)
class Beat:
    """One request of a run and its answer, with the counters after it.

    ``kind`` is ``"act"`` (``action``, ``motion``, ``event``, and ``path`` in the physical mode)
    or ``"sense"`` (``test`` and ``answer``). ``number``/``block_id`` name the running statement.
    """

    kind: Literal["act", "sense"]
    number: int | None
    block_id: str | None
    before: Pose
    after: Pose
    action: Action | None = None
    motion: Motion | None = None
    event: str | None = None
    test: Test | None = None
    answer: bool | None = None
    path: tuple[BodyPose, ...] | None = None
    ticks: int = 0
    steps: int = 0
    gems_taken: int = 0


@dataclass(frozen=True)
class SimRun:
    """A run on one board, ready to animate.

    ``outcome`` is ``None`` while a run driven by hand is still going on; ``run`` is the core's
    :class:`~robolab.results.BoardRun` when a program ran; ``result`` is the scored run of the
    whole challenge (main map and variants) when there is one.
    """

    board: Board
    goals: frozenset[Goal]
    beats: tuple[Beat, ...]
    outcome: Outcome | None
    physics: PhysicsConfig | None = None
    run: BoardRun | None = None
    result: RunResult | None = None
    program: Program | None = None

    @property
    def ticks(self) -> int:
        if self.run is not None:
            return self.run.ticks
        return self.beats[-1].ticks if self.beats else 0

    @property
    def steps(self) -> int:
        return self.beats[-1].steps if self.beats else 0

    @property
    def final_pose(self) -> Pose:
        return self.beats[-1].after if self.beats else self.board.start


def run_program(
    env: SimEnv, program: Program, *, max_ticks: int = 10_000, seed: int | None = None
) -> SimRun:
    """Runs ``program`` on the environment's board through the step-by-step runner."""
    env.reset(seed=seed)
    steps = run_steps(program, env.board, env.goals, max_ticks=max_ticks, trace=True)
    beats: list[Beat] = []
    try:
        request = next(steps)
        while True:
            before = env.pose
            reply: Reply
            if isinstance(request, ActRequest):
                beat = act_beat(env, request.action, request.stmt.number, request.stmt.id)
                reply = ActReport(beat.motion or Motion.OK, beat.after)
            else:
                answer = env.sense(request.test)
                stmt = request.stmt
                beat = Beat("sense", stmt.number, stmt.id, before, before, test=request.test)
                beat = replace(beat, answer=answer, steps=env.steps, gems_taken=env.gems_taken)
                reply = answer
            beats.append(beat)
            request = steps.send(reply)
    except StopIteration as stop:
        board_run: BoardRun = stop.value
    return SimRun(
        env.board,
        env.goals,
        _with_ticks(beats, board_run),
        board_run.outcome,
        physics=env.physics,
        run=board_run,
        program=program,
    )


def act_beat(env: SimEnv, action: Action, number: int | None, block_id: str | None) -> Beat:
    """Performs ``action`` in ``env`` and describes it."""
    before = env.pose
    _, _, _, _, info = env.step(action)
    return Beat(
        "act",
        number,
        block_id,
        before,
        info["report"].pose,
        action=action,
        motion=info["motion"],
        event=info["event"],
        path=info["path"],
        steps=env.steps,
        gems_taken=env.gems_taken,
    )


def _with_ticks(beats: list[Beat], run: BoardRun) -> tuple[Beat, ...]:
    """Tick counts: exact for actions (from the core's trace), the one before for sensor reads.

    The runner does not report its tick count at a sensor read, so a sensor beat shows the count
    of the beat before it plus one (never more than the next action's count minus one).
    """
    act_ticks = iter(step.tick for step in run.trace or ())
    out: list[Beat] = []
    pending: list[int] = []
    last = 0
    for beat in beats:
        if beat.kind == "act":
            last = next(act_ticks, last + 1)
            for index in pending:
                out[index] = replace(out[index], ticks=min(out[index].ticks, last - 1))
            pending.clear()
            out.append(replace(beat, ticks=last))
        else:
            last += 1
            pending.append(len(out))
            out.append(replace(beat, ticks=min(last, run.ticks)))
    return tuple(out)


def simulate(
    challenge: Challenge,
    program: Program,
    *,
    physics: PhysicsConfig | None = None,
    noise: NoiseModel | None = None,
    seed: int | None = 0,
    lang: Lang = "fr",
    variant: int = 0,
) -> SimRun:
    """Runs and scores ``program`` on every board of the challenge; animates board ``variant``.

    In grid mode the result is exactly :func:`robolab.run`'s. An invalid program gives a run with
    no beats and a result with outcome ``error``.
    """
    board = challenge.boards[variant]
    problems = check_allowed(program, challenge)
    if problems:
        result = invalid_result(challenge, problems[0], lang, blocks=program.block_count)
        return SimRun(
            board, challenge.goals, (), Outcome.ERROR, physics, result=result, program=program
        )
    runs = [
        run_program(
            SimEnv(b, challenge.goals, physics=physics, noise=noise),
            program,
            max_ticks=challenge.max_ticks,
            seed=seed,
        )
        for b in challenge.boards
    ]
    result = score(challenge, program, [r.run for r in runs if r.run is not None], lang)
    return replace(runs[variant], result=result)


def beats_from_trace(
    board: Board, trace: Sequence[TraceStep], outcome: Outcome | None = None
) -> tuple[Beat, ...]:
    """Beats of a recorded trace (one per step), for replays of runs made elsewhere."""
    gem_bits = {cell: 1 << n for n, cell in enumerate(board.grid.gems)}
    before = board.start
    taken = 0
    beats = []
    for n, step in enumerate(trace, 1):
        after = Pose(step.x, step.y, step.heading)
        motion = Motion(step.event) if step.event in ("crash", "fall") else Motion.OK
        if step.event == "gem" or (motion is Motion.OK and (step.x, step.y) in gem_bits):
            taken |= gem_bits.get((step.x, step.y), 0)
        beats.append(
            Beat(
                "act",
                step.number,
                step.id,
                before,
                after,
                action=Action(step.action),
                motion=motion,
                event=step.event,
                ticks=step.tick,
                steps=n,
                gems_taken=taken,
            )
        )
        before = after
    return tuple(beats)


def replay(board: Board, goals: frozenset[Goal], run: BoardRun | RunResult) -> SimRun:
    """A :class:`SimRun` from a run recorded with ``trace=True`` (for replays and the arena)."""
    board_run = run.main if isinstance(run, RunResult) else run
    if board_run is None:
        return SimRun(board, goals, (), run.outcome)
    beats = beats_from_trace(board, board_run.trace or (), board_run.outcome)
    result = run if isinstance(run, RunResult) else None
    return SimRun(board, goals, beats, board_run.outcome, run=board_run, result=result)
