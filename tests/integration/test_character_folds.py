"""A name analysis joins to a person later (a title form, in a later batch or episode) is folded
into that person's node, and re-running the episodes gives the same graph."""

from __future__ import annotations

from typing import Any

import pytest

from cli.local_ingest import ingest_files
from explainer.core.settings import Settings
from graph.stores import open_store
from tests.conftest import ServerInfo, fresh_store, graph_counts, make_settings

pytestmark = [pytest.mark.graph, pytest.mark.slow]


def _srt(lines: list[tuple[float, str]]) -> bytes:
    def stamp(seconds: float) -> str:
        ms = round(seconds * 1000)
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    return "\n".join(f"{n}\n{stamp(at)} --> {stamp(at + 2.5)}\n{text}\n"
                     for n, (at, text) in enumerate(lines, start=1)).encode()


def _item(series: str, episode: int, lines: list[tuple[float, str]]) -> dict[str, Any]:
    return {"registration": {"platform": "local", "video_id": f"{series}-e{episode:02d}",
                             "title": f"{series} {episode}", "series_title": series, "series_id": series,
                             "season": 1, "episode": episode, "language": "ko"},
            "data": _srt(lines), "filename": f"e{episode:02d}.srt"}


# Episode 1: 차실장 is called and answered by someone else, 차성훈 speaks in another scene; nothing
# yet says they are one person. Episode 2: 차실장 is called twice and 차성훈 answers both times.
EPISODE_1 = [
    (1.0, "강태무: 차실장, 회의 준비해."), (4.0, "신하리: 네, 알겠습니다."),
    (40.0, "강태무: 차실장, 커피 좀 부탁해."), (43.0, "신하리: 네, 바로 갈게요."),
    (200.0, "차성훈: 안녕하세요, 다들."), (203.0, "신하리: 차성훈 씨, 안녕하세요."),
]
EPISODE_2 = [
    (1.0, "강태무: 차실장, 서류 가져와."), (4.0, "차성훈: 네, 사장님."),
    (7.0, "강태무: 차실장, 빨리 와."), (10.0, "차성훈: 네, 갑니다."),
]
# One episode, one segment per analysis batch: 차실장 in the first batches, the join in a later one.
ONE_EPISODE = [
    (1.0, "강태무: 차실장, 회의 준비해."), (4.0, "신하리: 네, 알겠습니다."),
    (40.0, "강태무: 차실장, 커피 좀 부탁해."), (43.0, "신하리: 네, 바로 갈게요."),
    (200.0, "차성훈: 안녕하세요, 다들."), (203.0, "신하리: 차성훈 씨, 안녕하세요."),
    (300.0, "강태무: 차실장, 서류 가져와."), (303.0, "차성훈: 네, 사장님."),
    (306.0, "강태무: 차실장, 빨리 와."), (309.0, "차성훈: 네, 갑니다."),
]


async def _characters(settings: Settings, series: str) -> dict[str, dict[str, Any]]:
    store = open_store(settings)
    try:
        rows = await store.read("series_entities", seriesId=series)
        return {r["name"]: r for r in rows if r["type"] == "character"}
    finally:
        await store.close()


@pytest.fixture
async def fold_settings(embedded_server: ServerInfo) -> Settings:
    settings = make_settings(embedded_server, graph_name="explainer_folds")
    store = await fresh_store(settings)
    await store.close()
    return settings


async def test_a_title_form_joined_in_a_later_episode_folds_the_earlier_node(fold_settings: Settings) -> None:
    items = [_item("folds", 1, EPISODE_1), _item("folds", 2, EPISODE_2)]
    await ingest_files(fold_settings, items[:1])
    first = await _characters(fold_settings, "folds")
    assert {"차실장", "차성훈"} <= set(first)  # two nodes while nothing joins them

    await ingest_files(fold_settings, items[1:])
    people = await _characters(fold_settings, "folds")
    assert "차실장" not in people
    assert "차실장" in people["차성훈"]["aliases"]
    store = open_store(fold_settings)
    try:
        videos = [r["videoId"] for r in await store.read("entity_videos", id=people["차성훈"]["id"])]
        assert videos == ["folds-e01", "folds-e02"]  # episode 1's 차실장 mentions moved over
        before = await graph_counts(store)
        await ingest_files(fold_settings, items)  # a re-run of both episodes
        assert await graph_counts(store) == before
        assert set(await _characters(fold_settings, "folds")) == set(people)
    finally:
        await store.close()


async def test_a_title_form_joined_in_a_later_batch_is_one_node(embedded_server: ServerInfo) -> None:
    settings = make_settings(embedded_server, graph_name="explainer_folds_batches", analysis_batch_size=1)
    store = await fresh_store(settings)
    try:
        item = _item("batches", 1, ONE_EPISODE)
        await ingest_files(settings, [item])
        people = await _characters(settings, "batches")
        assert "차실장" not in people and "차실장" in people["차성훈"]["aliases"]
        before = await graph_counts(store)
        await ingest_files(settings, [item])
        assert await graph_counts(store) == before
    finally:
        await store.close()
