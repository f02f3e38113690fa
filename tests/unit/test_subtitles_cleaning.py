"""What a viewer reads (text, speakers, sounds) and the timing repairs, format by format aside."""

from __future__ import annotations

import pytest

from explainer.subtitles.cleaning import clean_cues
from explainer.subtitles.cuetext import CueText, clean_cue_text
from explainer.subtitles.model import Cue, RawCue
from explainer.subtitles.sounds import is_sound_annotation
from explainer.subtitles.speakers import is_name_like, split_speaker_label

# --- sounds and speakers ---------------------------------------------------------------------

SOUNDS = [
    "웃음", "한숨", "음악", "박수", "문 여는 소리", "잔잔한 음악", "한숨 쉬며", "웃으며", "작게", "떨리는",
    "한숨 쉰다", "쾅", "쾅쾅", "하하하", "딩동", "내레이션", "전화", "영어", "발소리",
    "laughs", "Sighs", "music", "door creaks", "applause", "Whispering", "QUIETLY", "narration", "V.O.",
    "in Korean", "phone ringing", "",
]
NAMES = [
    "미소", "김비서", "김 비서", "이영준 부회장", "박 형사", "남자 1", "영준", "소리", "동하", "호동",
    "MONICA", "Monica", "DR. KIM", "Man #2", "Rachel Green",
]


@pytest.mark.parametrize("content", SOUNDS)
def test_sound_and_manner_annotations(content: str) -> None:
    assert is_sound_annotation(content)
    assert not is_name_like(content)


@pytest.mark.parametrize("token", NAMES)
def test_name_like_tokens(token: str) -> None:
    assert is_name_like(token)


@pytest.mark.parametrize(
    ("turn", "expected"),
    [
        ("(미소) 안녕하세요", ("미소", "안녕하세요")),
        ("[김비서] 네, 부회장님.", ("김비서", "네, 부회장님.")),
        ("[MONICA] Hi!", ("MONICA", "Hi!")),
        ("MONICA: Hi!", ("MONICA", "Hi!")),
        ("미소: 안녕", ("미소", "안녕")),
        ("이영준 부회장: 김비서", ("이영준 부회장", "김비서")),
        ("(미소)안녕", ("미소", "안녕")),
        ("(미소)", (None, "(미소)")),  # a name with nothing after it is not a label
        ("Look: it's not mine.", (None, "Look: it's not mine.")),
        ("10:30에 만나요", (None, "10:30에 만나요")),
        ("[화면 자막] 3년 후", (None, "[화면 자막] 3년 후")),
        ("He said: no.", (None, "He said: no.")),
        ("Chapter 1: The Beginning", (None, "Chapter 1: The Beginning")),
    ],
)
def test_split_speaker_label(turn: str, expected: tuple[str | None, str]) -> None:
    assert split_speaker_label(turn) == expected


# --- cue text --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("김비서, 오늘 일정이\n어떻게 되지?", CueText("김비서, 오늘 일정이 어떻게 되지?", None)),
        ("  여러   칸의\u00a0\u3000공백\u200b  ", CueText("여러 칸의 공백", None)),
        ("{\\an8}{\\i1}위쪽 자막{\\i0}\\N둘째 줄", CueText("위쪽 자막 둘째 줄", None)),
        ("- 뭐야?\n- 아무것도 아니에요.", CueText("- 뭐야?\n- 아무것도 아니에요.", None)),
        ("뭐야?\n-아무것도 아니에요.", CueText("- 뭐야?\n- 아무것도 아니에요.", None)),
        ("– Where?\n– Here.", CueText("- Where?\n- Here.", None)),
        ("- [웃음]\n- 왜 웃어?", CueText("왜 웃어?", None)),  # one turn left: no dash
        ("- (미소) 뭐야?\n- (영준) 아니야.", CueText("- 미소: 뭐야?\n- 영준: 아니야.", None)),
        ("- (미소) 뭐야?\n- 아니야.", CueText("- 미소: 뭐야?\n- 아니야.", None)),
        ("- (미소) 뭐야?\n- (미소) 정말?", CueText("- 뭐야?\n- 정말?", "미소")),
        ("(영준)\n김비서, 잠깐 나 좀 봐.", CueText("김비서, 잠깐 나 좀 봐.", "영준")),
        ("[문 여는 소리] (김비서) [한숨] 들어오세요.", CueText("들어오세요.", "김비서")),
        ("I was [laughs] kidding.", CueText("I was kidding.", None)),
        ("MONICA (V.O.): Dear diary...", CueText("Dear diary...", "MONICA")),
        ("♪ 사랑해요 ♪", CueText("사랑해요", None, lyric=True)),
        ("-5도래요.", CueText("-5도래요.", None)),  # a minus sign, not a dialogue dash
        (">> JOEY: How you doin'?", CueText("How you doin'?", "JOEY")),
        ("그건 (아마) 맞을 거야", CueText("그건 (아마) 맞을 거야", None)),
        ("...", CueText("...", None)),
        ("(미소)", CueText("(미소)", None)),  # a lone name: no label (nothing follows), no sound
    ],
)
def test_clean_cue_text(raw: str, expected: CueText) -> None:
    assert clean_cue_text(raw) == expected


