"""Blockly workspaces (JSON serialization) to and from RoboLab programs (docs/blockly.md)."""

from robolab.blockly.reader import parse_workspace
from robolab.blockly.writer import dumps_workspace, program_to_workspace

__all__ = ["dumps_workspace", "parse_workspace", "program_to_workspace"]
