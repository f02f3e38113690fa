"""The offline provider's local embeddings: shape, determinism, and paraphrase retrieval."""

from __future__ import annotations

import numpy as np
import pytest

from explainer.core.settings import Settings
from explainer.llm.offline import OfflineProvider

KOREAN_LINES = [
    "미소 씨가 어제 강남역 카페에서 민준 씨를 만났대요.",
    "김비서는 부회장님 일정을 전부 외우고 있어요.",
    "그 수첩에 적힌 전화번호로 연락해 봤어?",
    "교통사고가 난 날 밤에 병원에서 누가 기다렸는지 기억나?",
    "회의는 내일 아침 아홉 시로 미뤄졌습니다.",
    "오늘 점심은 회사 앞 식당에서 먹자.",
    "비가 너무 많이 와서 우산을 샀어.",
    "엄마가 김치찌개를 끓여 놓고 기다리셨어.",
    "결혼식 청첩장이 벌써 도착했더라.",
    "이 계약서에 서명하시면 모든 게 끝납니다.",
    "주말에 바다 보러 갈래?",
    "강아지가 아파서 동물병원에 다녀왔어.",
    "시험 공부는 도서관에서 하는 게 좋아.",
    "사장님이 새 프로젝트를 발표하셨어요.",
    "지하철이 끊겨서 택시를 탔어요.",
    "생일 선물로 목걸이를 받았어.",
    "경찰이 그 사건을 다시 조사한대.",
    "이 노래 들으면 학창 시절이 생각나.",
    "편의점에서 라면이랑 김밥을 샀어.",
    "다음 달에 부산으로 이사 가요.",
    "아버지가 쓰러지셨다는 전화를 받았어.",
    "커피 한 잔 하면서 얘기 좀 해요.",
]
ENGLISH_LINES = [
    "Jane met Tom at the coffee shop near the station yesterday.",
    "The secretary memorised every meeting on the vice chairman's schedule.",
    "Did you call the phone number written in that notebook?",
    "Do you remember who was waiting at the hospital the night of the accident?",
    "The meeting has been postponed to nine tomorrow morning.",
    "Let's have lunch at the restaurant in front of the office.",
    "It rained so hard that I bought an umbrella.",
    "Mom made kimchi stew and waited for us.",
    "The wedding invitation already arrived.",
    "Once you sign this contract, everything is over.",
    "Do you want to go see the ocean this weekend?",
    "My dog was sick so I went to the vet.",
    "The library is the best place to study for exams.",
    "The boss announced a new project this morning.",
    "The subway stopped running, so I took a taxi.",
    "I got a necklace as a birthday present.",
    "The police are reopening the investigation into that case.",
    "This song reminds me of my school days.",
    "I bought ramen and gimbap at the convenience store.",
    "We are moving to Busan next month.",
    "I got a call saying my father collapsed.",
    "Let's talk over a cup of coffee.",
]
PARAPHRASES = [
    ("어제 민준이랑 미소가 강남역 근처 카페에서 만났다고 들었어.", KOREAN_LINES, 0),
    ("수첩에 적혀 있던 번호로 전화해 봤어요?", KOREAN_LINES, 2),
    ("회의가 내일 오전 아홉 시로 연기됐어요.", KOREAN_LINES, 4),
    ("그 사고 난 밤 병원에서 기다리던 사람 기억해?", KOREAN_LINES, 3),
    ("Yesterday Tom and Jane met at a coffee shop by the station.", ENGLISH_LINES, 0),
    ("Did you try calling the number in the notebook?", ENGLISH_LINES, 2),
    ("They postponed the meeting until tomorrow at nine in the morning.", ENGLISH_LINES, 4),
    ("I bought gimbap and ramen at a convenience store.", ENGLISH_LINES, 18),
]


@pytest.fixture(scope="module")
def provider() -> OfflineProvider:
    return OfflineProvider(Settings())


async def test_vectors_have_the_configured_dimension_and_unit_length(provider: OfflineProvider) -> None:
    vectors = await provider.embed(["안녕하세요", "hello there", ""])
    assert [len(v) for v in vectors] == [768, 768, 768]
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0)
    assert np.linalg.norm(vectors[1]) == pytest.approx(1.0)
    assert not any(vectors[2])  # nothing to embed: the zero vector
    assert await provider.embed([]) == []
    # English text needs no morphology: a fresh provider does not even load kiwipiepy
    small = await OfflineProvider(Settings(embedding_dim=64)).embed(["hello there"])
    assert len(small[0]) == 64


async def test_embeddings_are_deterministic(provider: OfflineProvider) -> None:
    texts = ["미소 씨가 카페에서 기다려요.", "Jane is waiting at the cafe."]
    assert await provider.embed(texts) == await provider.embed(texts)
    # the hash is stable (blake2b, not hash()): a fresh instance gives the same vector
    assert (await OfflineProvider(Settings()).embed(texts[1:])) == (await provider.embed(texts[1:]))


@pytest.mark.parametrize(("paraphrase", "originals", "expected"), PARAPHRASES)
async def test_a_paraphrase_finds_its_original(provider: OfflineProvider, paraphrase: str,
                                               originals: list[str], expected: int) -> None:
    vectors = np.asarray(await provider.embed([*originals, paraphrase]))
    scores = vectors[:-1] @ vectors[-1]
    ranking = np.argsort(-scores)
    assert ranking[0] == expected, [originals[i] for i in ranking[:3]]
    assert scores[expected] > 0.3


async def test_particles_do_not_change_the_words(provider: OfflineProvider) -> None:
    one, two, other = np.asarray(await provider.embed(["미소가 민준을", "미소는 민준이랑", "부산 바다"]))
    assert one @ two > 0.8
    assert one @ other < 0.3
