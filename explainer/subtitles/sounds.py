"""Is a bracketed annotation a sound or manner description (`[웃음]`, `(sighs)`, `[문 여는 소리]`)?

Captions for the deaf and hard of hearing put two kinds of things in brackets: descriptions of
sounds and manners, which we drop, and speaker names (`(미소)`, `[MONICA]`), which
`speakers.py` recognises. Anything that is neither (`[화면 자막]`, `(아마)` mid-sentence) is
kept as the viewer reads it. The rules, in order:

- a known sound/manner word anywhere (Korean stems, English words with their inflections);
- Korean descriptive endings: `…소리`, `…며`/`…면서`, `…듯`, `…게`, `…는`, `…다`
  (`웃으며`, `작게`, `떨리는`, `한숨 쉰다`); names practically never end so;
- Korean onomatopoeia (`쾅`, `쾅쾅`, `하하하`, `딩동`);
- English written all in lower case (`[door creaks]`): names are capitalised;
- an English `-ing`/`-ly` word (`(Whispering)`, `(QUIETLY)`) that is no first name (`LILY:`,
  `(EMILY)` name someone).
"""

from __future__ import annotations

import re
from functools import lru_cache

from explainer.reading.gender import name_prior

_KOREAN_STEMS = (
    "웃음", "웃는", "웃으", "웃다", "미소 짓", "한숨", "음악", "박수", "울음", "우는", "울먹", "흐느", "기침",
    "헛기침", "노래", "콧노래", "흥얼", "비명", "환호", "함성", "탄성", "휘파람", "초인종", "벨소리", "발소리",
    "노크", "총성", "총소리", "폭발", "천둥", "효과음", "배경음", "내레이션", "나레이션", "신음", "헐떡", "코웃음",
    "키득", "킥킥", "훌쩍", "침묵", "정적", "사이렌", "경적", "알림음", "숨소리", "속삭", "혼잣말", "중얼",
    "웅성", "통화", "전화", "방송", "라디오", "영어", "일본어", "중국어", "독백", "회상", "긴장감", "잔잔한",
    "경쾌한", "감미로운", "흥겨운", "웅장한", "음향", "반주", "멜로디", "하품", "재채기", "딸꾹", "코골",
    "숨을", "숨 ", "문 여", "문 닫", "문이 ", "소음", "진동음", "한숨짓", "소리친", "외친", "외침",
)
# Endings of descriptions at any length, and endings that need more than two syllables
# (a two-syllable `…소리`/`…는`/`…다` may well be a name: 소리, 하는).
_KOREAN_ENDINGS = ("며", "면서", "듯", "듯이", "게", "채")
_KOREAN_LONG_ENDINGS = ("소리", "는", "다")
# Single syllables, known words, or a repeated syllable or pair (쾅쾅, 하하하, 킥킥); looser
# rules would take names made of the same syllables (동하, 호동) for noises.
_ONOMATOPOEIA = re.compile(
    r"(?:[헉휴흥쿵탁쾅흠쉿훗흑읍윽악]|딩동|띵동|찰칵|철컥|덜컹|쨍그랑|우당탕|부스럭|([가-힣]{1,2})\1+)[.!?~…]*"
)
_ENGLISH_WORDS = re.compile(
    r"\b(?:laugh|chuckle|giggle|snicker|sigh|gasp|groan|moan|sob|cries|cry|crying|scream|shout|yell"
    r"|whisper|mutter|mumble|grunt|pant|sniff|sniffle|cough|sneeze|clears throat|hum|sing|music|song"
    r"|applause|applaud|clap|cheer|door|knock|ring|phone|bell|buzz|beep|footstep|thud|crash|bang"
    r"|gunshot|gunfire|explosion|thunder|rain|wind|siren|horn|engine|bark|indistinct|chatter|crowd"
    r"|silence|static|tv|radio|narrat(?:or|ion|ing)|voice-?over|v\.o|o\.s|o\.c|off-?screen"
    r"|in (?:korean|english|japanese|chinese|french|spanish)|continue|sound|noise|laughter|exhale"
    r"|inhale|breath|breathe|scoff|snort|kiss|slam|creak|rustle|click|whoosh|splash|beat|pause)"
    r"(?:s|es|ed|d|ing|ter)?\b",
    re.IGNORECASE,
)
_HAS_LATIN = re.compile(r"[A-Za-z]")
_HAS_UPPER = re.compile(r"[A-Z]")
_MANNER_WORD = re.compile(r"\b[A-Za-z]{2,}(?:ing|ly)\b", re.IGNORECASE)
_HANGUL_WORD = re.compile(r"^[가-힣 ]+$")


_KOREAN_STEM = re.compile("|".join(map(re.escape, _KOREAN_STEMS)))


def _first_name(text: str) -> bool:
    words = text.split()
    return len(words) <= 2 and name_prior(words[0]) != 0.0


@lru_cache(maxsize=4096)  # the same few annotations and names recur all through a file
def is_sound_annotation(content: str) -> bool:
    """True if the inside of a bracket describes a sound or a manner rather than naming someone."""
    text = content.strip()
    if not text:
        return True
    if _KOREAN_STEM.search(text) or _ONOMATOPOEIA.fullmatch(text):
        return True
    if _HANGUL_WORD.match(text) and (
        text.endswith(_KOREAN_ENDINGS) or (len(text) > 2 and text.endswith(_KOREAN_LONG_ENDINGS))
    ):
        return True
    if _HAS_LATIN.search(text):
        if _ENGLISH_WORDS.search(text) or (_MANNER_WORD.search(text) and not _first_name(text)):
            return True  # (SOFTLY), (SHOUTING) — but LILY, EMILY, BILLY are names
        if not _HAS_UPPER.search(text):
            return True
    return False
