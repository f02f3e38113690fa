"""Driver values to plain Python values, so callers never see which backend answered."""

from __future__ import annotations

from typing import Any


def plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    props = getattr(value, "properties", None)
    if isinstance(props, dict):  # a driver node/relationship that slipped through a statement
        return {str(k): plain(v) for k, v in props.items()}
    if hasattr(value, "items"):  # neo4j Node/Relationship are mappings
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j temporal types
        return value.iso_format()
    return value
