"""Each subtitle format, parsed from fixtures written for this project, down to concrete cues."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.core.errors import UnsupportedSubtitleFormat
from explainer.subtitles import Cue, ParseResult, parse_subtitles

FIXTURES = Path(__file__).parents[1] / "fixtures" / "subtitles"


def parse_fixture(name: str, **hints: str) -> ParseResult:
    return parse_subtitles((FIXTURES / name).read_bytes(), **hints)


def cue(index: int, start: float, end: float, text: str, speaker: str | None = None) -> Cue:
    return Cue(index=index, start=start, end=end, text=text, speaker=speaker)


# --- SRT -------------------------------------------------------------------------------------

MESSY_SRT_CUES = [
    cue(1, 1.0, 3.5, "김비서, 오늘 일정이 어떻게 되지?"),
    cue(2, 4.0, 6.0, "오전 10시에 회의가 있습니다 & 점심 약속도요.", "이영준"),
    cue(3, 6.5, 8.0, "- 뭐라고?\n- 아무것도 아니에요."),
    cue(4, 9.5, 11.0, "Hi, Rachel! How are you?", "MONICA"),  # overlap clipped
    cue(5, 11.0, 13.0, "정말 피곤해요.", "미소"),
    cue(6, 15.0, 16.0, "I'm fine. la la la"),  # end < start: end fixed to the next start
    cue(7, 16.0, 17.5, "Out of order cue."),
    cue(8, 23.0, 25.0, "부회장님, 결재 서류입니다.", "미소"),
    cue(9, 30.0, 32.0, "- 미소: 뭐야?\n- 영준: 아니야."),
    cue(10, 33.0, 35.0, "김비서, 잠깐 나 좀 봐.", "영준"),
    cue(11, 36.0, 38.0, "[화면 자막] 3년 후"),
    cue(12, 38.0, 40.0, "Long ago, in Seoul..."),
    cue(13, 44.0, 46.0, "Zero duration."),  # zero duration: default 2 s
]


def test_messy_srt_is_cleaned_repaired_and_accounted_for() -> None:
    result = parse_fixture("messy.srt")

    assert result.format == "srt"
    assert result.encoding == "utf-8"
    assert result.cues == MESSY_SRT_CUES
    assert result.dropped == {"empty": 1, "sound_only": 2, "bogus_time": 2, "duplicate": 1}
    assert result.repaired == {"reordered": 1, "end_fixed": 2, "overlap_clipped": 1}


def test_crlf_and_cr_line_endings_parse_like_lf() -> None:
    data = (FIXTURES / "messy.srt").read_bytes()

    assert parse_subtitles(data.replace(b"\n", b"\r\n")).cues == MESSY_SRT_CUES
    assert parse_subtitles(data.replace(b"\n", b"\r")).cues == MESSY_SRT_CUES


def test_srt_time_variants() -> None:
    data = (
        "1\n00:00:01.5 --> 00:00:02,25\n점 구분자와 짧은 밀리초\n\n"
        "2\n1:00:03,000-->1:00:04,000\n화살표 앞뒤 공백 없음\n\n"
        "3\n00:05,000 --> 00:06,000 X1:10 X2:20 Y1:5 Y2:6\n시 없음, 좌표 있음\n\n"
        "4\n00:00:07,000 --> 00:00:0X,000\n끝 시각이 깨짐\n"
    ).encode()

    cues = parse_subtitles(data).cues

    assert [(c.start, c.end, c.text) for c in cues] == [
        (1.5, 2.25, "점 구분자와 짧은 밀리초"),
        (5.0, 6.0, "시 없음, 좌표 있음"),
        (7.0, 9.0, "끝 시각이 깨짐"),  # unreadable end: default duration
        (3603.0, 3604.0, "화살표 앞뒤 공백 없음"),
    ]


def test_srt_number_lines_are_not_text_but_numbers_inside_text_are() -> None:
    data = (
        "1\n00:00:01,000 --> 00:00:02,000\n몇 년도?\n1988\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\n응답하라\n\n7\n"
    ).encode()

    assert [c.text for c in parse_subtitles(data).cues] == ["몇 년도? 1988", "응답하라"]


def test_srt_without_webvtt_header_is_webvtt_when_named_so() -> None:
    data = b"00:01.000 --> 00:02.000\n<v Monica>Hi!</v>\n"

    srt = parse_subtitles(data)
    vtt = parse_subtitles(data, filename="Episode1.VTT")

    assert (srt.format, srt.cues) == ("srt", [cue(1, 1.0, 2.0, "Hi!")])
    assert (vtt.format, vtt.cues) == ("webvtt", [cue(1, 1.0, 2.0, "Hi!", "Monica")])
    assert parse_subtitles(data, content_type="text/vtt; charset=utf-8").format == "webvtt"


# --- WebVTT ----------------------------------------------------------------------------------

def test_webvtt_header_notes_styles_voices_and_markup() -> None:
    result = parse_fixture("sample.vtt")

    assert result.format == "webvtt"
    assert result.cues == [
        cue(1, 1.0, 3.0, "김비서, 오늘 일정은?", "이영준"),
        cue(2, 3.5, 5.0, "네, 부회장님. <회의> 준비됐습니다."),
        cue(3, 5.0, 7.0, "- 미소: 네.\n- 영준: 그래."),
        cue(4, 9.0, 11.0, "漢字 & karaoke"),
        cue(5, 11.0, 12.0, "Missing blank line before this cue."),
    ]
    assert result.dropped == {"sound_only": 1}
    assert result.repaired == {}


# --- SAMI ------------------------------------------------------------------------------------

MULTILANG_SAMI_CUES = [
    cue(1, 1.0, 3.2, "김비서, 오늘 일정은?"),
    cue(2, 3.5, 6.0, "오전 10시에 회의가 있습니다.", "미소"),
    cue(3, 6.0, 8.0, "- 뭐야?\n- 아무것도 아니에요."),
    cue(4, 10.0, 12.5, "부회장님 결재 서류입니다."),
    cue(5, 13.0, 15.0, "마지막 대사."),
]


def test_sami_prefers_krcc_and_blank_syncs_end_cues() -> None:
    result = parse_fixture("multilang.smi")

    assert result.format == "sami"
    assert result.cues == MULTILANG_SAMI_CUES
    assert result.dropped == {"sound_only": 1}
    assert result.repaired == {"end_fixed": 1}  # the last cue has no SYNC after it


def test_sami_without_korean_keeps_the_language_with_most_text() -> None:
    result = parse_fixture("english_only.smi")

    assert result.cues == [
        cue(1, 0.5, 2.0, "Hello."),
        cue(2, 2.0, 4.0, "How are you?", "MONICA"),
        cue(3, 4.0, 5.0, "Fine, thanks."),  # End attribute honoured
    ]


def test_sami_korean_class_found_by_style_language_and_by_hangul() -> None:
    by_style = (
        "<SAMI><HEAD><STYLE><!-- .KOKRCC { lang: ko-KR; } .ENCC { lang: en-US; } --></STYLE></HEAD><BODY>"
        "<SYNC Start=1000><P Class=ENCC>One two three four five"
        "<SYNC Start=1000><P Class=KOKRCC>하나"
        "<SYNC Start=2000><P Class=ENCC>&nbsp;<P Class=KOKRCC>&nbsp;</BODY></SAMI>"
    )
    by_hangul = (
        "<SAMI><BODY><SYNC Start=1000><P Class=ENCC>Hello there<P Class=XXCC>안녕"
        "<SYNC Start=2500><P Class=ENCC>&nbsp;<P Class=XXCC>&nbsp;</BODY></SAMI>"
    )

    assert parse_subtitles(by_style.encode()).cues == [cue(1, 1.0, 2.0, "하나")]
    assert parse_subtitles(by_hangul.encode()).cues == [cue(1, 1.0, 2.5, "안녕")]


def test_sami_unclosed_tags_unquoted_attributes_and_unclassed_clears() -> None:
    data = (
        "<sami><body>\n"
        "<sync start=500><p class=krcc><font color=yellow><b>굵고 <i>노란\n"
        "<sync start='2000'><p>&nbsp;\n"
        "<SYNC Start=3000><P Class=KRCC>[문 여는 소리]<br>(김비서) 들어오세요.\n"
        "<SYNC Start=4500><P Class=KRCC>&nbsp\n"
    ).encode()

    assert parse_subtitles(data).cues == [
        cue(1, 0.5, 2.0, "굵고 노란"),
        cue(2, 3.0, 4.5, "들어오세요.", "김비서"),
    ]


# --- TTML / DFXP -----------------------------------------------------------------------------

def test_dfxp_with_ticks_clock_times_offsets_frames_spans_and_entities() -> None:
    result = parse_fixture("netflix.dfxp")

    assert result.format == "ttml"
    assert result.cues == [
        cue(1, 1.0, 2.5, "김비서, 오늘 일정은?"),
        cue(2, 4.0, 5.0, "순서가 바뀐 자막."),
        cue(3, 5.5, 7.25, "- 뭐야?\n- 아무것도 아니에요."),
        cue(4, 8.0, 9.5, "네, 부회장님.", "미소"),  # dur, and &nbsp; from HTML
        cue(5, 9.5, 11.5, "Tom & Jerry <3"),  # 00:00:11:15 is 15 frames at 30 fps
    ]
    assert result.dropped == {"sound_only": 1, "duplicate": 1}
    assert result.repaired == {"reordered": 1}


def test_ttml_prefixed_namespace_container_offsets_and_frame_rate() -> None:
    result = parse_fixture("offsets.ttml")

    assert result.cues == [
        cue(1, 61.0, 62.0, "First line of the second act.", "MONICA"),
        cue(2, 62.5, 63.0, "Tom & Jerry — nested spans"),  # a bare & is tolerated
        cue(3, 64.2, 65.0, "Frames at twenty-five per second."),
        cue(4, 120.0, 125.0, "Timed by its division."),
    ]


def test_truncated_ttml_keeps_the_complete_paragraphs() -> None:
    data = (FIXTURES / "netflix.dfxp").read_bytes()
    cut = data.index(b"<p begin=\"8s\"")

    result = parse_subtitles(data[: cut + 30])

    assert [c.text for c in result.cues] == ["김비서, 오늘 일정은?", "- 뭐야?\n- 아무것도 아니에요."]


def test_ttml_with_mismatched_tags_is_read_tolerantly() -> None:
    data = (
        '<tt xmlns="http://www.w3.org/ns/ttml" ttp:tickRate="10" xmlns:ttp="http://www.w3.org/ns/ttml#parameter">'
        '<body><div><p begin="10t" end="20t">첫째</p></span>'
        '<p begin="20t" end="30t">둘째<br/>줄</p><p begin="3s" end="4s">셋째</p></div></body></tt>'
    ).encode()

    assert [(c.start, c.end, c.text) for c in parse_subtitles(data).cues] == [
        (1.0, 2.0, "첫째"), (2.0, 3.0, "둘째 줄"), (3.0, 4.0, "셋째"),
    ]


def test_ttml_doctype_entities_are_never_expanded() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE tt [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">&b;</p></div></body></tt>'
    )

    assert parse_subtitles(data).cues == [cue(1, 1.0, 2.0, "&b;")]


# --- YouTube json3 ---------------------------------------------------------------------------

def test_json3_skips_window_append_and_newline_events() -> None:
    result = parse_fixture("youtube.json3")

    assert result.format == "json3"
    assert result.cues == [
        cue(1, 1.0, 3.5, "김비서, 오늘 일정은?"),
        cue(2, 7.0, 10.0, "Hello there, Monica"),
        cue(3, 10.0, 12.0, "Hi!", "MONICA"),  # ">>" marks a speaker change
        cue(4, 12.0, 14.0, "끝"),  # no dDurationMs
    ]
    assert result.dropped == {"sound_only": 1}
    assert result.repaired == {"end_fixed": 1, "overlap_clipped": 1}


@pytest.mark.parametrize(
    "data",
    [b'{"foo": 1}', b"[1, 2, 3]", b'{"events": "nope"}', b'{"events": [{"tStartMs": 1}]}', b"{not json"],
)
def test_json_that_is_not_timed_text_is_unsupported(data: bytes) -> None:
    with pytest.raises(UnsupportedSubtitleFormat):
        parse_subtitles(data)
