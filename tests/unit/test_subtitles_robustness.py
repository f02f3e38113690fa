"""Whatever the bytes, `parse_subtitles` returns a result or raises `UnsupportedSubtitleFormat`.

The public function also turns an unexpected exception into `UnsupportedSubtitleFormat`, but
marks it `unexpected=True`: these tests fail on that mark, so a parser bug cannot hide
behind the safety net.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from explainer.core.errors import UnsupportedSubtitleFormat
from explainer.subtitles import ParseResult, parse_subtitles

FIXTURES = Path(__file__).parents[1] / "fixtures" / "subtitles"
FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_file())


def parse_or_refuse(data: bytes, filename: str | None = None) -> ParseResult | None:
    try:
        result = parse_subtitles(data, filename=filename)
    except UnsupportedSubtitleFormat as e:
        assert not e.context.get("unexpected"), f"parser bug: {e.__cause__!r}"
        return None
    for n, cue in enumerate(result.cues, start=1):
        assert cue.index == n
        assert 0 <= cue.start <= cue.end
        assert cue.text.strip()
    assert [c.start for c in result.cues] == sorted(c.start for c in result.cues)
    return result


@pytest.mark.parametrize(
    "data",
    [
        b"hello world, not subtitles",
        b"<html><body><h1>404 Not Found</h1></body></html>",
        b"WEBVTT\n\nNOTE nothing here\n",
        b"<SAMI><BODY></BODY></SAMI>",
        b'<tt xmlns="http://www.w3.org/ns/ttml"><body/></tt>',
        b"1\n2\n3\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    ],
    ids=["prose", "html", "empty-vtt", "empty-sami", "empty-ttml", "numbers", "png", "zip"],
)
def test_unknown_or_cueless_files_are_unsupported(data: bytes) -> None:
    with pytest.raises(UnsupportedSubtitleFormat) as raised:
        parse_subtitles(data)
    assert raised.value.code == "UNSUPPORTED_SUBTITLE_FORMAT"
    assert not raised.value.context.get("unexpected")


def test_random_bytes() -> None:
    rng = random.Random(20240601)
    for _ in range(300):
        parse_or_refuse(rng.randbytes(rng.randint(0, 600)))


def test_random_text_made_of_subtitle_tokens() -> None:
    tokens = [
        "\n", "\n\n", "1", "-->", " --> ", "00:00:01,000", "00:00:0", "99:99:99.999", "-00:00:01.000", "WEBVTT",
        "<SYNC Start=", "1000>", "<P Class=KRCC>", "&nbsp;", "<br>", "<tt>", "<p begin=\"1s\" end=\"2s\">",
        "</p>", "{\"events\": [", "{\"tStartMs\": 1, \"segs\": [{\"utf8\": \"x\"}]}", "]}", "[웃음]", "(미소)",
        "MONICA:", "- ", "♪", "안녕", "Hi", "<i>", "{\\an8}", "&amp;", "&", "<", ">", "(", "]", ":", " ",
    ]
    rng = random.Random(7)
    for _ in range(400):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 40)))
        parse_or_refuse(text.encode(rng.choice(["utf-8", "utf-16", "cp949"]), errors="replace"))


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_truncated_fixtures(name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    for cut in range(0, len(data), 7):
        parse_or_refuse(data[:cut], filename=name)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixtures_with_flipped_bytes(name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    rng = random.Random(name)
    for _ in range(60):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        parse_or_refuse(bytes(mutated), filename=name)


def test_deep_nesting_and_huge_numbers_are_refused_or_parsed() -> None:
    deep_json = b'{"events": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    deep_ttml = (
        b'<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p begin="1s" end="2s">'
        + b"<span>" * 5000 + b"deep" + b"</span>" * 5000 + b"</p></div></body></tt>"
    )
    huge = b"1\n" + b"9" * 5000 + b":00:00,000 --> 00:00:02,000\nhuge\n"
    huge_json = b'{"events": [{"tStartMs": 1' + b"0" * 400 + b', "segs": [{"utf8": "x"}]}]}'

    for data in (deep_json, deep_ttml, huge, huge_json):
        parse_or_refuse(data)


def test_the_safety_net_reports_unexpected_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    import explainer.subtitles as subtitles

    def broken(text: str) -> list[object]:
        raise IndexError("bug")

    monkeypatch.setitem(subtitles._PARSERS, "srt", broken)

    with pytest.raises(UnsupportedSubtitleFormat) as raised:
        parse_subtitles(b"1\n00:00:01,000 --> 00:00:02,000\nhi\n")
    assert raised.value.context["unexpected"] is True
    assert isinstance(raised.value.__cause__, IndexError)
