"""The LLM provider interface and the data that crosses it.

Two implementations: `explainer.llm.offline.OfflineProvider` (deterministic, local) and
`explainer.llm.gemini.GeminiProvider` (google-genai). The pipeline and explain only see this
module's types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

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


# --- explanation -----------------------------------------------------------------------------

class ExplainCandidate(BaseModel):
    """A person a mention may refer to, with why (from the dialogue resolver)."""

    name: str
    evidence: str = ""


class ExplainResolution(BaseModel):
    """A mention of the selected text and who (or what) it refers to; `name` empty: unresolved,
    `candidates` say who it may be."""

    expression: str = Field(description="the exact surface text of the mention")
    offset: int = Field(description="character offset of the mention in the selected text")
    name: str = ""
    type: EntityType = "character"
    confidence: float = 0.0
    evidence: str = ""
    candidates: list[ExplainCandidate] = Field(default_factory=list)
    first_episode: int | None = None
    first_timestamp: float | None = None
    first_with: list[str] = Field(default_factory=list)


class ExplainRelation(BaseModel):
    name: str
    type: str


class ExplainEntity(BaseModel):
    name: str
    type: EntityType = "character"
    description: str = ""
    first_episode: int | None = None
    first_timestamp: float | None = None
    relations: list[ExplainRelation] = Field(default_factory=list)


class ExplainMoment(BaseModel):
    """An earlier scene the viewer has seen."""

    episode: int | None = None
    timestamp: float
    text: str = ""
    description: str = ""


class WikiSummary(BaseModel):
    kind: str
    title: str = ""
    url: str | None = None
    summary: str = ""


class PacketLine(BaseModel):
    """A caption line of the reading packet."""

    episode: str  # S1E20
    at: float  # seconds into its episode
    text: str
    speaker: str | None = None
    selected: bool = False  # the line the viewer selected (the last one of the packet)


class CastMember(BaseModel):
    """A person the viewer has seen by the bound, as the graph knows them at it."""

    name: str
    aliases: list[str] = Field(default_factory=list)
    gender: str | None = None  # "male" / "female": how the dialogue refers to them
    first_seen: str = ""  # S1E1 03:10
    last_seen: str = ""
    introduced: str = ""  # a description from finished earlier episodes
    relations: list[str] = Field(default_factory=list)  # "friend: Monica Geller"
    in_scene: bool = False  # mentioned or speaking in the packet's dialogue


class PacketMention(BaseModel):
    """A person mention of the selected text, with the dialogue resolver's hint."""

    offset: int
    expression: str
    kind: str  # first, second, third, name, description
    gender: str | None = None
    plural: bool = False
    hint: str = ""  # the resolver's answer, a cast name; empty: it abstained
    hint_confidence: float = 0.0
    hint_evidence: str = ""
    candidates: list[ExplainCandidate] = Field(default_factory=list)


class PacketReference(BaseModel):
    """A referring expression the analysis of a packet line resolved."""

    at: float
    expression: str
    name: str
    confidence: float
    reason: str = ""


class ReadingPacket(BaseModel):
    """What a careful viewer has in mind at the bound: the scene's dialogue up to the end of the
    selected line, the cast known so far, the references analysis stored for those lines. Every
    part read with the same bound."""

    lines: list[PacketLine] = Field(default_factory=list)
    cast: list[CastMember] = Field(default_factory=list)
    mentions: list[PacketMention] = Field(default_factory=list)
    references: list[PacketReference] = Field(default_factory=list)


class ExplainContext(BaseModel):
    """Spoiler-bounded facts assembled by explain; the provider sees nothing else."""

    selected_text: str
    language: str
    series_title: str = ""
    episode_label: str = ""
    timestamp: float = 0.0
    recent_lines: list[str] = Field(default_factory=list)
    resolutions: list[ExplainResolution] = Field(default_factory=list)
    entities: list[ExplainEntity] = Field(default_factory=list)
    moments: list[ExplainMoment] = Field(default_factory=list)
    wiki: list[WikiSummary] = Field(default_factory=list)
    # the reading packet (Gemini reads it; the graph-only composer does not need it)
    packet: ReadingPacket | None = None


class DraftReference(BaseModel):
    episode: int
    timestamp: float
    description: str


class DraftResolution(BaseModel):
    """Who the provider reads a mention as: a person of the cast by `name`, someone never named
    by `description`, or no one (both empty)."""

    offset: int = Field(description="offset of the mention, as given in the facts")
    name: str = Field(description="the person's name as in the cast, or empty")
    expression: str = ""
    description: str = ""
    confidence: float | None = None
    reason: str = ""


class ExplanationDraft(BaseModel):
    text: str
    references: list[DraftReference] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    resolutions: list[DraftResolution] = Field(default_factory=list)


# --- the interface ---------------------------------------------------------------------------

class LLMUsage(BaseModel):
    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    estimated_cost_usd: float = 0.0
    degraded: bool = False


@dataclass(frozen=True)
class EmbedderInfo:
    """Which embedding space a vector belongs to. Vectors of two embedders are never compared:
    a vector index records the embedder that filled it, and queries use the same one."""

    provider: str
    model: str
    dimension: int

    @property
    def key(self) -> str:
        return f"{self.provider}:{self.model}:{self.dimension}"


class LLMProvider(Protocol):
    name: str

    @property
    def embedder(self) -> EmbedderInfo:
        """The embedding space of `embed`."""
        ...

    async def analyse(self, batch: list[SegmentInput], context: AnalysisContext) -> BatchAnalysis:
        """Entities, references, relations and per-segment facts for up to `analysis_batch_size` segments."""
        ...

    async def embed(self, texts: list[str]) -> list[list[float]]:
        """One vector of `embedding_dim` floats per text, in order."""
        ...

    async def explain(self, context: ExplainContext) -> ExplanationDraft:
        """An explanation in `context.language`, using only the given facts."""
        ...

    def usage(self) -> LLMUsage:
        ...

    async def aclose(self) -> None:
        ...
