"""Decode subtitle bytes without being told the encoding.

The order is deterministic so the same file always decodes the same way:

1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. UTF-16 without a BOM, recognised by its NUL bytes (ASCII markup such as digits and `-->`
   puts a NUL in every other byte);
3. strict UTF-8;
4. strict CP949 (the superset of EUC-KR that Korean SAMI/SRT files use), accepted only when the
   text looks Korean: most of its non-ASCII characters are in KS X 1001, the EUC-KR repertoire.
   CP949 decodes almost any pair of high bytes, so this keeps a Latin-1 file from turning into
   rare Hangul syllables;
5. strict Windows-1252, accepted only when the text looks Western: every non-ASCII character
   is a Latin letter or common punctuation (’ “ ” – …), mostly standing alone inside ASCII
   words. Double-byte encodings (GBK, Shift-JIS) read as 1252 give runs of symbols instead.
   charset-normalizer, on subtitle-sized French or English text, picks cp1250/cp1257 and
   garbles è, à, ê;
6. charset-normalizer as the last resort;
7. CP949 again, even though it did not look Korean, if it decoded at all.

"Strict" forgives one character cut off at the very end (a truncated download), nothing else.
Nothing decodes (or the text is binary): `UnsupportedSubtitleFormat`.

A file that mixes encodings is refused, saying so, rather than decoded by one of them: read as
UTF-16, the ASCII of a UTF-8 part becomes long runs of CJK-looking characters (each made of two
printable ASCII bytes) and its cues silently vanish; a UTF-16 part inside a UTF-8 file brings
NUL bytes.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata

from charset_normalizer import from_bytes

from explainer.core.errors import UnsupportedSubtitleFormat

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its LE BOM starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Share of KS X 1001 characters among the non-ASCII ones for CP949 to count as Korean.
_KOREAN_SHARE = 0.9


def decode_subtitle_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). The text has no BOM and may still contain CRLF."""
    if not data:
        raise UnsupportedSubtitleFormat("empty subtitle file")
    text, encoding = _decode(data)
    if _looks_binary(text):
        raise UnsupportedSubtitleFormat("not a text file", encoding=encoding)
    _refuse_mixed_encodings(text, encoding)
    return text, encoding


# a character whose two UTF-16 bytes are both printable ASCII: two ASCII characters of another
# encoding read as one. Real text has them alone or in short runs (some CJK ideographs), never a
# dozen in a row; a timing line of a UTF-8 part gives one such run per line.
_ASCII_PAIRS = re.compile("[" + "".join(f"\\u{hi:02x}20-\\u{hi:02x}7e" for hi in range(0x20, 0x7f)) + "]{12,}")


def _refuse_mixed_encodings(text: str, encoding: str) -> None:
    if encoding.startswith("utf-16"):
        run = _ASCII_PAIRS.search(text)
        if run is not None:
            raise UnsupportedSubtitleFormat(
                f"the file mixes encodings: it reads as {encoding.upper()} up to byte {2 * run.start()}, but not "
                "after it (another encoding's text there); save the whole file in one encoding",
                encoding=encoding, mixed=True)
    else:
        nul = text.find("\x00")
        if nul >= 0:
            raise UnsupportedSubtitleFormat(
                f"the file mixes encodings: NUL bytes from character {nul} of this {encoding} text (a UTF-16 "
                "part?); save the whole file in one encoding", encoding=encoding, mixed=True)


def _decode(data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], name.removesuffix("-sig"))
            if text is None:
                raise UnsupportedSubtitleFormat(f"bytes do not match their {name} BOM")
            return text, name
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    korean = _strict(data, "cp949")
    if korean is not None and _looks_korean(korean):
        return korean, "cp949"
    western = _strict(data, "cp1252")
    if western is not None and _looks_western(western):
        return western, "cp1252"
    best = from_bytes(data).best()
    if best is not None:
        return str(best), best.encoding
    if korean is not None:
        return korean, "cp949"
    nul = data.find(b"\x00")
    if nul >= 0:  # text with a UTF-16 part too small to be read as UTF-16
        raise UnsupportedSubtitleFormat(f"the file mixes encodings: NUL bytes from byte {nul} (a UTF-16 part?); save "
                                        "the whole file in one encoding", mixed=True)
    raise UnsupportedSubtitleFormat("unknown text encoding")


def _strict(data: bytes, codec: str) -> str | None:
    """Strict decoding that forgives one character cut off at the end (a truncated download)."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        cut = e.start if e.end == len(data) and e.start >= len(data) - 3 else None
    if cut is None:
        return None
    with contextlib.suppress(UnicodeDecodeError):
        return data[:cut].decode(codec)
    return None


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    for nuls, other, name in ((odd_nuls, even_nuls, "utf-16-le"), (even_nuls, odd_nuls, "utf-16-be")):
        # Subtitle text is mostly ASCII digits and punctuation: a NUL in well over a third of
        # one byte lane and almost none in the other is UTF-16.
        if nuls > half * 0.35 and other < half * 0.05:
            text = _strict(data, name)
            return (text, name) if text is not None else None
    return None


def _looks_korean(text: str) -> bool:
    non_ascii = {ch for ch in set(text) if ch > "\x7f"}
    if not non_ascii:
        return True
    in_ksx1001 = 0
    for ch in non_ascii:
        try:
            ch.encode("euc_kr")
        except UnicodeEncodeError:
            continue
        in_ksx1001 += 1
    return in_ksx1001 >= _KOREAN_SHARE * len(non_ascii)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WESTERN_PUNCTUATION = frozenset("‘’‚“”„–—…•«»°€£¥©®™·¡¿§¶×÷\xa0´¨ªº")


def _looks_western(text: str) -> bool:
    letters: list[int] = []
    for m in _NON_ASCII.finditer(text):
        ch = m.group()
        if ch in _WESTERN_PUNCTUATION:
            continue
        if not unicodedata.name(ch, "").startswith("LATIN "):
            return False
        letters.append(m.start())
    positions = set(letters)
    clustered = sum(1 for i in letters if i - 1 in positions or i + 1 in positions)
    return clustered <= 0.3 * len(letters)


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 0x20 and ch not in "\t\n\r\f\v")
    return "\x00" in sample or controls > len(sample) * 0.05
