"""Prompts for the Gemini provider, each paired with the pydantic model its answer must match.

Every function returns google-genai content objects (`types.Content`), ready for
`generate_content(contents=..., config=GenerateContentConfig(system_instruction=...))`.
The response models are what the model is asked for (`response_schema`); they are stricter than
the domain models in `base.py` (every list must be present), so a truncated or half-formed
answer fails validation instead of silently becoming an empty analysis.
"""

from __future__ import annotations

from google.genai import types
from pydantic import BaseModel, Field

from explainer.llm.base import (
    AnalysisContext,
    BatchAnalysis,
    DraftReference,
    DraftResolution,
    ExplainContext,
    ExplanationDraft,
    FoundEntity,
    FoundReference,
    FoundRelation,
    KnownEntity,
    LineInput,
    PacketLine,
    ReadingPacket,
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


class MentionAnswer(BaseModel):
    """Who one mention of the selected line is."""

    offset: int = Field(description="offset of the mention in the selected line, as listed")
    expression: str = Field(description="the mention's text, as listed")
    name: str = Field(description="the person's name exactly as in the cast (or one of their aliases); "
                                  "empty when the person is described instead, or when no one fits")
    description: str = Field(description="a short description of someone the viewer has seen but never "
                                         "heard named (e.g. the woman Ross met at the party); empty otherwise")
    confidence: float = Field(ge=0.0, le=1.0, description="how sure a careful viewer would be")
    reason: str = Field(description="one line: what in the dialogue shows it")


class ExplanationAnswer(BaseModel):
    """The explanation and who each mention of the line is; every list present, maybe empty."""

    text: str = Field(description="the explanation, 2-4 short sentences")
    resolutions: list[MentionAnswer] = Field(description="one entry per listed mention")
    references: list[DraftReference] = Field(description="earlier moments used, only as listed")
    sources: list[str] = Field(description="URLs or titles of the wiki entries used")

    def to_draft(self) -> ExplanationDraft:
        return ExplanationDraft(
            text=self.text, references=self.references, sources=self.sources,
            resolutions=[DraftResolution(offset=r.offset, name=r.name.strip(), expression=r.expression,
                                         description=r.description.strip(), confidence=r.confidence,
                                         reason=r.reason.strip()) for r in self.resolutions])


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
name of the referent, a confidence between 0 and 1 and a one-line reason (what in the lines \
shows who it is). Every person expression counts (he, she, him, her, that guy, 그, 그녀, 걔, 그 \
사람, 그 인간, 그자, 그 양반, ...). Leave out references you cannot resolve.
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


def _previous_lines_block(lines: list[LineInput]) -> str:
    if not lines:
        return ""
    shown = [f"  {_format_seconds(line.start)} {line.speaker + ': ' if line.speaker else ''}{line.text}"
             for line in lines]
    return ("End of the previous batch (context only: resolve references of this batch with it, "
            "report nothing for these lines):\n" + "\n".join(shown) + "\n\n")


def analysis_contents(batch: list[SegmentInput], context: AnalysisContext) -> list[types.Content]:
    indexes = ", ".join(str(s.index) for s in batch)
    text = (
        f"{_known_entities_block(context.known_entities)}\n\n"
        f"{_previous_lines_block(context.previous_lines)}"
        f"Segments of this batch (indexes {indexes}):\n\n"
        f"{_segments_block(batch)}"
    )
    return [types.Content(role="user", parts=[types.Part(text=text)])]


# --- explanation -----------------------------------------------------------------------------

# The instruction is the same for every question of a language (only the packet varies), and the
# packet opens with what changes least (the cast, then the dialogue): both suit prompt caching.
_EXPLANATION_INSTRUCTION = """\
You help a viewer who paused a TV series and selected a subtitle line they want to understand: \
who or what it talks about ("that person", "he", "걔", "you", "back then", "there"), how the \
characters relate, what happened before. You receive a reading packet of what the viewer has \
already seen, and nothing after the selected line:
- Cast: the people the viewer has met so far, with aliases, how the dialogue refers to them, \
when they were first and last seen, a description from earlier episodes and their relations;
- Dialogue: the captions of the scene up to the selected line (marked >>>), each with its time \
and, when the captions name one, its speaker; earlier lines may come from the end of the \
previous episode;
- Stored references: who the analysis of those lines found their expressions to mean, with why;
- Earlier moments and wiki notes about the people involved;
- Mentions: every person expression of the selected line, by offset, with what a rule-based \
resolver guessed. Its guesses are hints, often wrong: read the scene yourself.

Answer in JSON matching the response schema:
- resolutions: one entry per listed mention (same offset and expression). Read the dialogue as a \
careful viewer would: who is speaking, to whom, who was just talked about. Give `name` when the \
mention is a person of the cast (write the name as the cast gives it); give `description` \
instead when it is someone the viewer has seen or heard about but who was never named (say who \
they are in a few words, e.g. "the doctor Ross went to see"); leave both empty when it refers \
to no one in particular (an idiom, a song lyric, a generic "you", a made-up person) or when the \
packet does not tell. Never name anyone who is not in the cast. Confidence between 0 and 1, \
and a one-line reason.
- text: 2-4 short sentences in {language}, addressed to the viewer, using only the packet; never \
guess what happens next.
- references: only earlier moments listed in the packet (their episode and timestamp), each \
with a one-line description in {language}.
- sources: the URLs (or titles) of the wiki notes you used; empty if none."""


def explanation_system_instruction(context: ExplainContext) -> types.Content:
    text = _EXPLANATION_INSTRUCTION.format(language=language_name(context.language))
    return types.Content(parts=[types.Part(text=text)])


def clock(seconds: float) -> str:
    """12:03.5 (minutes:seconds), 1:02:03.5 past the hour."""
    tenths = round(max(0.0, seconds) * 10)
    hours, rest = divmod(tenths, 36000)
    minutes, rest = divmod(rest, 600)
    stamp = f"{minutes:02d}:{rest // 10:02d}.{rest % 10}"
    return f"{hours}:{stamp}" if hours else stamp


def _cast_block(packet: ReadingPacket) -> list[str]:
    lines = [f"Cast known so far ({len(packet.cast)}; * = in this scene):"]
    for person in packet.cast:
        facts = [f"aka {', '.join(person.aliases)}" if person.aliases else "",
                 person.gender or "",
                 f"first seen {person.first_seen}" if person.first_seen else "",
                 f"last seen {person.last_seen}" if person.last_seen else "",
                 f"relations: {'; '.join(person.relations)}" if person.relations else "",
                 person.introduced]
        star = "*" if person.in_scene else ""
        lines.append(f"- {star}{person.name}" + "".join(f" | {f}" for f in facts if f))
    if not packet.cast:
        lines.append("- (nobody named yet)")
    return lines


def _dialogue_block(packet: ReadingPacket) -> list[str]:
    lines = ["Dialogue (up to the selected line):"]
    episode = ""
    for line in packet.lines:
        if line.episode != episode:
            episode = line.episode
            lines.append(f"[{episode}]")
        marker = ">>> " if line.selected else ""
        speaker = f"{line.speaker}: " if line.speaker else ""
        text = " / ".join(line.text.split("\n"))
        lines.append(f"{marker}{clock(line.at)} {speaker}{text}")
    return lines


def _mentions_block(packet: ReadingPacket) -> list[str]:
    lines = ["Mentions of the selected line:"]
    for m in packet.mentions:
        about = ", ".join(x for x in (m.kind, {"m": "male", "f": "female"}.get(m.gender or "", ""),
                                      "plural" if m.plural else "") if x)
        hint = f"resolver: {m.hint} ({m.hint_confidence:.2f}; {m.hint_evidence})" if m.hint else \
            "resolver: no answer"
        others = "; ".join(f"{c.name} ({c.evidence})" if c.evidence else c.name for c in m.candidates)
        lines.append(f"- offset {m.offset} \"{m.expression}\" [{about}] {hint}"
                     + (f"; other candidates: {others}" if others else ""))
    if not packet.mentions:
        lines.append("- (none found; list any person expression you see, with its offset)")
    return lines


def explanation_contents(context: ExplainContext) -> list[types.Content]:
    packet = context.packet or ReadingPacket(
        lines=[PacketLine(episode=context.episode_label, at=context.timestamp, text=t) for t in context.recent_lines])
    parts = [f"Series: {context.series_title or 'unknown'}; the viewer is at {context.episode_label} "
             f"{clock(context.timestamp)}.", "", *_cast_block(packet), "", *_dialogue_block(packet)]
    if packet.references:
        parts += ["", "Stored references (analysis of the lines above):"]
        parts += [f"- {clock(r.at)} \"{r.expression}\" -> {r.name} ({r.confidence:.2f})"
                  + (f": {r.reason}" if r.reason else "") for r in packet.references]
    if context.moments:
        parts += ["", "Earlier moments (episode, timestamp in seconds):"]
        parts += [f"- episode {m.episode}, {m.timestamp:.1f}: {m.text}" for m in context.moments]
    if context.entities:
        parts += ["", "Notes on the people and things of the line:"]
        parts += [f"- {e.name} ({e.type})" + (f": {e.description}" if e.description else "") for e in context.entities]
    if context.wiki:
        parts += ["", "Wiki notes:"]
        parts += [f"- {w.title} ({w.url or w.kind}): {w.summary}" for w in context.wiki]
    parts += ["", f"Selected line: \"{context.selected_text}\"", *_mentions_block(packet), "",
              f"Explain the selected line in {language_name(context.language)}."]
    return [types.Content(role="user", parts=[types.Part(text="\n".join(parts))])]
