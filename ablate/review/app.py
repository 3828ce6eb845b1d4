"""The review page: a FastAPI app over a ReviewStore, for 127.0.0.1 only.

Dataset text is untrusted. The page builds every piece of it with `textContent` (never HTML), the
Content-Security-Policy allows only the page's own script and style files (an injected inline
script or event handler would not run even if text were ever parsed as HTML), requests naming
another host are refused (no DNS rebinding), and decisions need the per-session token embedded
in the page. Only the three files of the page are served; nothing else on disk can be asked for.
"""

from __future__ import annotations

import secrets
from importlib import resources

from fastapi import FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from .store import DECISIONS, STATES, ReviewStore

_STATIC = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class Decision(BaseModel):
    item_id: str = Field(min_length=1, max_length=512)
    decision: str
    comment: str | None = Field(default=None, max_length=4000)


def _asset(name: str) -> str:
    return resources.files("ablate.review").joinpath("static", name).read_text(encoding="utf-8")


def create_app(store: ReviewStore, *, reviewer: str, token: str | None = None, port: int | None = None) -> FastAPI:
    """The app; `token` guards every state-changing request (a fresh random one by default)."""
    token = token or secrets.token_urlsafe(24)
    app = FastAPI(title="ablate review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.token = token
    allowed_hosts = {"127.0.0.1", "localhost", "testserver"}

    @app.middleware("http")
    async def guard(request: Request, call_next):
        host = (request.headers.get("host") or "").rsplit(":", 1)[0].strip("[]")
        if host not in allowed_hosts:
            return JSONResponse({"detail": "this server answers only to 127.0.0.1"}, status_code=403)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    def check(given: str | None) -> None:
        if not given or not secrets.compare_digest(given, token):
            raise HTTPException(status_code=403, detail="missing or wrong session token; reload the page")

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        # the token and reviewer go in as attribute values, escaped; nothing from the dataset is in this HTML
        import html

        page = _asset("index.html").replace("{{TOKEN}}", html.escape(token, quote=True)).replace(
            "{{REVIEWER}}", html.escape(reviewer, quote=True))
        return HTMLResponse(page)

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in _STATIC:
            raise HTTPException(status_code=404)
        return Response(_asset(name), media_type=_STATIC[name])

    @app.get("/api/meta")
    def meta() -> dict:
        return {"dataset": store.meta("dataset"), "packs": store.packs(), "progress": store.progress(),
                "reviewer": reviewer, "states": list(STATES), "decisions": list(DECISIONS)}

    @app.get("/api/items")
    def items(offset: int = Query(0, ge=0), limit: int = Query(50, ge=1, le=500), pack: str | None = None,
              min_score: float | None = None, max_score: float | None = None, state: str = "all") -> dict:
        if state not in STATES:
            raise HTTPException(status_code=422, detail=f"state must be one of {', '.join(STATES)}")
        return store.page(offset=offset, limit=limit, pack=pack or None, min_score=min_score, max_score=max_score, state=state)

    @app.post("/api/decisions")
    def decide(body: Decision, x_ablate_token: str | None = Header(default=None)) -> dict:
        check(x_ablate_token)
        if body.decision not in DECISIONS:
            raise HTTPException(status_code=422, detail=f"decision must be one of {', '.join(DECISIONS)}")
        try:
            saved = store.decide(body.item_id, body.decision, reviewer, body.comment)
        except KeyError:
            raise HTTPException(status_code=404, detail="no such row") from None
        return {**saved, "progress": store.progress()}

    @app.post("/api/undo")
    def undo(x_ablate_token: str | None = Header(default=None)) -> dict:
        check(x_ablate_token)
        return {"undone": store.undo(reviewer), "progress": store.progress()}

    if port is not None:
        allowed_hosts.discard("testserver")
    return app


__all__ = ["create_app"]
