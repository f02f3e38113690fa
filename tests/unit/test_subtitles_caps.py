"""Caps on what one file may hold (SUBTITLE_MAX_CUES, SUBTITLE_MAX_CUE_CHARS), and cleaning that
stays linear on a cue of a megabyte: each shape below was quadratic somewhere in the parsers or
the cleaning pass (an unclosed `<rt` scanned to the end of the cue once per tag)."""

from __future__ import annotations

import pytest

from explainer.core.errors import PayloadTooLarge
from explainer.subtitles import parse_subtitles

MEGABYTE = 1024 * 1024
CAP = 1_000


def srt(body: str) -> bytes:
    return ("1\n00:00:01,000 --> 00:00:02,000\n" + body + "\n").encode()


def srt_cues(n: int) -> bytes:
    return "".join(f"{i}\n00:{i // 60:02d}:{i % 60:02d},000 --> 00:{i // 60:02d}:{i % 60:02d},500\nline {i}\n\n"
                   for i in range(1, n + 1)).encode()


ONE_MEGABYTE_CUES = {
    "words": srt("그 사람 was there " * (MEGABYTE // 20)),
    "unclosed-ruby": srt("<rt " * (MEGABYTE // 4)),
    "unclosed-tags": srt("<i " * (MEGABYTE // 3)),
    "turns": srt("\n".join("- 뭐야? (웃음)" for _ in range(MEGABYTE // 12))),
    "brackets": srt("(a" * (MEGABYTE // 2)),
    "labels": srt("MONICA: " * (MEGABYTE // 8)),
    "voice": ("WEBVTT\n\n00:01.000 --> 00:02.000\n<v " + "a " * (MEGABYTE // 2) + "\n").encode(),
    "sami": ("<SAMI><BODY><SYNC Start=1000><P Class=KRCC>" + "<p " * (MEGABYTE // 3)).encode(),
    "ass": ("[Script Info]\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
            "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,," + "{\\i1}a\\N" * (MEGABYTE // 9) + "\n").encode(),
}


@pytest.mark.parametrize("data", ONE_MEGABYTE_CUES.values(), ids=ONE_MEGABYTE_CUES.keys())
def test_a_one_megabyte_cue_is_cut_at_the_cap(data: bytes) -> None:
    result = parse_subtitles(data, filename="huge", max_cue_chars=CAP)
    assert len(result.cues) == 1
    cue = result.cues[0]
    assert 0 < len(cue.text) <= CAP and cue.text.endswith("…")
    assert result.repaired.get("truncated") == 1


@pytest.mark.parametrize("name", ["words", "unclosed-ruby", "turns", "voice"])
def test_without_a_cap_a_one_megabyte_cue_is_kept_whole(name: str) -> None:
    # the cleaning itself is linear: no cap needed for it to finish
    result = parse_subtitles(ONE_MEGABYTE_CUES[name], filename="huge")
    assert len(result.cues) == 1 and len(result.cues[0].text) > 100_000
    assert "truncated" not in result.repaired


def test_a_cut_ends_at_a_word() -> None:
    result = parse_subtitles(srt("word " * 1000), max_cue_chars=102)
    assert result.cues[0].text == " ".join(["word"] * 20) + "…"


def test_cues_within_the_cap_are_untouched() -> None:
    result = parse_subtitles(srt("a" * CAP), max_cue_chars=CAP)
    assert result.cues[0].text == "a" * CAP and not result.repaired


def test_more_cues_than_the_cap_are_refused() -> None:
    assert len(parse_subtitles(srt_cues(100), max_cues=100).cues) == 100
    with pytest.raises(PayloadTooLarge, match="101 cues; at most 100"):
        parse_subtitles(srt_cues(101), max_cues=100)
