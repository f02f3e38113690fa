"""How often a segment names an entity: whole words only."""

from __future__ import annotations

from explainer.ingest.pipeline import Segment, _occurrences
from explainer.subtitles.model import Cue


def segment(*texts: str) -> Segment:
    return Segment(index=0, start=0.0, end=30.0,
                   cues=[Cue(index=i, start=2.0 * i, end=2.0 * i + 1.5, text=t) for i, t in enumerate(texts)])


def test_a_name_inside_another_word_is_no_mention() -> None:
    assert _occurrences(segment("We walked across the park.", "Ross? Ross's coat is here."), ["Ross"]) == (2, 2.0)


def test_a_korean_name_counts_with_its_particle_but_not_inside_a_longer_name() -> None:
    assert _occurrences(segment("김민우 왔어?", "민우가 왔어.", "민우한테 물어봐."), ["민우"]) == (2, 2.0)
