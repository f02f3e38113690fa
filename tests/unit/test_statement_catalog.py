"""Statement names are plain strings, so the catalog is checked here: every name product code
sends to the store exists in `cypher/`, and every statement that ships is used by product code
(statements only tests need live in tests/cypher)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from graph.catalog import statement_names

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("graph", "explainer", "api", "jobs", "cli")
# DDL scripts, loaded with load_script by name
SCRIPTS = {"schema"}


def _product_files() -> list[Path]:
    return sorted(p for package in PRODUCT for p in (ROOT / package).rglob("*.py"))


def _sent_names(tree: ast.AST) -> set[str]:
    """Literal statement names passed to `.read(...)`, `.write(...)` or `statement=`."""
    names = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Attribute) and node.func.attr in ("read", "write") and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            names.add(node.args[0].value)
        names |= {k.value.value for k in node.keywords
                  if k.arg == "statement" and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)}
    return names


def _constants(tree: ast.AST) -> tuple[set[str], set[str]]:
    """Every string constant, and every constant prefix of an f-string (`f"vector_search_{index}"`)."""
    constants, prefixes = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            prefixes.add(str(node.values[0].value))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            constants.add(node.value)
    return constants, prefixes


@pytest.fixture(scope="module")
def product() -> tuple[set[str], set[str], set[str]]:
    sent: set[str] = set()
    constants: set[str] = set()
    prefixes: set[str] = set()
    for path in _product_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        sent |= _sent_names(tree)
        found, starts = _constants(tree)
        constants |= found
        prefixes |= starts
    return sent, constants, prefixes


def test_every_statement_product_code_sends_exists(product: tuple[set[str], set[str], set[str]]) -> None:
    sent, _, _ = product
    assert sent, "the scan found no statement names: it no longer sees how code calls the store"
    assert sorted(sent - set(statement_names())) == []


def test_every_shipped_statement_is_used_by_product_code(product: tuple[set[str], set[str], set[str]]) -> None:
    _, constants, prefixes = product
    used = constants | {prefix + c for prefix in prefixes for c in constants}
    assert sorted(set(statement_names()) - used - SCRIPTS) == []


def test_only_repositories_and_stores_send_statements() -> None:
    outside = [str(p.relative_to(ROOT)) for p in _product_files()
               if p.relative_to(ROOT).parts[0] != "graph"
               and _sent_names(ast.parse(p.read_text(encoding="utf-8")))]
    assert outside == []


def test_test_statements_do_not_shadow_shipped_ones() -> None:
    own = {p.stem for p in (ROOT / "tests" / "cypher").rglob("*.cypher")}
    assert own and not own & set(statement_names())
