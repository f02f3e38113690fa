"""Loads Cypher statements from the `cypher` package by name.

`cypher/<name>.cypher` holds a statement written once for both backends; a backend-specific
variant lives in `cypher/<backend>/<name>.cypher` and wins when present. Statements ship as
package data, so an installed copy works the same as a checkout.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import LiteralString, cast

from explainer.core.errors import BadQuery

BACKENDS = ("falkordb", "neo4j")


# directories of statements that do not ship (tests keep their own checks in tests/cypher)
_EXTRA_ROOTS: list[Traversable] = []


def add_statement_root(root: Traversable) -> None:
    """Makes the statements under `root` (same layout as `cypher/`) loadable after the shipped ones."""
    if root not in _EXTRA_ROOTS:
        _EXTRA_ROOTS.append(root)
        load_statement.cache_clear()


@cache
def load_statement(name: str, backend: str) -> LiteralString:
    """The statement `name` for `backend`, variant first. Cached: files are read once."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown graph backend {backend!r}")
    if not name.replace("_", "").isalnum():
        raise BadQuery(f"invalid statement name {name!r}")
    candidates = [path for root in (resources.files("cypher"), *_EXTRA_ROOTS)
                  for path in (root / backend / f"{name}.cypher", root / f"{name}.cypher")]
    for candidate in candidates:
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
    """Every statement that ships (`cypher/` and its backend variants)."""
    root = resources.files("cypher")
    names = {p.name.removesuffix(".cypher") for p in root.iterdir() if p.name.endswith(".cypher")}
    for backend in BACKENDS:
        names |= {p.name.removesuffix(".cypher") for p in (root / backend).iterdir()
                  if p.name.endswith(".cypher")}
    return sorted(names)
