"""Prompts for the Gemini provider, each paired with the pydantic model its answer must match.

Every function returns google-genai content objects (`types.Content`), ready for
`generate_content(contents=..., config=GenerateContentConfig(system_instruction=...))`.
The response models are what the model is asked for (`response_schema`); they are stricter than
the domain models in `base.py` (every list must be present), so a truncated or half-formed
answer fails validation instead of silently becoming an empty analysis.
"""

from __future__ import annotations

import json

from google.genai import types
from pydantic import BaseModel, Field

from explainer.llm.base import (
    AnalysisContext,
    BatchAnalysis,
    ExplainContext,
    ExplanationDraft,
    FoundEntity,
    FoundReference,
    FoundRelation,
    KnownEntity,
    SegmentFacts,
    SegmentInput,
)

# Known entities listed in an analysis prompt: enough to keep names consistent across batches
# and episodes without letting a long series blow up every prompt.
MAX_KNOWN_ENTITIES = 60

_LANGUAGE_NAMES = {
    "ko": "Korean (한국어)",
    "en": "English",
    "ja": "Japanese (日本語)",
    "zh": "Chinese (中文)",
    "es": "Spanish (español)",
    "fr": "French (français)",
    "de": "German (Deutsch)",
}


def language_name(code: str) -> str:
    """A readable name for a language code (`ko-KR` → Korean); unknown codes are returned as is."""
    base = code.split("-")[0].split("_")[0].lower()
    return _LANGUAGE_NAMES.get(base, code)


# --- response models -------------------------------------------------------------------------

class AnalysisAnswer(BaseModel):
    """What the model must return for one batch of segments; every list present, maybe empty."""

    segments: list[SegmentFacts] = Field(description="one entry per segment of the batch, by index")
    entities: list[FoundEntity] = Field(description="characters, locations, events, concepts, objects")
    references: list[FoundReference] = Field(
        description="referring expressions (그 사람, 그때, 거기, he, there...) resolved to an entity")
    relations: list[FoundRelation] = Field(description="relations between entities shown in the batch")

    def to_batch_analysis(self) -> BatchAnalysis:
        return BatchAnalysis(segments=self.segments, entities=self.entities,
                             references=self.references, relations=self.relations)


# ExplanationDraft (base.py) is already strict enough: `text` is required.
ExplanationAnswer = ExplanationDraft


# --- analysis --------------------------------------------------------------------------------

_ANALYSIS_INSTRUCTION = """\
You analyse subtitles of a TV series to build a knowledge graph of it. You receive a batch of \
consecutive segments (about 30 seconds each); every segment has an index, a time range and its \
subtitle lines with their start time in seconds and, when the captions name one, the speaker.

Return JSON matching the response schema:
- segments: exactly one entry per segment index of the batch, with 1-5 short topics written in \
the language of the subtitles, complexity 1-10 (how hard the dialogue is to follow without \
context) and importance 1-10 (how much it matters to the story).
- entities: every character, location, event, concept or object the lines mention or show, with \
the indexes of the segments that mention it.
- references: referring expressions whose referent is clear from the lines or the known \
entities, with the segment index, the time of the line holding the expression, the canonical \
name of the referent and a confidence between 0 and 1. Leave out references you cannot resolve.
- relations: relations between two entities that the batch makes explicit (family, colleague, \
friend, rival, romance, boss, ...), with a strength between 0 and 1.

Names:
- Use one canonical name per entity. When an entity is in the known entities list, use exactly \
that name and add new spellings to aliases; never invent a second entity for the same person, \
place or event.
- Korean: strip particles and endings from names (민수가, 민수는, 민수를, 민수의, 민수에게, 민수한테, \
민수랑 → 민수) and the vocative 아/야/이 (민수야, 지현아 → 민수, 지현). Honorifics and titles \
(씨, 님, 선배, 선배님, 선생님, 사장님, 팀장님, 형, 오빠, 언니, 누나) are not part of the canonical \
name: 김민수 씨 → 김민수; keep the honorific form as an alias when the lines use it \
(민수 선배). A bare title (사장님, 선생님) used for one known person refers to that person.
- Demonstratives are references, not entities: 그 사람 / 저 사람 / 그 남자 / 그 여자 / 걔 (that \
person → a character), 그때 / 그날 (back then → an event or an earlier moment), 거기 / 그곳 / 저기 \
(there → a location), 그거 / 그 일 (that thing, that matter → an object, event or concept). \
Resolve them from the surrounding lines, the speakers and the known entities; prefer the most \
recent, most important matching entity.
- The same rules apply to other languages: he/she/they/that guy, then/back then, there.

Use only what the lines say. Do not guess events outside the batch."""


