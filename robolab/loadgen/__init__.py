"""A load generator for the classroom server (``robolab loadtest``, ``python -m bench load``).

It plays a whole room against a real ``robolab serve`` process on the loopback address: tablets
that join, autosave, run and listen on their WebSocket, facilitator dashboards, and virtual
robots running the programs the teams send them; it can kill the server or cut the robots'
cables on the way, then checks what survived. Bounded in size (one session's pseudonyms) and in
time (10 minutes at most). See docs/loadtest.md.
"""

from robolab.loadgen.report import goals_met, to_json, to_text
from robolab.loadgen.scenario import LoadConfig, LoadReport, run_load

__all__ = ["LoadConfig", "LoadReport", "goals_met", "run_load", "to_json", "to_text"]
