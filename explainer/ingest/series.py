"""Which series a video belongs to, and which episode it is.

The platform's own identity wins (Netflix's show id, a YouTube playlist or channel), then an
explicit series title, then the video's title with its episode marker (`2화`, `EP.2`, `S01E02`,
`Episode 2`) and any `| site name` part removed. A title never becomes the series title whole:
"사내맞선 2화 | My Video Site" is episode 2 of 사내맞선, not a series of its own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from explainer.core.errors import InvalidRequest

# an episode marker, with the season before it when the title has one
_MARKER = re.compile(
    r"(?:(?<![A-Za-z0-9])(?:season|시즌)\s*(?P<season>\d{1,2})\s*[,:\-–]?\s*)?"
    r"(?:(?<![A-Za-z0-9])s(?P<s>\d{1,2})\s*[.:]?\s*e(?P<e>\d{1,3})"
    r"|(?<![A-Za-z0-9])(?:episode|ep|에피소드)\s*\.?\s*(?P<ep>\d{1,3})"
    r"|(?<!\d)(?P<ko>\d{1,3})\s*(?:화|회)"
    r"|#(?P<hash>\d{1,3}))"
    r"(?![A-Za-z0-9])", re.IGNORECASE)
# "Show 3화 | My Video Site", "Show｜Site", "Show - YouTube"
_SITE_SEPARATOR = re.compile(r"\s+[|｜]\s+|\s*[|｜]\s*(?=\S)")
_PLATFORM_SUFFIX = re.compile(r"\s*[-–—|]\s*(?:YouTube|Netflix|넷플릭스)\s*$", re.IGNORECASE)
_EDGE_PUNCTUATION = " \t-–—:|｜·,."


@dataclass(frozen=True, slots=True)
class SeriesIdentity:
    series_id: str
    title: str  # the series' title: explicit, else derived from the episode's title
    title_given: bool  # an explicit series title (it may rename the series); a derived one never does
    season: int | None
    episode: int | None


@dataclass(frozen=True, slots=True)
class TitleParts:
    series_title: str
    season: int | None
    episode: int | None


def split_title(title: str) -> TitleParts:
    """`사내맞선 2화 | My Video Site` → (사내맞선, None, 2); `Harbor Lights S01E02 The Pilot` →
    (Harbor Lights, 1, 2). A title without a marker is its own series title (site part removed)."""
    text = _PLATFORM_SUFFIX.sub("", unicodedata.normalize("NFKC", title)).strip()
    parts = [p.strip() for p in _SITE_SEPARATOR.split(text) if p.strip()] or [text]
    # the part with the episode marker is the episode's; otherwise the first (the site comes last)
    part = next((p for p in parts if _MARKER.search(p)), parts[0])
    found = _MARKER.search(part)
    if not found:
        return TitleParts(part.strip(_EDGE_PUNCTUATION) or part, None, None)
    before = part[:found.start()].strip(_EDGE_PUNCTUATION)
    after = part[found.end():].strip(_EDGE_PUNCTUATION)
    season = found["season"] or found["s"]
    episode = found["e"] or found["ep"] or found["ko"] or found["hash"]
    return TitleParts(before or after or part, int(season) if season else None, int(episode) if episode else None)


def slug(text: str) -> str:
    base = unicodedata.normalize("NFKC", text).strip()
    value = re.sub(r"[^\w]+", "-", base.lower(), flags=re.UNICODE).strip("-_")
    if not value:
        raise InvalidRequest("a series title or id is needed")
    return value[:100]


def series_id_from(title: str) -> str:
    """`수첩 속의 봄 3화`, `수첩 속의 봄` and `수첩 속의 봄 3화 | Site` give the same series id."""
    return slug(split_title(title).series_title)


def platform_series_id(platform: str, *, show_id: str | None = None, playlist_id: str | None = None,
                       channel_id: str | None = None) -> str | None:
    """The series id the platform's own identity gives, if the page had one."""
    if platform == "netflix" and show_id:
        return slug(f"netflix-{show_id}")
    if platform == "youtube" and playlist_id:
        return slug(f"youtube-playlist-{playlist_id}")
    if platform == "youtube" and channel_id:
        return slug(f"youtube-channel-{channel_id}")
    return None


def identify(*, platform: str, title: str, series_id: str | None = None, series_title: str | None = None,
             show_id: str | None = None, playlist_id: str | None = None, channel_id: str | None = None,
             season: int | None = None, episode: int | None = None) -> SeriesIdentity:
    """The series of a video and its place in it, from what the caller knows (see the module)."""
    parts = split_title(title)
    given = series_title.strip() if series_title and series_title.strip() else None
    resolved = (slug(series_id) if series_id
                else platform_series_id(platform, show_id=show_id, playlist_id=playlist_id, channel_id=channel_id)
                or slug(split_title(given).series_title if given else parts.series_title))
    return SeriesIdentity(series_id=resolved, title=given or parts.series_title, title_given=given is not None,
                          season=season if season is not None else parts.season,
                          episode=episode if episode is not None else parts.episode)
