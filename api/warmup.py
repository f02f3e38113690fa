"""The statements an explain miss runs, each run once against the store at start-up with
parameters that match nothing, so the store has parsed and planned them (Neo4j's and FalkorDB's
query caches) before the first viewer's question pays for it. In the background: `/health`
answers meanwhile; a statement that fails is logged, never fatal; a store that is down ends the
warm-up at the first statement (it is no use knocking once per statement).

The list is derived, not kept by hand: every `explain_*` statement of the catalog (explain's own
reads, whatever they become) plus the few shared reads explain sends (`EXPLAIN_ALSO_READS`), each
run with the neutral value of each `$parameter` its text names (`NEUTRAL`). A statement that
starts to take a parameter without a neutral value fails its warm-up, and with it
tests/e2e/test_statement_warmup.py, which also checks that every read real explain misses send
is in the list."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from explainer.core.errors import BadQuery, GraphUnavailable
from graph.catalog import load_statement, statement_names
from graph.stores import GraphStore

log = logging.getLogger(__name__)

# no video, series or entity has these ids (ids are letters, digits, '_', '-', '.', ':')
NOBODY = "__warm-up__"
# reads an explain miss sends that are not `explain_*` statements: the video (with the embedder its
# series' vectors were made with), the entities named in the selection (fulltext)
EXPLAIN_ALSO_READS = ("get_video", "fulltext_search_entity")
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def neutral_values(embedding_dim: int) -> dict[str, Any]:
    """A value per parameter name, of the type explain sends (Neo4j caches a plan per query text
    and parameter types), matching nothing: ids nobody has, the first second of an episode."""
    return {
        "id": NOBODY, "videoId": NOBODY, "seriesId": NOBODY, "ids": [NOBODY],
        "since": 0.0, "sceneSince": 0.0, "until": 1.0, "before": 1.0, "ordinal": 0,
        "k": 1, "limit": 1, "candidates": 1, "relations": 1, "query": "warm", "queries": ["warm"], "text": "warm",
        "vector": [1.0] + [0.0] * (embedding_dim - 1),  # a unit vector: a zero one has no cosine
    }


def statement_parameters(text: str) -> list[str]:
    """The `$parameters` a statement names, in order of first use (full-line comments aside)."""
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return list(dict.fromkeys(_PARAMETER.findall(code)))


def explain_statement_names(backend: str) -> list[str]:
    """The statements an explain miss runs on `backend`, shared reads first."""
    names = [*EXPLAIN_ALSO_READS, *(n for n in statement_names() if n.startswith("explain_"))]
    return [n for n in names if _exists(n, backend)]


def _exists(name: str, backend: str) -> bool:
    try:
        load_statement(name, backend)
    except BadQuery:  # a variant of the other backend only
        return False
    return True


async def _run(store: GraphStore, name: str, params: dict[str, Any]) -> None:
    await store.read(name, **params)


async def _missing(name: str, parameter: str) -> None:
    raise LookupError(f"no warm-up value for ${parameter} of {name}: add one to api.warmup.neutral_values")


def explain_statements(store: GraphStore, embedding_dim: int) -> dict[str, Callable[[], Awaitable[Any]]]:
    """Statement name -> one harmless run of it."""
    values = neutral_values(embedding_dim)
    runs: dict[str, Callable[[], Awaitable[Any]]] = {}
    for name in explain_statement_names(store.backend):
        parameters = statement_parameters(load_statement(name, store.backend))
        unknown = [p for p in parameters if p not in values]
        runs[name] = (partial(_missing, name, unknown[0]) if unknown
                      else partial(_run, store, name, {p: values[p] for p in parameters}))
    return runs


async def warm_statements(store: GraphStore, embedding_dim: int) -> list[str]:
    """Runs each statement once; returns the names of those that ran (the others are logged)."""
    statements = explain_statements(store, embedding_dim)
    warmed: list[str] = []
    for name, run in statements.items():
        try:
            await run()
        except GraphUnavailable:
            log.warning("the graph is unavailable: %d of the explain statements not warmed",
                        len(statements) - len(warmed), exc_info=True)
            break
        except Exception:  # a cold statement is slower, not broken: the API serves regardless
            log.warning("could not warm the statement %s", name, exc_info=True)
        else:
            warmed.append(name)
    log.info("warmed %d of the explain statements", len(warmed))
    return warmed
