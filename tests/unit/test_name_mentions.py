"""The graph stage links every known person to each segment whose lines name them, also where
the batch that saw the segment did not yet know the name was a person's."""

from __future__ import annotations

from explainer.ingest.pipeline import EpisodeGraph, Segment
from explainer.ingest.resolution import EntityResolver
from explainer.llm.base import BatchAnalysis, FoundEntity, FoundReference
from explainer.subtitles import Cue
from graph.repositories.videos import VideoRecord


def _video(language: str) -> VideoRecord:
    return VideoRecord(id="v", status="processing", progress=0, step=None, error=None, error_code=None,
                       title=None, platform=None, season=1, episode=2, ordinal=2, duration=None, language=language,
                       series_id="s", series_title=None, registered_at=None, processed_at=None,
                       subtitle_url=None, callback_url=None, degraded=False, llm={})


def _segments(*scenes: list[str]) -> list[Segment]:
    segments, number = [], 0
    for index, lines in enumerate(scenes):
        cues = []
        for k, text in enumerate(lines):
            cues.append(Cue(index=number, start=30.0 * index + 3.0 * k + 1, end=30.0 * index + 3.0 * k + 3,
                            text=text))
            number += 1
        segments.append(Segment(index=index, start=30.0 * index, end=30.0 * index + 30, cues=cues))
    return segments


def _graph(language: str, segments: list[Segment], analyses: list[BatchAnalysis],
           existing: list[dict[str, object]] | None = None, earlier: list[str] | None = None) -> EpisodeGraph:
    graph = EpisodeGraph(_video(language), segments, EntityResolver("s", existing or []))
    graph.add_found_entities(analyses)
    graph.add_speakers()
    graph.add_name_mentions(earlier or [], analyses)
    return graph


def _linked(graph: EpisodeGraph) -> dict[str, list[tuple[int, int, float]]]:
    linked: dict[str, list[tuple[int, int, float]]] = {}
    for (entity_id, index), slot in sorted(graph.mentions.items()):
        linked.setdefault(graph.touched[entity_id].name, []).append((index, slot["count"], slot["firstAt"]))
    return linked


def test_a_name_said_before_the_batch_that_shows_it_is_a_person_is_linked_there_too() -> None:
    segments = _segments(["Did you see the dress?", "I can't believe Mindy kept it. Mindy!"],
                         ["Across the street.", "Nothing."],
                         ["Hey, Mindy.", "Mindy, this is Barry."])
    first = BatchAnalysis(entities=[])  # segments 0-1: Mindy is only a capitalised word yet
    second = BatchAnalysis(entities=[FoundEntity(name="Mindy", type="character", segments=[2])])
    graph = _graph("en", segments, [first, second])
    assert _linked(graph) == {"Mindy": [(0, 2, 4.0), (2, 2, 61.0)]}
    # a re-run of the stage gives the same links
    assert _linked(_graph("en", segments, [first, second])) == _linked(graph)


def test_people_of_earlier_episodes_are_linked_and_words_inside_others_are_not() -> None:
    existing = [{"id": "s:character:ross", "name": "Ross Geller", "type": "character", "aliases": ["Ross"]},
                {"id": "s:location:perk", "name": "Central Perk", "type": "location", "aliases": []}]
    segments = _segments(["Ross's sandwich is across the hall.", "Rossini played. Central Perk, Ross Geller."],
                         ["Ross? ross."])
    graph = _graph("en", segments, [BatchAnalysis()], existing, earlier=["s:character:ross", "s:location:perk"])
    # Ross's, and Ross Geller once; not across, Rossini, or the lower-case word; no place
    assert _linked(graph) == {"Ross Geller": [(0, 2, 1.0), (1, 1, 31.0)]}
    assert _linked(_graph("en", segments, [BatchAnalysis()], existing, earlier=[])) == {}


def test_korean_names_with_particles_attached_are_linked() -> None:
    segments = _segments(["미소가 어디 갔어?", "지훈이한테 물어봐."], ["미소야, 지훈 씨랑 밥 먹자.", "미소는 웃었다."])
    analysis = BatchAnalysis(entities=[FoundEntity(name="한미소", type="character", aliases=["미소"], segments=[1]),
                                       FoundEntity(name="지훈", type="character", segments=[1])])
    linked = _linked(_graph("ko", segments, [analysis]))
    assert linked == {"한미소": [(0, 1, 1.0), (1, 2, 31.0)], "지훈": [(0, 1, 4.0), (1, 1, 31.0)]}


def test_an_ambiguous_name_links_no_one() -> None:
    existing = [{"id": "s:character:rossgeller", "name": "Ross Geller", "type": "character", "aliases": ["Doc"]},
                {"id": "s:character:rossbing", "name": "Ross Bing", "type": "character", "aliases": ["Doc"]}]
    segments = _segments(["Doc said so.", "Ross said so."], ["Hey Doc.", "Emily and Ross Bing."])
    analysis = BatchAnalysis(entities=[FoundEntity(name="Emily", type="character", segments=[1])])
    graph = _graph("en", segments, [analysis], existing, earlier=[e["id"] for e in existing])
    # Doc is an alias of two people, Ross the given name of two: neither names anyone
    assert _linked(graph) == {"Emily": [(1, 1, 34.0)], "Ross Bing": [(1, 1, 34.0)]}


def test_a_name_analysis_read_as_someone_else_in_that_segment_stays_theirs() -> None:
    existing = [{"id": "s:character:pete", "name": "Pete", "type": "character", "aliases": []}]
    segments = _segments(["Hey, Pete, you're back!"], ["What about Pete?"])
    analysis = BatchAnalysis(
        entities=[FoundEntity(name="Peter Becker", type="character", segments=[0])],
        references=[FoundReference(segment=0, expression="Pete", at=1.0, referent="Peter Becker", confidence=0.95)])
    linked = _linked(_graph("en", segments, [analysis], existing, earlier=["s:character:pete"]))
    assert linked == {"Peter Becker": [(0, 1, 0.0)], "Pete": [(1, 1, 31.0)]}
