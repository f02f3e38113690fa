"""Clock times as subtitle files write them, read leniently."""

from __future__ import annotations

import re

# [-][HH:]MM:SS[(,|.)fraction]; hours may have any number of digits, the fraction 1-9 digits.
_CLOCK = re.compile(r"(-)?(?:(\d{1,3}):)?(\d{1,3}):(\d{1,3})(?:[.,](\d{1,9}))?")


def parse_clock(value: str) -> float | None:
    """`01:02:03,456`, `02:03.456`, `1:02:03.5`, `00:00:01` -> seconds; None if unreadable.

    A fraction is a decimal fraction whatever its length (`,5` is half a second), so sloppy
    writers of one- or two-digit milliseconds still get the time they meant.
    """
    m = _CLOCK.fullmatch(value.strip())
    if m is None:
        return None
    sign, hours, minutes, seconds, fraction = m.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    result = total + (int(fraction) / 10 ** len(fraction) if fraction else 0.0)
    return -result if sign else result


# `start --> end [settings]`, the timing line of SRT and WebVTT. The start must look like a time
# so that a dialogue line with an arrow stays text; the end may be garbage (it is repaired later).
_TIMING_LINE = re.compile(r"\s*(-?\d[\d:.,]*)\s*--?>\s*(\S*)")


def parse_timing_line(line: str) -> tuple[float | None, float | None] | None:
    """(start, end) if `line` is a timing line (either may be None if unreadable), else None."""
    m = _TIMING_LINE.match(line)
    if m is None:
        return None
    return parse_clock(m.group(1)), parse_clock(m.group(2))
