"""What the wiki layer hands to the rest of the product: plain text, never markup."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from explainer.core.errors import ExternalServiceError

WikiKind = Literal["namuwiki", "wikipedia"]


def utc_now() -> datetime:
    return datetime.now(UTC)


class WikiCharacter(BaseModel):
    name: str
    aliases: list[str] = Field(default_factory=list)
    description: str = ""
    actor: str | None = None  # the performer, never mixed into `name`


class WikiPage(BaseModel):
    kind: WikiKind
    url: str
    title: str
    language: str
    summary: str = ""
    infobox: dict[str, str] = Field(default_factory=dict)
    characters: list[WikiCharacter] = Field(default_factory=list)
    # The whole story, later episodes included: a spoiler by nature. Keep it for the data team
    # and for matching, never as context for an explanation.
    plot: str = ""
    fetched_at: datetime = Field(default_factory=utc_now)

    @property
    def is_empty(self) -> bool:
        """Nothing was extracted: the page layout is not one the parser knows."""
        return not (self.summary or self.infobox or self.characters or self.plot)

    def infobox_value(self, field: str) -> str | None:
        """A well-known infobox field by its English name (`broadcaster`, `air_dates`, `cast`,
        …) whatever label the page used (방송사, Network, 방송 기간, Original release, …)."""
        for label in INFOBOX_LABELS.get(field, (field,)):
            for key, value in self.infobox.items():
                if key.casefold() == label.casefold():
                    return value
        return None


INFOBOX_LABELS: dict[str, tuple[str, ...]] = {
    "broadcaster": ("방송사", "방송 채널", "채널", "방송국", "Network", "Original network", "Broadcaster"),
    "air_dates": ("방송 기간", "방영 기간", "방송기간", "방영기간", "Original release", "Release", "Aired"),
    "cast": ("출연", "출연자", "주연", "출연진", "Starring", "Cast"),
    "genre": ("장르", "Genre"),
    "episodes": ("회차", "방송 횟수", "방송횟수", "No. of episodes", "Episodes"),
    "writer": ("극본", "각본", "Written by", "Writer", "Screenplay by"),
    "director": ("연출", "감독", "Directed by", "Director"),
}


class WikiFailure(BaseModel):
    source: WikiKind
    url: str
    code: str  # not_found, rate_limited, server_error, http_error, timeout, layout, …
    message: str
    retry_after: float | None = None


class WikiFetchReport(BaseModel):
    pages: list[WikiPage] = Field(default_factory=list)
    failures: list[WikiFailure] = Field(default_factory=list)


class WikiResponseError(ExternalServiceError):
    """A wiki answered, but not with a page we can use (missing page, API error, a layout the
    parser finds nothing in). `reason` in the context is the failure code."""

    def __init__(self, message: str, *, reason: str, url: str, **context: Any) -> None:
        super().__init__(message, reason=reason, url=url, **context)
