"""What a reading of a batch of dialogue takes and gives: the lines, the entities already known,
and the entities, references, relations and segment facts found. Both providers speak it (the
offline reader in this package, Gemini through `explainer.llm`); `explainer.llm.base` re-exports it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

EntityType = Literal["character", "location", "event", "concept", "object"]


# --- analysis input --------------------------------------------------------------------------

class LineInput(BaseModel):
    start: float
    end: float
    text: str
    speaker: str | None = None
    lyric: bool = False  # sung (♪ … ♪): refers to nobody of the scene


class SegmentInput(BaseModel):
    index: int
    start: float
    end: float
    lines: list[LineInput]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


class KnownEntity(BaseModel):
    """An entity seen before this batch (earlier batches or earlier episodes)."""

    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    mentions: int = 0
    importance: float = 0.0
    # position of the last mention on a series-wide clock (episode ordinal * 100000 + seconds);
    # only its order matters: larger = more recent
    last_seen: float = 0.0


class PersonCandidate(BaseModel):
    """A name earlier batches of the episode used with some person evidence, not yet enough to
    call it a character (offline analysis carries it to the next batch; Gemini ignores it)."""

    name: str
    evidence: dict[str, int] = Field(default_factory=dict)  # person evidence by kind
    scenes: list[int] = Field(default_factory=list)  # segments where it was a bare proper noun


class AnalysisContext(BaseModel):
    series_title: str = ""
    language: str = "ko"
    known_entities: list[KnownEntity] = Field(default_factory=list)
    candidates: list[PersonCandidate] = Field(default_factory=list)
    # series-wide clock offset for this episode, see KnownEntity.last_seen
    clock_offset: float = 0.0
    # the end of the previous batch (its last lines, with speakers): a reference at the start of a
    # batch is often to someone named just before it
    previous_lines: list[LineInput] = Field(default_factory=list)


# lines of the previous batch an analysis batch carries
PREVIOUS_LINES = 20


def previous_lines_of(batch: list[SegmentInput]) -> list[LineInput]:
    """The last PREVIOUS_LINES lines of a batch, for the next one."""
    return [line for segment in batch for line in segment.lines][-PREVIOUS_LINES:]


# --- analysis output -------------------------------------------------------------------------

class FoundEntity(BaseModel):
    name: str = Field(description="canonical name, without honorifics or particles")
    type: EntityType
    aliases: list[str] = Field(default_factory=list, description="other names used in the lines")
    nicknames: list[str] = Field(default_factory=list,
                                 description="aliases the lines give as nicknames of this real name (별명, 우리끼리는)")
    description: str = ""
    segments: list[int] = Field(default_factory=list, description="indexes of segments that mention it")


class FoundReference(BaseModel):
    segment: int = Field(description="index of the segment holding the expression")
    expression: str = Field(description="the referring expression as written, e.g. 그 사람")
    at: float = Field(description="time in seconds of the line holding the expression")
    referent: str = Field(description="canonical name of the entity it refers to")
    confidence: float = Field(ge=0.0, le=1.0)
    reason: str = Field(default="", description="one line: what in the lines shows who it is")


class FoundRelation(BaseModel):
    source: str
    target: str
    type: str = Field(description="short relation label, e.g. colleague, family, rival, romance")
    strength: float = Field(default=0.5, ge=0.0, le=1.0)


class SegmentFacts(BaseModel):
    index: int
    topics: list[str] = Field(default_factory=list)
    complexity: int = Field(default=3, ge=1, le=10)
    importance: int = Field(default=3, ge=1, le=10)


class BatchAnalysis(BaseModel):
    segments: list[SegmentFacts] = Field(default_factory=list)
    entities: list[FoundEntity] = Field(default_factory=list)
    references: list[FoundReference] = Field(default_factory=list)
    relations: list[FoundRelation] = Field(default_factory=list)
    candidates: list[PersonCandidate] = Field(default_factory=list)
