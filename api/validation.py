"""Input rules shared by every door (REST bodies, GraphQL arguments): no control characters in
any string (NUL and friends reach the stores and logs otherwise), and one notion of "empty" text."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic.alias_generators import to_camel

# C0 and C1 controls and DEL; tab, line feed and carriage return are text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def control_character_at(value: object, path: str = "") -> str | None:
    """The path of the first string (or key) holding a control character, None when clean."""
    if isinstance(value, str):
        return path or "value" if _CONTROL.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and _CONTROL.search(key):
                return where
            found = control_character_at(item, where)
            if found:
                return found
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found = control_character_at(item, f"{path}[{index}]")
            if found:
                return found
    return None


def is_blank(text: str) -> bool:
    """Nothing a viewer could have selected: only whitespace, controls or invisible format
    characters (zero-width space/joiners, BOM, word joiner)."""
    return all(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in text)


class RequestBody(BaseModel):
    """A JSON request body: camelCase fields, strict types (`true` is not a number, `"195.6"`
    is not a float), no control characters in any string."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, strict=True)

    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data: Any) -> Any:
        where = control_character_at(data)
        if where:
            raise ValueError(f"{where} holds a control character")
        return data
