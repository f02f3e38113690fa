"""Text shown to viewers as a label (titles, series names): no bidirectional overrides.

U+202E (RIGHT-TO-LEFT OVERRIDE) and its kin reorder what follows them on screen, so a title can
show something other than what it says (an override before "exe.txt" shows "txt.exe"). Embeddings,
overrides and isolates are removed; the plain direction marks (U+200E/U+200F) stay, they
reorder nothing.
"""

from __future__ import annotations

import re

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def display_text(text: str) -> str:
    return _BIDI_CONTROLS.sub("", text)
