"""The curator review page: flagged rows in SQLite (`store`), a FastAPI app over them (`app`),
and `serve` to run it on 127.0.0.1."""

from __future__ import annotations

import socket

from .store import DECISIONS, ReviewStore, parse_reason


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(flagged: str, *, db: str, reviewer: str, port: int = 0, on_ready=None, only_flagged: bool = False) -> None:
    """Import FLAGGED into DB (once) and serve the page on 127.0.0.1 until interrupted."""
    import uvicorn

    from .app import create_app

    from pathlib import Path

    from ..errors import InputError

    if not Path(flagged).is_file():  # before creating a database for it
        raise InputError(f"{flagged}: no such file")
    store = ReviewStore(db)
    rows = store.load(flagged, only_flagged=only_flagged)
    port = port or free_port()
    app = create_app(store, reviewer=reviewer, port=port)
    if on_ready:
        on_ready(f"http://127.0.0.1:{port}/", rows)
    try:
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    finally:
        store.close()


__all__ = ["DECISIONS", "ReviewStore", "free_port", "parse_reason", "serve"]
