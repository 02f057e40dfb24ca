"""What the level editor asks the server while an author draws: is it solvable, in how many
steps, does the reference solution earn its stars, would ``robolab check`` accept the file.

Every answer is computed from the text of the file the editor would write
(:func:`robolab.server.editor_yaml.challenge_yaml`), read back with the loader
(``parse_challenge_text``) and checked with ``check_challenge``: exactly what ``robolab check``
does with the saved file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from robolab.board import Board
from robolab.challenge import Challenge
from robolab.challenge_loader import parse_challenge_text
from robolab.checker import check_challenge
from robolab.compiler import CompiledProgram
from robolab.errors import ChallengeError
from robolab.grid import MapError, parse_map
from robolab.i18n import Lang
from robolab.program import Program
from robolab.runner import run
from robolab.server.editor_model import Draft
from robolab.server.editor_yaml import challenge_yaml
from robolab.server.mapsvg import board_svg
from robolab.server.texts import say
from robolab.solver import SearchTooLarge, solve_board
from robolab.vocabulary import ACTIONS, Action, Goal


@dataclass
class Built:
    """A draft as a file: its text, the challenge read back (``None`` if unusable), the
    loader's and the checker's problems and warnings."""

    text: str
    challenge: Challenge | None
    problems: list[ChallengeError]
    warnings: list[ChallengeError]

    @property
    def ok(self) -> bool:
        return self.challenge is not None and not self.problems


def build(draft: Draft, *, name: str = "", full: bool = True) -> Built:
    """Writes the draft's file text and validates it like ``robolab check``.

    ``full=False`` stops after the loader (no solver, no run).
    """
    text = challenge_yaml(draft)
    challenge, problems = parse_challenge_text(text, name=name or draft.id)
    warnings: list[ChallengeError] = []
    if challenge is not None and not problems and full:
        problems, warnings = check_challenge(challenge)
    return Built(text, challenge, problems, warnings)


def field_of_line(text: str, line: int | None) -> str | None:
    """The top-level key of the file that holds ``line`` (1-based), to open the right tab."""
    if line is None:
        return None
    lines = text.split("\n")
    for number in range(min(line, len(lines)), 0, -1):
        current = lines[number - 1]
        if current and not current[0].isspace() and ":" in current:
            return current.split(":", 1)[0]
    return None


def problem_json(err: ChallengeError, text: str, lang: Lang) -> dict[str, Any]:
    field = field_of_line(text, err.line)
    if field is None and isinstance(err.params.get("field"), str):
        field = str(err.params["field"]).split(".", 1)[0]
    message = err.message(lang)
    if err.key == "challenge.missing" and field == "blocks":  # the editor never writes `blocks: []`
        message = say("editor.no_blocks", lang)
    return {"code": err.key, "line": err.line, "field": field, "message": message}


def _board_report(draft: Draft, index: int, lang: Lang) -> tuple[dict[str, Any], bool]:
    """Solvability of one map with the toolbox's moves; the flag says "too complex".

    ``kind`` says what is wrong: ``map`` (the drawing), ``rules`` (goals or toolbox),
    ``unsolvable`` or ``too_complex``.
    """
    m = draft.maps[index]
    out: dict[str, Any] = {"index": index, "ok": False, "steps": None, "actions": []}

    def bad(kind: str, key: str) -> tuple[dict[str, Any], bool]:
        out.update(kind=kind, problem=say(key, lang))
        return out, kind == "too_complex"

    try:
        grid = parse_map("\n".join(m.rows))
    except MapError as err:
        out.update(kind="map", problem=err.message(lang))
        return out, False
    goals = frozenset(Goal(g) for g in draft.goals)
    actions = tuple(Action(a) for a in ACTIONS if a in draft.blocks)
    if Goal.REACH in goals and not grid.goals:
        return bad("map", "map.no_goal")
    if Goal.COLLECT_ALL in goals and not grid.gems:
        return bad("map", "map.no_gems")
    if not goals:
        return bad("rules", "editor.no_goal")
    if not actions:
        return bad("rules", "editor.no_moves")
    board = Board(grid, draft.heading if m.heading is None else m.heading)
    try:
        solution = solve_board(board, goals, actions)
    except SearchTooLarge:
        return bad("too_complex", "check.too_complex")
    if solution is None:
        return bad("unsolvable", "editor.unsolvable")
    out.update(ok=True, steps=solution.steps, actions=[a.value for a in solution.actions])
    return out, False


def analyse(draft: Draft, lang: Lang, *, name: str = "") -> dict[str, Any]:
    """The live check: each map's solvability and best step count, the reference solution's
    result, and every problem ``robolab check`` would print for the file."""
    boards = [_board_report(draft, i, lang) for i in range(len(draft.maps))]
    too_complex = any(flag for _, flag in boards)
    built = build(draft, name=name, full=not too_complex)
    problems = [problem_json(p, built.text, lang) for p in built.problems]
    if too_complex and built.challenge is not None and not built.problems:
        problems.append(
            {
                "code": "check.too_complex",
                "line": None,
                "field": "map",
                "message": say("check.too_complex", lang),
            }
        )
    solution: dict[str, Any] = {"given": bool(draft.solution and draft.solution.block_count)}
    if draft.solution_error is not None:
        solution["error"] = draft.solution_error.to_json(lang)
    if built.challenge is not None and draft.solution is not None and not too_complex:
        result = run(built.challenge, draft.solution, lang=lang)
        solution.update(
            blocks=result.blocks,
            steps=result.steps,
            stars=result.stars,
            solved=result.solved,
            message=result.message,
            par={"blocks": result.par_blocks, "steps": result.par_steps},
        )
    main = boards[0][0]
    return {
        "maps": [b for b, _ in boards],
        "best_steps": main["steps"],
        "solution": solution,
        "problems": problems,
        "warnings": [problem_json(w, built.text, lang) for w in built.warnings],
        "ready": built.ok and not problems,
        "yaml": built.text,
    }


def try_solution(draft: Draft, program: Program, lang: Lang) -> dict[str, Any] | None:
    """Runs a candidate reference solution on every map of the draft, like a tablet's run,
    with the trace and the picture of every map. ``None`` when the draft is not a usable
    challenge yet (:func:`analyse` says why)."""
    built = build(replace(draft, solution=program, solution_error=None), full=False)
    challenge = built.challenge
    if challenge is None:
        return None
    result = run(challenge, program, lang=lang, trace=True)
    out = result.to_json(trace=True)
    compiled: CompiledProgram | None = None
    boards = []
    for i, board in enumerate(challenge.boards):
        board_run = result.main if i == 0 else None
        if i > 0 and result.main is not None:
            compiled = compiled or CompiledProgram(program)
            board_run = compiled.run(
                board, challenge.goals, max_ticks=challenge.max_ticks, trace=True
            )
        boards.append(
            {
                "svg": board_svg(board),
                "trace": [s.to_json() for s in (board_run.trace or ())] if board_run else [],
                "outcome": board_run.outcome.value if board_run else result.outcome.value,
                "steps": board_run.steps if board_run else 0,
            }
        )
    out["boards"] = boards
    return out
