"""Loads Cypher statements from the `cypher` package by name.

`cypher/<name>.cypher` holds a statement written once for both backends; a backend-specific
variant lives in `cypher/<backend>/<name>.cypher` and wins when present. Statements ship as
package data, so an installed copy works the same as a checkout.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import LiteralString, cast

from explainer.core.errors import BadQuery

BACKENDS = ("falkordb", "neo4j")


@cache
def load_statement(name: str, backend: str) -> LiteralString:
    """The statement `name` for `backend`, variant first. Cached: files are read once."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown graph backend {backend!r}")
    if not name.replace("_", "").isalnum():
        raise BadQuery(f"invalid statement name {name!r}")
    root = resources.files("cypher")
    for candidate in (root / backend / f"{name}.cypher", root / f"{name}.cypher"):
        if candidate.is_file():
            text = candidate.read_text(encoding="utf-8").strip().rstrip(";").strip()
            # the files are ours, shipped with the package: they are the literal strings
            return cast(LiteralString, text)
    raise BadQuery(f"no Cypher statement named {name!r} for backend {backend!r}")


def load_script(name: str, backend: str) -> list[LiteralString]:
    """A multi-statement file (schema DDL only), split on `;` at line ends."""
    text = load_statement(name, backend)
    parts = [p.strip() for p in text.split(";\n")]
    lines = ("\n".join(ln for ln in p.splitlines() if not ln.strip().startswith("//")) for p in parts)
    return [cast(LiteralString, p.strip()) for p in lines if p.strip()]


def statement_names() -> list[str]:
    root = resources.files("cypher")
    names = {p.name.removesuffix(".cypher") for p in root.iterdir() if p.name.endswith(".cypher")}
    for backend in BACKENDS:
        names |= {p.name.removesuffix(".cypher") for p in (root / backend).iterdir()
                  if p.name.endswith(".cypher")}
    return sorted(names)
