"""The routes, one module per concern."""

from __future__ import annotations

from starlette.routing import BaseRoute

from robolab.server.routes import (
    challenges,
    dashboard_ws,
    editor,
    export,
    fac_access,
    fac_room,
    fac_sessions,
    fac_teams,
    facilitator,
    fleet,
    hints,
    join,
    meta,
    pages,
    robot_queue,
    run,
    team,
    ws,
)


def all_routes() -> list[BaseRoute]:
    """Every HTTP and WebSocket route (static files are mounted by the app)."""
    return [
        *meta.ROUTES,
        *run.ROUTES,
        *challenges.ROUTES,
        *join.ROUTES,
        *team.ROUTES,
        *ws.ROUTES,
        *pages.ROUTES,
        *facilitator.ROUTES,
        *fac_access.ROUTES,
        *fac_sessions.ROUTES,
        *fac_room.ROUTES,
        *fac_teams.ROUTES,
        *export.ROUTES,
        *dashboard_ws.ROUTES,
        *editor.ROUTES,
        *fleet.ROUTES,
        *robot_queue.ROUTES,
        *hints.ROUTES,
    ]
