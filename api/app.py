"""The FastAPI app of ``ecokg serve``: JSON API over the read-only embedded store, plus the explorer."""

from __future__ import annotations

import functools
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from api.body_limit import BodySizeLimit
from api.docs_pages import add_docs_pages
from api.http_guard import HeadAsGet, SecurityHeaders, SlowClientGuard, one_value_each
from api.response_cache import ResponseCache
from api.routes import analytics, cypher, entities, evidence, export, health, pages, paths, queries, search
from api.routes.cypher import ConsoleForbidden
from api.routes.deps import NotFound, ServiceState
from cypher.names import NameIndex, UnknownEntity, name_rows
from cypher.pinyin import pinyin_keys
from cypher.reader import GraphReader
from cypher.runner import ParameterError
from cypher.search import SearchIndex
from graph import stores
from graph.errors import MAX_ERROR_CHARS, EcokgError, QueryTimeout, clipped
from graph.settings import Settings, get_settings
from loaders.curated import load_graph, load_sources

STATIC_DIR = Path(__file__).resolve().parents[1] / "viz" / "static"
log = logging.getLogger("ecokg.api")


def open_service(settings: Settings, db_path: Path | None = None) -> ServiceState:
    """Open the store the settings choose for serving (:func:`graph.stores.open`) and index its names.

    Only the source registry is read from the curated data at start-up (citations name their
    articles); the whole graph is read when an export first asks for it.
    """
    if db_path is not None:
        settings = settings.model_copy(update={"db_path": db_path})
    sources = load_sources(settings.curated_dir)
    opened = stores.open(settings, purpose="serve")
    try:
        # One read of every name feeds both indexes, so they share the id and name strings, and
        # the pinyin keys of each name are computed once for both.
        rows = name_rows(opened.reads)
        keys = functools.cache(pinyin_keys)
        names, search = NameIndex.from_rows(rows, keys), SearchIndex.from_rows(rows, keys)
        del rows, keys
        embedded = settings.database if opened.backend.name == "embedded" else None
        reader = GraphReader.build(opened.reads, names, sources, timeout_ms=settings.timeout_ms,
                                   database=embedded)
        return ServiceState(settings, opened.reads, opened.console, names, search, opened.reads.counts(),
                            sources, lambda: load_graph(settings.curated_dir),
                            ResponseCache(settings.cache_mb << 20), confinement=opened.confinement,
                            console_slots=anyio.CapacityLimiter(settings.query_workers),
                            read_slots=anyio.CapacityLimiter(settings.service_workers * 4), reader=reader)
    except BaseException:
        opened.close()
        raise


def create_app(settings: Settings | None = None, *, db_path: Path | None = None) -> FastAPI:
    """The app; the store opens when it starts (lifespan) and closes when it stops.

    Args:
        settings: limits and locations; default :func:`graph.settings.get_settings`.
        db_path: the database file, overriding ``settings.database``.
    """
    chosen = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state = open_service(chosen, db_path)
        app.state.service = state
        # The name and search indexes are millions of long-lived objects at ecosystem scale:
        # move them out of the collector's reach so its full passes do not stall requests.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            state.close()

    app = FastAPI(title="ecokg", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  dependencies=[Depends(one_value_each)],
                  description="China's AI and robotics ecosystem as a knowledge graph: entities, "
                              "ego networks, paths, canned queries and read-only Cypher.")
    # Added innermost first: every answer (a refused host's too) gets the security headers and is
    # sent in timed parts; hosts are checked before anything else runs.
    app.add_middleware(BodySizeLimit)
    app.add_middleware(HeadAsGet)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(chosen.allowed_hosts))
    app.add_middleware(SlowClientGuard, timeout_s=chosen.write_timeout_s)
    app.add_middleware(SecurityHeaders)
    for module in (health, search, entities, evidence, paths, queries, cypher, export, analytics, pages):
        app.include_router(module.router)
    add_docs_pages(app)
    if STATIC_DIR.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    add_error_handlers(app)
    return app


def _error(status: int, detail: object) -> JSONResponse:
    return JSONResponse({"detail": detail}, status_code=status)


def add_error_handlers(app: FastAPI) -> None:
    """Map ecokg's errors to JSON answers: bad input is never a 500."""

    @app.exception_handler(UnknownEntity)
    async def unknown_entity(_: Request, exc: UnknownEntity) -> JSONResponse:
        return _error(404, {"message": str(exc), "suggestions": exc.suggestions})

    @app.exception_handler(NotFound)
    async def not_found(_: Request, exc: NotFound) -> JSONResponse:
        return _error(404, {"message": str(exc), "suggestions": exc.suggestions})

    @app.exception_handler(ParameterError)
    async def bad_parameter(_: Request, exc: ParameterError) -> JSONResponse:
        return _error(422, [{"loc": [exc.location, exc.param], "msg": str(exc), "type": "value_error"}])

    @app.exception_handler(ConsoleForbidden)
    async def console_forbidden(_: Request, exc: ConsoleForbidden) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(QueryTimeout)
    async def timeout(_: Request, exc: QueryTimeout) -> JSONResponse:
        return _error(504, clipped(str(exc), 2 * MAX_ERROR_CHARS))

    @app.exception_handler(EcokgError)
    async def ecokg_error(_: Request, exc: EcokgError) -> JSONResponse:
        # Refused writes (QueryRejected) and statements that do not parse (StoreError) among
        # them; handlers are looked up along the exception's class hierarchy. Clipped: a Neo4j
        # error may quote a value of any size.
        return _error(400, clipped(str(exc), 2 * MAX_ERROR_CHARS))

    @app.exception_handler(RequestValidationError)
    async def validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": f"parameter {_param(e)!r}: {e.get('msg')}",
                   "type": e.get("type")} for e in exc.errors()]
        return _error(422, errors)


def _param(error: object) -> str:
    loc = error.get("loc", ()) if isinstance(error, dict) else ()
    return str(loc[-1]) if loc else "?"
