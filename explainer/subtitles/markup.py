"""HTML-ish cue markup (SRT, WebVTT and SAMI all use it) to the plain text a viewer reads."""

from __future__ import annotations

import html
import re

_BR = re.compile(r"<br\s*/?\s*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
# Ruby annotations (<rt>/<rp>) are pronunciation hints above the text, not the text itself.
# Inside a tag `[^<>]*`, never `[^>]*`: an unclosed `<rt` then stops at the next `<` instead of
# scanning to the end of the cue for every one of them (quadratic on a cue of megabytes).
_RUBY_TEXT = re.compile(r"<(rt|rp)\b[^<>]*>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
# Only things that look like tags: `I <3 you` and `a < b` stay.
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<\d{1,2}:[\d:.]*>")


def html_to_text(fragment: str) -> str:
    """Drop tags (closed or not), turn <br> into "\\n", resolve entities (&nbsp; is a space)."""
    text = fragment
    if "<" in text:
        text = _BR.sub("\n", text)
        if "<!--" in text:
            text = _COMMENT.sub("", text)
        text = _TAG.sub("", _RUBY_TEXT.sub("", text))
    if "&" in text:
        text = html.unescape(text)
    return text.replace("\xa0", " ")
