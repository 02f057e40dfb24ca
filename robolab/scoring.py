"""Stars (FORMATS §3) and the short, kind, specific message a teen reads after a run."""

from __future__ import annotations

from robolab.i18n import Lang, plural
from robolab.messages import label, translate
from robolab.results import BoardRun
from robolab.vocabulary import Goal, Outcome


def stars_for(solved: bool, blocks: int, steps: int, par_blocks: int, par_steps: int | None) -> int:
    """``1 + (blocks <= par.blocks) + (steps <= par.steps)`` when solved, else 0."""
    if not solved:
        return 0
    return 1 + (blocks <= par_blocks) + (par_steps is not None and steps <= par_steps)


def explain_failure(
    run: BoardRun,
    goals: frozenset[Goal],
    lang: Lang,
    *,
    empty: bool = False,
    remaining: int | None = None,
    on_goal: bool = False,
) -> str:
    """Why a run did not succeed, pointing at the block where it went wrong.

    ``remaining`` is the number of steps still needed from where the robot stopped, when known;
    ``on_goal`` says that the robot stopped on a goal cell.
    """
    if empty:
        return translate("run.empty", lang)
    where = {}
    if run.last is not None:
        where = {"number": run.last.number, "label": label(run.last.block)}
    if run.outcome is Outcome.CRASH:
        return translate("run.crash", lang, **where)
    if run.outcome is Outcome.FALL:
        return translate("run.fall", lang, **where)
    if run.outcome is Outcome.TIMEOUT:
        # A robot that hardly moved is stuck in a loop that tests without acting.
        key = "run.timeout_still" if run.steps * 10 < run.ticks else "run.timeout"
        return translate(key, lang, ticks=run.ticks, **where)
    if run.outcome is Outcome.ERROR:
        return translate("run.too_many_calls", lang, **where)
    if Goal.COLLECT_ALL in goals and run.gems_left:
        key = "run.gems_left_one" if run.gems_left == 1 else "run.gems_left"
        if on_goal:  # the robot reached the flag: the gems had to come first
            key += "_on_goal"
        return translate(key, lang, count=run.gems_left)
    if remaining is not None:
        steps = _count(remaining, "pas", "pas", "step", "steps", lang)
        return translate("run.incomplete_near", lang, steps=steps)
    return translate("run.incomplete", lang)


def success_message(
    blocks: int, steps: int, par_blocks: int, par_steps: int | None, lang: Lang
) -> str:
    """Bravo, and how to earn the stars still missing."""
    extra_blocks = blocks - par_blocks
    extra_steps = steps - par_steps if par_steps is not None else 0
    fewer_blocks = _count(extra_blocks, "bloc", "blocs", "block", "blocks", lang)
    fewer_steps = _count(extra_steps, "pas", "pas", "step", "steps", lang)
    if extra_blocks > 0 and extra_steps > 0:
        return translate("run.success_two_more", lang, blocks=fewer_blocks, steps=fewer_steps)
    if extra_blocks > 0:
        return translate("run.success_fewer_blocks", lang, blocks=fewer_blocks)
    if extra_steps > 0:
        return translate("run.success_fewer_steps", lang, steps=fewer_steps)
    return translate("run.success_perfect", lang)


def variant_failure(
    index: int,
    run: BoardRun,
    goals: frozenset[Goal],
    lang: Lang,
    *,
    remaining: int | None = None,
    on_goal: bool = False,
) -> str:
    """The main map works but variant ``index`` (1-based) does not."""
    why = explain_failure(run, goals, lang, remaining=remaining, on_goal=on_goal)
    return translate("run.variant_failed", lang, n=index, why=why)


def _count(n: int, fr_one: str, fr_many: str, en_one: str, en_many: str, lang: Lang) -> str:
    return plural(n, fr_one, fr_many, lang) if lang == "fr" else plural(n, en_one, en_many, lang)


def unused_procedures_note(names: list[str], lang: Lang) -> str:
    """A sentence about procedures that are defined but never called ("" when there are none)."""
    if not names:
        return ""
    key = "run.unused_procedure" if len(names) == 1 else "run.unused_procedures"
    return translate(
        key, lang, names=", ".join(f"« {n} »" if lang == "fr" else f'"{n}"' for n in names)
    )
