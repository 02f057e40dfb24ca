"""``robolab check``: everything that must hold for a challenge to be used in a workshop.

Schema and map rules come from the loader; this module adds what needs the solver and the runner:
every map is solvable, the reference solution is allowed, solves every map and earns 3 stars, and
``par.blocks <= max_blocks``. Missing translations are warnings (errors with ``strict``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from robolab.challenge import Challenge
from robolab.challenge_loader import read_challenge
from robolab.design import hard_coded_path
from robolab.errors import ChallengeError, ProgramError
from robolab.i18n import LANGS, Text
from robolab.pack import CHALLENGE_SUFFIXES, PACK_FILE
from robolab.pack_rules import check_pack
from robolab.program_rules import check_allowed
from robolab.runner import run
from robolab.scoring import explain_failure
from robolab.solver import SearchTooLarge, solve_board
from robolab.vocabulary import Outcome


@dataclass
class CheckReport:
    files: int = 0
    challenges: list[Challenge] = field(default_factory=list)
    problems: list[ChallengeError] = field(default_factory=list)
    warnings: list[ChallengeError] = field(default_factory=list)

    def ok(self, *, strict: bool = False) -> bool:
        return not self.problems and not (strict and self.warnings)


def check_paths(paths: Iterable[Path]) -> CheckReport:
    """Checks challenge files and pack folders (recursively); ids must be unique across all."""
    report = CheckReport()
    seen: dict[str, str] = {}
    files, packs = _expand(paths, report)
    for path in files:
        report.files += 1
        challenge, problems = read_challenge(path)
        report.problems.extend(problems)
        if challenge is None or problems:
            continue
        report.challenges.append(challenge)
        name = str(path)
        if challenge.id in seen:
            report.problems.append(
                _at(
                    challenge,
                    "challenge.duplicate_id",
                    ("id",),
                    id=challenge.id,
                    other=seen[challenge.id],
                )
            )
        seen.setdefault(challenge.id, name)
        found, warnings = check_challenge(challenge)
        report.problems.extend(found)
        report.warnings.extend(warnings)
    for folder in packs:
        ids = {c.path.stem: c.id for c in report.challenges if c.path and c.path.parent == folder}
        found, warnings = check_pack(folder, ids)
        report.problems.extend(found)
        report.warnings.extend(warnings)
    return report


def check_challenge(challenge: Challenge) -> tuple[list[ChallengeError], list[ChallengeError]]:
    """The problems and warnings of one loaded challenge."""
    problems: list[ChallengeError] = []
    solvable = True
    for i, board in enumerate(challenge.boards):
        at: tuple[str | int, ...] = ("map",) if i == 0 else ("variants", i - 1, "map")
        try:
            solution = solve_board(board, challenge.goals, challenge.actions)
        except SearchTooLarge:
            problems.append(_at(challenge, "check.too_complex", at))
            solvable = False
            continue
        if solution is None:
            problems.append(_at(challenge, "check.unsolvable", at))
            solvable = False
    for err in check_allowed(challenge.solution, challenge):
        problems.append(_solution_problem(challenge, err))
    given_steps = challenge.par_steps_given
    if (
        solvable
        and challenge.optimum is not None
        and given_steps is not None
        and given_steps < challenge.optimum.steps
    ):
        problems.append(
            _at(
                challenge,
                "check.par_steps_impossible",
                ("par", "steps"),
                par=given_steps,
                best=challenge.optimum.steps,
            )
        )
    if challenge.max_blocks is not None and challenge.par_blocks > challenge.max_blocks:
        problems.append(
            _at(
                challenge,
                "check.par_over_max",
                ("par",),
                par=challenge.par_blocks,
                max=challenge.max_blocks,
            )
        )
    if not problems:
        problems.extend(_solution_runs(challenge))
    return problems, translation_warnings(challenge) + design_warnings(challenge)


def design_warnings(challenge: Challenge) -> list[ChallengeError]:
    """Variants are there to make a hard-coded path fail: warn when one still solves them all."""
    if not challenge.variants:
        return []
    try:
        path = hard_coded_path(challenge.boards, challenge.goals, challenge.actions)
    except SearchTooLarge:
        return []
    if path is None:
        return []
    return [_at(challenge, "check.hard_coded", ("variants",), steps=path.steps)]


def _solution_runs(challenge: Challenge) -> list[ChallengeError]:
    result = run(challenge, challenge.solution)
    problems = []
    assert result.main is not None
    for i, board_run in enumerate((result.main, *result.variants)):
        if board_run.outcome is not Outcome.SUCCESS:
            text = {lang: explain_failure(board_run, challenge.goals, lang) for lang in LANGS}
            key = "check.solution_fails" if i == 0 else "check.solution_fails_variant"
            problems.append(_at(challenge, key, ("solution",), n=i, why=text))
    if result.solved and result.stars < 3:
        if result.blocks is not None and result.blocks > challenge.par_blocks:
            problems.append(
                _at(
                    challenge,
                    "check.solution_blocks",
                    ("solution",),
                    blocks=result.blocks,
                    par=challenge.par_blocks,
                )
            )
        if challenge.par_steps is not None and result.steps > challenge.par_steps:
            problems.append(
                _at(
                    challenge,
                    "check.solution_steps",
                    ("solution",),
                    steps=result.steps,
                    par=challenge.par_steps,
                )
            )
    return problems


def translation_warnings(challenge: Challenge) -> list[ChallengeError]:
    """A warning for each text that lacks a language (or is the same in both)."""
    texts: list[tuple[tuple[str | int, ...], Text]] = [(("title",), challenge.title)]
    if challenge.story:
        texts.append((("story",), challenge.story))
    texts += [(("hints", i), h) for i, h in enumerate(challenge.hints)]
    warnings = []
    for at, text in texts:
        missing = [lang for lang in LANGS if not text.get(lang)]
        if missing:
            warnings.append(
                _at(
                    challenge,
                    "check.missing_translation",
                    at,
                    field=".".join(map(str, at)),
                    lang=", ".join(missing),
                )
            )
    if not challenge.story:
        warnings.append(_at(challenge, "check.no_story", ("title",)))
    return warnings


def _solution_problem(challenge: Challenge, err: ProgramError) -> ChallengeError:
    text = {lang: err.message(lang) for lang in LANGS}
    return _at(challenge, "challenge.bad_solution", ("solution",), text=text)


def _at(
    challenge: Challenge, key: str, at: tuple[str | int, ...], **params: object
) -> ChallengeError:
    name = str(challenge.path) if challenge.path else challenge.id
    return ChallengeError(key, file=name, line=challenge.line_of(*at), **params)


def _expand(paths: Iterable[Path], report: CheckReport) -> tuple[list[Path], list[Path]]:
    """Challenge files named directly or found under folders (recursively, skipping hidden ones),
    and the pack folders (with a ``pack.yaml``) met on the way."""
    files: list[Path] = []
    packs: list[Path] = []
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
                if hidden or not found.is_file() or found.suffix not in CHALLENGE_SUFFIXES:
                    continue
                if found.name == PACK_FILE:
                    packs.append(found.parent)
                else:
                    files.append(found)
        elif path.name == PACK_FILE:
            packs.append(path.parent)
        elif path.exists():
            files.append(path)
        else:
            report.problems.append(
                ChallengeError("file.unreadable", file=str(path), reason="not found")
            )
    return files, packs
