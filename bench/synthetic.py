"""Synthetic subtitle files for benchmarks: deterministic Korean drama-like lines."""

from __future__ import annotations

import random

NAMES = ["한미소", "강태호", "김수진", "박준호", "서도윤", "한지훈", "이유나", "최민재"]
CALLS = ["{g} 씨", "{g}야", "{n}", "{g}가", "{g}는", "{g}한테"]
PLACES = ["회사", "정류장", "카페", "병원", "옥상", "편의점", "공원"]
TEMPLATES = [
    "{a}, 오늘 {p}에서 뭐 했어?", "그때 그 사람이 {b}였어.", "{a} 말이 맞아요. {p}로 가요.",
    "거기서 {b}를 봤다고?", "잠깐만요, {a}. 그 수첩 어디 있어요?", "{b}는 아직 모르는 것 같아.",
    "내일 {p}에서 회의 있어요.", "그분이 누군지 알아요?", "{a}, 괜찮아요? 얼굴이 안 좋아 보여요.",
    "그거 {b}가 준 거예요.", "봄은 늘 늦게 와요. 그래도 와요.", "{a}가 {p}에 갔대요.",
]


def _call(name: str, rng: random.Random) -> str:
    given = name[1:]
    return rng.choice(CALLS).format(g=given, n=name)


def srt_time(seconds: float) -> str:
    ms = int(round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def synthetic_episode(seed: int, cues: int = 900, minutes: float = 60.0) -> bytes:
    rng = random.Random(seed)
    step = minutes * 60 / cues
    blocks = []
    for i in range(cues):
        start = i * step + rng.uniform(0, 0.3)
        end = start + min(step - 0.4, rng.uniform(1.5, 3.6))
        a, b = rng.sample(NAMES, 2)
        text = rng.choice(TEMPLATES).format(a=_call(a, rng), b=_call(b, rng), p=rng.choice(PLACES))
        if rng.random() < 0.15:
            text = f"[{a[1:]}] {text}"
        blocks.append(f"{i + 1}\n{srt_time(start)} --> {srt_time(end)}\n{text}\n")
    return "\n".join(blocks).encode("utf-8")
