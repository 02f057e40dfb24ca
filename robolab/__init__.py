"""RoboLab: graded block-programming challenges for robots, in the simulator and on the mat.

The Python API of FORMATS §5::

    import robolab
    challenge = robolab.load_challenge("challenges/starter/zigzag.yaml")
    program = robolab.load_program("my_program.json")
    result = robolab.run(challenge, program)      # result.stars, result.to_json()
    best = robolab.solve(challenge)               # best.steps, best.actions
"""

from __future__ import annotations

from robolab.challenge import Challenge
from robolab.challenge_loader import load_challenge
from robolab.errors import ChallengeError, ProblemList, ProgramError, RoboLabError
from robolab.program import Program
from robolab.program_loader import load_program, parse_program
from robolab.results import BoardRun, RunResult, TraceStep
from robolab.runner import run
from robolab.solver import Solution
from robolab.vocabulary import Action, Heading, Outcome

__version__ = "0.1.0"


def solve(challenge: Challenge) -> Solution | None:
    """The optimal run on the challenge's main map using its action blocks (``None``: unsolvable)."""
    return challenge.optimum


__all__ = [
    "Action",
    "BoardRun",
    "Challenge",
    "ChallengeError",
    "Heading",
    "Outcome",
    "ProblemList",
    "Program",
    "ProgramError",
    "RoboLabError",
    "RunResult",
    "Solution",
    "TraceStep",
    "load_challenge",
    "load_program",
    "parse_program",
    "run",
    "solve",
]
