"""How often a segment names an entity (whole words only), and which of its names were said."""

from __future__ import annotations

from explainer.ingest.pipeline import Segment, _occurrences
from explainer.subtitles.model import Cue


def segment(*texts: str) -> Segment:
    return Segment(index=0, start=0.0, end=30.0,
                   cues=[Cue(index=i, start=2.0 * i, end=2.0 * i + 1.5, text=t) for i, t in enumerate(texts)])


def test_a_name_inside_another_word_is_no_mention() -> None:
    said = segment("We walked across the park.", "Ross? Ross's coat is here.")
    assert _occurrences(said, ["Ross"]) == (2, 2.0, ["Ross"])


def test_a_korean_name_counts_with_its_particle_but_not_inside_a_longer_name() -> None:
    assert _occurrences(segment("김민우 왔어?", "민우가 왔어.", "민우한테 물어봐."), ["민우"]) == (2, 2.0, ["민우"])


def test_the_names_said_are_recorded_as_the_entity_writes_them() -> None:
    said = Segment(index=0, start=0.0, end=30.0, cues=[
        Cue(index=0, start=0.0, end=1.5, text="Hi.", speaker="PETE"),
        Cue(index=1, start=2.0, end=3.5, text="pete, come on."),
        Cue(index=2, start=4.0, end=5.5, text="Mr. Becker is late.")])
    assert _occurrences(said, ["Pete", "Peter Becker", "Mr. Becker"]) == (3, 0.0, ["Mr. Becker", "Pete"])
