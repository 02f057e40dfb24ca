"""The classroom server: tablets join a session, build programs with blocks, run them, earn stars.

``create_app(ServerConfig(data_dir=...))`` gives the ASGI app; ``robolab serve`` runs it on
uvicorn (see ``robolab.server.launch``). The HTTP and WebSocket API is in docs/server.md and at
``GET /openapi.json``.
"""

from __future__ import annotations

from robolab.server.app import create_app
from robolab.server.room import FleetRoomControl, RoomControl
from robolab.server.state import ServerConfig

__all__ = ["FleetRoomControl", "RoomControl", "ServerConfig", "create_app"]