def analysis_system_instruction(context: AnalysisContext) -> types.Content:
    series = f"The series is {context.series_title!r}. " if context.series_title else ""
    language = f"The subtitles are in {language_name(context.language)}."
    return types.Content(parts=[types.Part(text=f"{_ANALYSIS_INSTRUCTION}\n\n{series}{language}")])


def _format_seconds(value: float) -> str:
    return f"{value:.1f}"


def _known_entities_block(known: list[KnownEntity]) -> str:
    if not known:
        return "Known entities: none yet."
    chosen = sorted(known, key=lambda e: (e.importance, e.last_seen, e.mentions), reverse=True)
    chosen = chosen[:MAX_KNOWN_ENTITIES]
    lines = ["Known entities (from earlier batches and episodes; reuse these names):"]
    for entity in chosen:
        aliases = f" (aliases: {', '.join(entity.aliases)})" if entity.aliases else ""
        lines.append(f"- {entity.name} [{entity.type}]{aliases}")
    return "\n".join(lines)


def _segments_block(batch: list[SegmentInput]) -> str:
    parts = []
    for segment in batch:
        lines = [f"[segment {segment.index}] {_format_seconds(segment.start)}-{_format_seconds(segment.end)} s"]
        for line in segment.lines:
            speaker = f"{line.speaker}: " if line.speaker else ""
            lines.append(f"  {_format_seconds(line.start)} {speaker}{line.text}")
        if not segment.lines:
            lines.append("  (no lines)")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def analysis_contents(batch: list[SegmentInput], context: AnalysisContext) -> list[types.Content]:
    indexes = ", ".join(str(s.index) for s in batch)
    text = (
        f"{_known_entities_block(context.known_entities)}\n\n"
        f"Segments of this batch (indexes {indexes}):\n\n"
        f"{_segments_block(batch)}"
    )
    return [types.Content(role="user", parts=[types.Part(text=text)])]


# --- explanation -----------------------------------------------------------------------------

_EXPLANATION_INSTRUCTION = """\
You help a viewer who selected a subtitle line of a TV series and wants to understand it: who \
or what it talks about ("that person", "he", "you", "back then", "there"), how the characters \
relate, what happened before. You receive only facts the viewer has already seen, as JSON \
matching the input schema below: the selected text, the recent lines before it, its mentions \
with the candidates a dialogue resolver found for each (with their evidence), entities with \
their relations and first appearances, earlier moments (episode and timestamp) and wiki \
summaries.

Rules:
- Use only these facts. Never mention anything that is not in them, never guess what happens \
next, and say so briefly when the facts do not explain the line.
- Answer in {language}, in 2-4 short sentences, addressed to the viewer.
- resolutions: for each mention of the facts (by its offset), the name of the candidate it \
refers to, chosen from its candidates (or its given name), or an empty name when none fits.
- references: only earlier moments given in the facts (their episode and timestamp), each with \
a one-line description in {language}.
- sources: the URLs (or titles when there is no URL) of the wiki entries you used; empty if none.

Input schema:
{schema}"""


def explanation_system_instruction(context: ExplainContext) -> types.Content:
    schema = json.dumps(ExplainContext.model_json_schema(), ensure_ascii=False, separators=(",", ":"))
    text = _EXPLANATION_INSTRUCTION.format(language=language_name(context.language), schema=schema)
    return types.Content(parts=[types.Part(text=text)])


def explanation_contents(context: ExplainContext) -> list[types.Content]:
    facts = context.model_dump_json(indent=1)
    text = (
        f"Facts:\n{facts}\n\n"
        f"Explain the selected line {context.selected_text!r} "
        f"in {language_name(context.language)}."
    )
    return [types.Content(role="user", parts=[types.Part(text=text)])]
