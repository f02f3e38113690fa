"""Encodings are detected from the bytes alone; every variant parses to the same cues."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from explainer.core.errors import UnsupportedSubtitleFormat
from explainer.subtitles import Cue, parse_subtitles
from explainer.subtitles.encoding import decode_subtitle_bytes

FIXTURES = Path(__file__).parents[1] / "fixtures" / "subtitles"

KOREAN_SRT_CUES = [
    Cue(1, 1.0, 3.0, "김비서, 오늘 일정은?"),
    Cue(2, 3.5, 6.0, "오전 10시에 회의가 있습니다.", "미소"),
    Cue(3, 6.5, 8.0, "- 뭐야?\n- 아무것도 아니에요."),
    # 똠 and 쌰 are outside EUC-KR: only CP949 (UHC) has them.
    Cue(4, 62.25, 64.0, "똠방각하, 쌰쌰! 부회장님 결재 서류입니다."),
]


def korean_srt() -> str:
    return (FIXTURES / "korean.srt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("encode", "expected_encoding"),
    [
        (lambda s: s.encode("utf-8"), "utf-8"),
        (lambda s: s.encode("utf-8-sig"), "utf-8-sig"),
        (lambda s: s.encode("utf-16"), "utf-16-le"),  # Python writes a LE BOM
        (lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"), "utf-16-be"),
        (lambda s: s.encode("utf-16-le"), "utf-16-le"),  # no BOM, found by its NUL bytes
        (lambda s: s.encode("utf-16-be"), "utf-16-be"),
        (lambda s: s.encode("utf-32"), "utf-32-le"),
        (lambda s: s.encode("cp949"), "cp949"),
        (lambda s: s.encode("utf-8").replace(b"\n", b"\r\n"), "utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32", "cp949", "crlf"],
)
def test_every_encoding_gives_the_same_cues(encode: Callable[[str], bytes], expected_encoding: str) -> None:
    result = parse_subtitles(encode(korean_srt()))

    assert result.encoding == expected_encoding
    assert result.cues == KOREAN_SRT_CUES
    assert result.dropped == {"sound_only": 1}


def test_euc_kr_bytes_are_read_as_cp949() -> None:
    text = korean_srt().replace("똠방각하, 쌰쌰! ", "")

    result = parse_subtitles(text.encode("euc-kr"))

    assert result.encoding == "cp949"
    assert result.cues[-1].text == "부회장님 결재 서류입니다."


def test_cp949_sami_is_the_common_korean_case() -> None:
    data = (FIXTURES / "multilang.smi").read_text(encoding="utf-8").encode("cp949")

    result = parse_subtitles(data, filename="episode.smi")

    assert (result.format, result.encoding) == ("sami", "cp949")
    assert result.cues[0] == Cue(1, 1.0, 3.2, "김비서, 오늘 일정은?")


def test_windows_1252_is_not_mistaken_for_korean() -> None:
    line = "I don’t know, “Monica”… Ça va très bien, Élodie. Où êtes-vous?"
    text = f"1\n00:00:01,000 --> 00:00:02,000\n{line}\n"

    result = parse_subtitles(text.encode("cp1252"))

    assert (result.encoding, result.cues[0].text) == ("cp1252", line)


def test_other_legacy_encodings_fall_back_to_charset_normalizer() -> None:
    text = "1\n00:00:01,000 --> 00:00:03,000\nПривет, как дела? Я сегодня очень занят.\n"

    result = parse_subtitles(text.encode("cp1251"))

    assert result.cues[0].text == "Привет, как дела? Я сегодня очень занят."


@pytest.mark.parametrize("codec", ["utf-8", "cp949"])
def test_a_character_cut_off_at_the_end_does_not_change_the_encoding(codec: str) -> None:
    data = korean_srt().rstrip().encode(codec) + "요".encode(codec)[:1]  # a truncated download

    text, encoding = decode_subtitle_bytes(data)

    assert encoding == codec
    assert text.endswith("서류입니다.")


@pytest.mark.parametrize(
    "data",
    [b"", b"\xef\xbb\xbf", b"\xff\xfe\x00", b"\x00\x01\x02\x03\x04\x05" * 50, codecs.BOM_UTF8 + b"\xff\xfe\xfd"],
    ids=["empty", "bom-only", "odd-utf16", "binary", "bad-after-bom"],
)
def test_undecodable_bytes_are_unsupported(data: bytes) -> None:
    with pytest.raises(UnsupportedSubtitleFormat):
        parse_subtitles(data)


def _srt(cues: list[tuple[int, str]]) -> str:
    return "".join(f"{n}\n00:00:0{n},000 --> 00:00:0{n},900\n{text}\n\n" for n, text in cues)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_utf8_file_with_a_utf16_part_is_refused_not_cut_short(codec: str) -> None:
    """Read as UTF-16 (its first cue), the UTF-8 rest became CJK-looking noise and 3 of 4 cues
    vanished with `droppedCues` empty; a UTF-16 part later in a UTF-8 file brings NUL bytes."""
    first = _srt([(1, "Who was it?")]).encode(codec)
    rest = _srt([(2, "그때 그 사람이었어."), (3, "누구?"), (4, "The man from the harbour.")]).encode("utf-8")
    small = _srt([(1, "그때 그 사람이었어.")]).encode(codec)
    long_utf8 = _srt([(n, "A line long enough to fill the sample. " * 30) for n in range(1, 5)]).encode("utf-8")
    for data in (first + rest, small + rest, long_utf8 + first):
        with pytest.raises(UnsupportedSubtitleFormat, match="mixes encodings"):
            parse_subtitles(data, filename="mixed.srt")
    # a whole UTF-16 file, Korean or Chinese, is still read
    korean = _srt([(1, "그때 그 사람이었어."), (2, "Who?")])
    for text in (korean, _srt([(1, "是谁把灯关了？他说是风。"), (2, "我不相信。")])):
        assert len(parse_subtitles(text.encode(codec), filename="whole.srt").cues) == 2
