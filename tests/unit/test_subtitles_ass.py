"""ASS/SSA, Apple's word-timed TTML, and files that hold no cue (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.core.errors import UnsupportedSubtitleFormat
from explainer.subtitles import parse_subtitles

FIXTURES = Path(__file__).parents[1] / "fixtures" / "subtitles"


def parse(name: str, data: bytes | None = None):  # type: ignore[no-untyped-def]
    return parse_subtitles(data if data is not None else (FIXTURES / name).read_bytes(), filename=name)


def test_aegisub_ass_with_fonts_and_graphics() -> None:
    result = parse("aegisub_fonts.ass")
    assert result.format == "ass"
    assert [(c.start, c.end, c.text, c.speaker) for c in result.cues] == [
        (1.5, 4.0, "여기가 그 서점이야?", "미소"),
        (4.2, 7.8, "응, 어릴 때 자주 왔어. 이제는 아무도 안 오지만.", "도윤"),
        (8.1, 11.0, "그때 그 사람이었어.", None),
        (12.0, 15.5, "잠깐, 그러니까, 네가 말한 사람이…", "미소"),  # commas in the text field stay
    ]  # no comment, no sign, no drawing, nothing from [Fonts]/[Graphics]


def test_karaoke_tags_and_ssa_v4() -> None:
    assert [c.text for c in parse("karaoke.ass").cues][:2] == ["haru no kaze", "spring wind again"]
    ssa = parse("ssa_v4.ssa")
    assert ssa.format == "ass"
    assert [(c.start, c.text) for c in ssa.cues] == [
        (2.0, "I kept the notebook."), (5.0, "You kept it? All these years, after everything?"),
        (9.0, "Every page.")]


@pytest.mark.parametrize("encoding", ["utf-16", "cp949", "utf-8-sig"])
def test_ass_in_other_encodings(encoding: str) -> None:
    text = (FIXTURES / "aegisub_fonts.ass").read_text(encoding="utf-8")
    assert [c.text for c in parse("x.ass", text.encode(encoding)).cues] == [c.text for c in
                                                                             parse("aegisub_fonts.ass").cues]


def test_apple_word_timed_ttml_parses_with_absolute_times() -> None:
    result = parse("apple_word_timed.ttml")
    assert [(c.start, c.end, c.text) for c in result.cues] == [
        (19.764, 22.31, "Where were you?"), (23.05, 26.4, "At the bookshop."),
        (27.0, 31.02, "Every single day?"), (40.5, 44.0, "Every day.")]


@pytest.mark.parametrize("name", ["broken_timings.srt", "homemade.smi", "not_subtitles.srt"])
def test_a_file_without_a_cue_is_refused(name: str) -> None:
    with pytest.raises(UnsupportedSubtitleFormat):
        parse(name)
