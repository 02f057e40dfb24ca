"""Whether a valid program is allowed in a challenge: toolbox blocks, sensors and ``max_blocks``."""

from __future__ import annotations

from robolab.challenge import Challenge
from robolab.errors import ProgramError
from robolab.messages import label
from robolab.program import If, Program, RepeatUntil, While, conditions
from robolab.stepper import block_ref


def check_allowed(program: Program, challenge: Challenge) -> list[ProgramError]:
    """Every reason why ``program`` may not run in ``challenge`` (empty when it may)."""
    problems: list[ProgramError] = []
    for stmt in program.statements():
        name = block_ref(stmt).block
        if name not in challenge.blocks:
            problems.append(
                ProgramError(
                    "block.not_allowed", block_id=stmt.id, number=stmt.number, block=label(name)
                )
            )
        if isinstance(stmt, If | While | RepeatUntil):
            for test in conditions(stmt.cond):
                if test.sensor.value not in challenge.sensors:
                    sensor = label(test.sensor.value)
                    problems.append(
                        ProgramError(
                            "sensor.not_allowed",
                            block_id=stmt.id,
                            number=stmt.number,
                            sensor=sensor,
                        )
                    )
    if program.procedures and "call" not in challenge.blocks:
        first = program.procedures[0]
        at = ("procedures", first.name)
        problems.append(
            ProgramError("procedure.not_allowed", at=at, block_id=first.id, number=first.number)
        )
    count = program.block_count
    if challenge.max_blocks is not None and count > challenge.max_blocks:
        problems.append(
            ProgramError("program.over_max_blocks", count=count, max=challenge.max_blocks)
        )
    return problems
