"""The first wave's lines stand in for the cue read and the replay read only when they hold every
line those reads would return; otherwise `between` says so and the caller reads them."""

from __future__ import annotations

from explainer.explain.context import EpisodeLines
from graph.stores import Row


def _lines(starts: list[float], *, since: float = 0.0, until: float = 100.0, limit: int = 10) -> EpisodeLines:
    rows: list[Row] = [{"id": f"l{i}", "start": s, "end": s + 1, "text": f"line {i}"} for i, s in enumerate(starts)]
    return EpisodeLines(video_id="v", since=since, until=until, limit=limit, rows=rows)


def test_a_read_that_holds_every_line_answers_any_window_inside_it() -> None:
    lines = _lines([1.0, 5.0, 9.0, 20.0, 30.0])
    assert [r["start"] for r in lines.between(4.0, 25.0, 10) or []] == [5.0, 9.0, 20.0]
    assert [r["start"] for r in lines.between(0.0, 100.0, 2) or []] == [20.0, 30.0]  # the latest, oldest first
    assert lines.between(0.0, 100.0, 10) is not None


def test_a_window_outside_the_read_is_read_again() -> None:
    lines = _lines([10.0, 20.0], since=5.0, until=50.0)
    assert lines.between(0.0, 30.0, 10) is None
    assert lines.between(10.0, 60.0, 10) is None


def test_a_read_cut_at_its_limit_answers_only_what_it_surely_holds() -> None:
    cut = _lines([10.0, 11.0, 12.0, 13.0], limit=4)  # there may be more lines before 10.0
    assert [r["start"] for r in cut.between(10.5, 13.0, 10) or []] == [11.0, 12.0, 13.0]  # starts after the cut
    assert [r["start"] for r in cut.between(0.0, 13.0, 3) or []] == [11.0, 12.0, 13.0]  # the latest 3 are here
    assert cut.between(0.0, 13.0, 10) is None  # lines before 10.0 may be missing
    assert cut.between(0.0, 13.0, 4) is None  # another line may start at 10.0 too
