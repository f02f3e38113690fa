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


def _read(name: str) -> list[tuple[float, float, str, str | None]]:
    return [(c.start, c.end, c.text, c.speaker) for c in parse(name).cues]


def test_an_ass_file_with_every_line_indented() -> None:
    """A published sample of a subtitle library indents every line by a space (and ends lines
    with CRLF); it was refused as no known format."""
    assert parse("indented.ass").format == "ass"
    assert _read("indented.ass") == [
        (1.0, 3.5, "The lamp went dark at midnight.", "Silas"),
        (4.0, 6.2, "Then who rang the bell, if the keeper was asleep?", "Mara"),
        (7.0, 9.0, "Nobody, that's who.", None)]


def test_an_aegisub_file_with_graphics_attachments_and_extradata() -> None:
    result = parse("aegisub_graphics.ass")
    assert _read("aegisub_graphics.ass") == [(2.0, 4.5, "그 편지, 아직 가지고 있어?", "미소"),
                                             (7.2, 9.8, "버릴 수가 없었어.", "도윤")]
    # the sign and the drawing are no dialogue; the event whose time is unreadable is counted
    assert result.dropped == {"bogus_time": 1}


def test_microdvd_and_mpl2() -> None:
    expected = ["The harbour was quiet that night.", "Too quiet. Even the gulls had gone.", "Silas? Is that you?"]
    microdvd = parse("microdvd.sub")  # frames at the 25 fps its first line declares
    assert microdvd.format == "microdvd" and [c.text for c in microdvd.cues] == expected
    assert [(c.start, c.end) for c in microdvd.cues] == [(1.0, 4.0), (4.4, 7.0), (8.0, 10.0)]
    mpl2 = parse("mpl2.txt")  # deciseconds
    assert mpl2.format == "mpl2" and [c.text for c in mpl2.cues] == expected
    assert [(c.start, c.end) for c in mpl2.cues] == [(1.0, 3.5), (4.0, 6.2), (7.0, 9.0)]
    # MicroDVD that does not say its frame rate is read at 23.976 fps
    undeclared = parse("x.sub", b"{24}{48}One second in.\n")
    assert [(round(c.start, 2), c.text) for c in undeclared.cues] == [(1.0, "One second in.")]
