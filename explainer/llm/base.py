"""The LLM provider interface and the data that crosses it.

Two implementations: `explainer.llm.offline.OfflineProvider` (deterministic, local) and
`explainer.llm.gemini.GeminiProvider` (google-genai). The pipeline and explain only see this
module's types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from pydantic import BaseModel, Field

from explainer.reading.models import (
    PREVIOUS_LINES as PREVIOUS_LINES,
)
from explainer.reading.models import (
    AnalysisContext as AnalysisContext,
)
from explainer.reading.models import (
    BatchAnalysis as BatchAnalysis,
)
from explainer.reading.models import (  # the analysis port's data, defined with the reader
    EntityType as EntityType,
)
from explainer.reading.models import (
    FoundEntity as FoundEntity,
)
from explainer.reading.models import (
    FoundReference as FoundReference,
)
from explainer.reading.models import (
    FoundRelation as FoundRelation,
)
from explainer.reading.models import (
    KnownEntity as KnownEntity,
)
from explainer.reading.models import (
    LineInput as LineInput,
)
from explainer.reading.models import (
    PersonCandidate as PersonCandidate,
)
from explainer.reading.models import (
    SegmentFacts as SegmentFacts,
)
from explainer.reading.models import (
    SegmentInput as SegmentInput,
)
from explainer.reading.models import (
    previous_lines_of as previous_lines_of,
)

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
    # co-appearance counted within the bound: the scenes of this episode's last `minutes` minutes
    # both were seen in (0: not counted, e.g. a series-wide weight that may reach past the bound)
    scenes: int = 0
    minutes: int = 0


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
