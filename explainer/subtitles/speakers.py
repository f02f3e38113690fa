"""Speaker labels of captions for the deaf and hard of hearing.

A label opens a dialogue turn and is followed by what is said:
`(미소) 안녕하세요`, `[김비서] 네`, `[MONICA] Hi`, `MONICA: Hi`, `미소: 안녕`, `이영준 부회장: 김비서`.
It is a label only if the token is name-like:

- Hangul of 1-5 syllables, optionally with a title or kinship word (`김비서`, `김 비서`,
  `이영준 부회장`, `박 형사`) and a number (`남자 1`);
- English: one to three Capitalised or ALL-CAPS words, optionally after an honorific and with a
  number (`Monica`, `DR. KIM`, `Man #2`);

and not a sound or manner description (`sounds.py`) nor opened by a common English word that
starts sentences or titles (`Look: …`, `Note: …`, `Chapter 1: …`). A name-like bracket with
nothing after it is not a label.
"""

from __future__ import annotations

import re
from functools import lru_cache

from explainer.subtitles.sounds import is_sound_annotation
from explainer.text import en, ko

_HANGUL_NAME = re.compile(r"[가-힣]{1,5}(?: ?(?:" + "|".join(ko.SPEAKER_LABEL_TITLES) + r"))?(?: ?\d{1,2})?")
_ENGLISH_NAME = re.compile(
    r"(?:(?:Dr|DR|Mr|MR|Mrs|MRS|Ms|MS|Prof|PROF|Sgt|SGT|Det|DET|Capt|CAPT)\.? )?"
    r"[A-Z][A-Za-z'’.-]*(?: [A-Z][A-Za-z'’.-]*){0,2}(?: ?#?\d{1,2})?"
)
_OPEN = "[(（【"
_BRACKET_LABEL = re.compile(r"[\[(（【]\s*([^\[\]()（）【】]{1,30}?)\s*[\])）】]\s*[:：]?\s*(.*)", re.DOTALL)
_COLON_LABEL = re.compile(r"([^:：\[\]()（）【】]{1,30}?)\s*[:：]\s*(.+)", re.DOTALL)


@lru_cache(maxsize=4096)
def is_name_like(token: str) -> bool:
    token = " ".join(token.split())
    if not token or is_sound_annotation(token):
        return False
    if _HANGUL_NAME.fullmatch(token):
        return True
    first_word = token.split()[0].lower().rstrip(".")
    return bool(_ENGLISH_NAME.fullmatch(token)) and first_word not in en.LABEL_OPENERS


def split_speaker_label(turn: str) -> tuple[str | None, str]:
    """('미소', '안녕하세요') for '(미소) 안녕하세요'; (None, turn) when the turn has no label."""
    if turn[:1] in _OPEN:
        m = _BRACKET_LABEL.fullmatch(turn)
    elif ":" in turn[:32] or "：" in turn[:32]:
        m = _COLON_LABEL.fullmatch(turn)
    else:
        return None, turn
    if m is None:
        return None, turn
    name, rest = " ".join(m.group(1).split()), m.group(2).strip()
    if not rest or not is_name_like(name):
        return None, turn
    return name, rest