def test_a_parser_speaker_is_kept_unless_the_text_names_one() -> None:
    assert clean_cue_text("안녕", "이영준") == CueText("안녕", "이영준")
    assert clean_cue_text("(미소) 안녕", "이영준") == CueText("안녕", "미소")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"), ("  \n \u00a0 ", "empty"), ("-\n-", "empty"),
        ("[웃음]", "sound_only"), ("(sighs)", "sound_only"), ("♪ ♪", "sound_only"), ("♪", "sound_only"),
        ("- [웃음]\n- [박수]", "sound_only"), ("[한숨]...", "sound_only"), ("(미소)", "sound_only"),
    ],
)
def test_cues_with_nothing_to_read_are_dropped(raw: str, reason: str) -> None:
    if reason == "sound_only" and raw == "(미소)":
        # A lone name-like bracket is neither a label (no text follows) nor a sound: kept as text.
        assert clean_cue_text(raw) == CueText("(미소)", None)
        return
    assert clean_cue_text(raw) == reason


# --- timing ----------------------------------------------------------------------------------

def raw(start: float | None, end: float | None, text: str) -> RawCue:
    return RawCue(start, end, text)


def test_cues_are_sorted_and_renumbered() -> None:
    cues, dropped, repaired = clean_cues([raw(5, 6, "셋"), raw(1, 2, "하나"), raw(3, 4, "둘")])

    assert cues == [Cue(1, 1.0, 2.0, "하나"), Cue(2, 3.0, 4.0, "둘"), Cue(3, 5.0, 6.0, "셋")]
    assert (dropped, repaired) == ({}, {"reordered": 2})


@pytest.mark.parametrize("start", [None, -1.0, 24 * 3600.0, 99 * 3600.0, float("nan"), float("inf")])
def test_bogus_starts_are_dropped(start: float | None) -> None:
    cues, dropped, _ = clean_cues([raw(start, 3, "이상한 시각"), raw(1, 2, "정상")])

    assert [c.text for c in cues] == ["정상"]
    assert dropped == {"bogus_time": 1}


@pytest.mark.parametrize(
    ("end", "next_start", "expected_end"),
    [
        (None, 14.0, 14.0),  # missing: until the next cue...
        (None, 30.0, 12.0),  # ...unless that is far: default 2 s
        (10.0, 14.0, 14.0),  # zero duration
        (5.0, 14.0, 14.0),  # end before start
        (25 * 3600.0, 30.0, 12.0),  # beyond a day
        (500.0, 30.0, 12.0),  # absurdly long
        (float("nan"), 30.0, 12.0),
    ],
)
def test_bad_ends_are_fixed(end: float | None, next_start: float, expected_end: float) -> None:
    cues, _, repaired = clean_cues([raw(10, end, "고칠 자막"), raw(next_start, next_start + 1, "다음")])

    assert cues[0].end == expected_end
    assert repaired == {"end_fixed": 1}


def test_the_last_cue_without_end_gets_the_default_duration() -> None:
    cues, _, repaired = clean_cues([raw(1, 2, "하나"), raw(3, None, "끝")])

    assert cues[-1] == Cue(2, 3.0, 5.0, "끝")
    assert repaired == {"end_fixed": 1}


def test_overlaps_are_clipped_unless_cues_start_together() -> None:
    cues, _, repaired = clean_cues([
        raw(1.0, 4.0, "길게 겹침"),
        raw(3.0, 5.0, "다음 대사"),
        raw(10.0, 12.0, "화면 위 표지판"),
        raw(10.1, 11.0, "동시에 나온 대사"),
        raw(11.5, 13.0, "그다음"),
    ])

    assert [(c.start, c.end) for c in cues] == [(1.0, 3.0), (3.0, 5.0), (10.0, 11.5), (10.1, 11.0), (11.5, 13.0)]
    assert repaired == {"overlap_clipped": 2}


def test_duplicates_are_dropped_and_the_first_kept() -> None:
    cues, dropped, repaired = clean_cues([
        raw(1.0, 2.0, "<같은> 대사"),
        raw(3.0, 4.0, "다른 대사"),
        raw(1.0, 2.5, "<같은> 대사"),  # same start and text: a duplicate whatever its end
        raw(5.0, 6.0, "다른 대사"),  # same text later on: a repeated line, kept
    ])

    assert [(c.start, c.end, c.text) for c in cues] == [
        (1.0, 2.0, "<같은> 대사"), (3.0, 4.0, "다른 대사"), (5.0, 6.0, "다른 대사"),
    ]
    assert (dropped, repaired) == ({"duplicate": 1}, {})


def test_times_are_rounded_to_milliseconds() -> None:
    cues, _, _ = clean_cues([raw(0.1 + 0.2, 1.0000004, "반올림")])

    assert (cues[0].start, cues[0].end) == (0.3, 1.0)


def test_a_first_name_ending_like_a_manner_word_is_a_speaker() -> None:
    # (QUIETLY) is a manner; LILY and EMILY are people (SDH labels in Friends: EMILY: ...)
    assert is_sound_annotation("QUIETLY") and is_sound_annotation("Whispering")
    assert not is_sound_annotation("LILY") and not is_sound_annotation("Emily")


def test_a_sung_cue_keeps_its_words_and_is_flagged() -> None:
    cues, _, _ = clean_cues([RawCue(1.0, 2.0, "♪ 그 사람 나만 볼… ♪"), RawCue(3.0, 4.0, "그 사람 왔어?")])
    assert [(c.text, c.lyric) for c in cues] == [("그 사람 나만 볼…", True), ("그 사람 왔어?", False)]
