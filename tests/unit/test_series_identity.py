"""One series per show: the series and the episode from a page's title (explainer.ingest.series)."""

from __future__ import annotations

import pytest

from explainer.ingest.series import identify, series_id_from, split_title


@pytest.mark.parametrize(("title", "series", "season", "episode"), [
    ("사내맞선 2화 | My Video Site", "사내맞선", None, 2),
    ("사내맞선2화", "사내맞선", None, 2),
    ("My Site | 사내맞선 10회", "사내맞선", None, 10),
    ("수첩 속의 봄 3화", "수첩 속의 봄", None, 3),
    ("Harbor Lights S01E02 The Pilot", "Harbor Lights", 1, 2),
    ("Show - Episode 2 | Site", "Show", None, 2),
    ("Show EP.2", "Show", None, 2),
    ("Season 2 Episode 3 - Show", "Show", 2, 3),
    ("Tom & Jerry Ep 12 - YouTube", "Tom & Jerry", None, 12),
    ("Apple E3 keynote", "Apple E3 keynote", None, None),  # a bare E3 is no episode marker
    ("Friends", "Friends", None, None),
])
def test_split_title(title: str, series: str, season: int | None, episode: int | None) -> None:
    parts = split_title(title)
    assert (parts.series_title, parts.season, parts.episode) == (series, season, episode)


def test_platform_identity_first_then_series_title_then_the_title() -> None:
    assert identify(platform="netflix", title="Pilot", show_id="80100172").series_id == "netflix-80100172"
    playlist = identify(platform="youtube", title="a", playlist_id="PLx", channel_id="UCy")
    assert playlist.series_id == "youtube-playlist-plx"
    assert identify(platform="youtube", title="a", channel_id="UCy").series_id == "youtube-channel-ucy"
    given = identify(platform="local", title="사내맞선 2화 | Site", series_title="사내 맞선")
    assert (given.series_id, given.title, given.title_given, given.episode) == ("사내-맞선", "사내 맞선", True, 2)
    derived = identify(platform="local", title="사내맞선 2화 | Site", episode=5)
    assert (derived.series_id, derived.title, derived.title_given) == ("사내맞선", "사내맞선", False)
    assert derived.episode == 5  # the caller's number wins over the title's
    assert series_id_from("수첩 속의 봄 3화") == series_id_from("수첩 속의 봄") == "수첩-속의-봄"
