"""The reading packet a model reads for one question, and how its answer is taken back.

The packet is what a careful viewer has in mind when they pause: the dialogue of the scene up to
the end of the selected line (with times and speakers, crossing an episode start only into the
previous episode's end), the cast known at the bound, the references analysis stored for those
lines, and the resolver's reading of each person mention as a hint. Every part comes from the
bounded reads of `context.gather(reading=True)`; nothing here reads the graph.

The model may name anyone of that cast, describe someone never named, or name no one. A name is
taken only when it is a name or an alias of the cast: a name outside it never becomes an entity.
"""

from __future__ import annotations

import re
from dataclasses import replace

from explainer.explain.context import PACKET_LINES, PACKET_SECONDS, Context
from explainer.explain.resolution import EntityRef, Resolution
from explainer.llm.base import (
    CastMember,
    DraftResolution,
    ExplainCandidate,
    PacketLine,
    PacketMention,
    PacketReference,
    ReadingPacket,
)
from explainer.llm.prompts import clock
from explainer.reading.lang import rules_for
from explainer.reading.names import NameTable
from explainer.reading.person_mentions import KnownName, person_mentions
from explainer.text import en, ko
from graph.stores import Row

MAX_ALIASES = 4
MAX_RELATIONS = 5
MAX_INTRODUCTION_CHARS = 200
MAX_HINT_CANDIDATES = 4
MAX_DESCRIPTION_CHARS = 120
# a model's confidence is kept, but a description or a name it gives is never stated surer than this
MAX_CONFIDENCE = 0.99
CLOCK = 100000.0  # the series clock of firstSeen / lastSeen: ordinal * CLOCK + seconds
_GENDER = {"m": "male", "f": "female"}


def _label(season: int | None, episode: int | None) -> str:
    return f"S{season or 1}E{episode or 0}"


def _speaker(row: Row) -> str | None:
    name = row.get("speakerName") or row.get("speaker")
    return str(name) if name else None


def _line_text(row: Row) -> str:
    text = str(row.get("text") or "")
    return f"♪ {text}" if row.get("lyric") and "♪" not in text else text


def packet_lines(context: Context) -> list[PacketLine]:
    """The last PACKET_SECONDS of dialogue up to the bound (at most PACKET_LINES lines, so at
    least the shorter of the two), the previous episode's end before an early bound."""
    video, until = context.video, context.bound.until
    current = [r for r in context.replayed if float(r["start"]) >= until - PACKET_SECONDS
               and float(r["start"]) <= until][-PACKET_LINES:]
    here = _label(video.season, video.episode)
    lines: list[PacketLine] = []
    room = PACKET_LINES - len(current)
    if context.previous_lines and room > 0 and until < PACKET_SECONDS:
        last = max(float(r["start"]) for r in context.previous_lines)
        earlier = [r for r in context.previous_lines if float(r["start"]) >= last - (PACKET_SECONDS - until)]
        lines += [PacketLine(episode=_label(r.get("season"), r.get("episode")), at=float(r["start"]),
                             text=_line_text(r), speaker=_speaker(r)) for r in earlier[-room:]]
    selected_at = context.line_at
    lines += [PacketLine(episode=here, at=float(r["start"]), text=_line_text(r), speaker=_speaker(r),
                         selected=abs(float(r["start"]) - selected_at) < 1e-6) for r in current]
    return lines


def _when(context: Context, seen: float | None) -> str:
    if seen is None:
        return ""
    ordinal = int(seen // CLOCK)
    ago = context.bound.ordinal - ordinal
    if ago <= 0:
        return f"this episode {clock(seen - ordinal * CLOCK)}"
    return "the previous episode" if ago == 1 else f"{ago} episodes earlier"


def _cast_rows(context: Context) -> list[Row]:
    """The cast read at the bound, and anyone the scene or the resolver knows that its limit left
    out (every one of them read with the same bound)."""
    rows = list(context.cast)
    listed = {r["id"] for r in rows}
    for person in context.people.known.values():
        if person.entity_id not in listed:
            listed.add(person.entity_id)
            rows.append({"id": person.entity_id, "name": person.name, "aliases": list(person.aliases)})
    return rows


def cast_members(context: Context) -> list[CastMember]:
    in_scene = set(context.people.known) | set(context.in_scene) | set(context.named_after)
    rows = sorted(_cast_rows(context), key=lambda r: (r["id"] not in in_scene, -float(r.get("mentions") or 0)))
    members = []
    for row in rows:
        name = str(row["name"])
        aliases = [str(a) for a in row.get("aliases") or [] if str(a) and str(a) != name][:MAX_ALIASES]
        gender = context.people.genders.get(row["id"])
        relations = [f"{r['type']}: {r['name']}" for r in row.get("relations") or [] if r and r.get("name")]
        first, last = row.get("firstSeen"), row.get("lastSeen")
        members.append(CastMember(
            name=name, aliases=aliases, gender=_GENDER.get(gender or ""),
            first_seen=_when(context, float(first) if first is not None else None),
            last_seen=_when(context, float(last) if last is not None else None),
            introduced=str(row.get("description") or "")[:MAX_INTRODUCTION_CHARS],
            relations=relations[:MAX_RELATIONS], in_scene=row["id"] in in_scene))
    return members


def packet_mentions(context: Context, resolutions: list[Resolution]) -> list[PacketMention]:
    """Every person mention of the selected text: the resolver's, with its reading as a hint, and
    the descriptions it leaves out (그 잘생긴 비서), without one."""
    found = {r.mention.start: r.mention for r in context.people.resolutions}
    mentions = []
    taken = [(r.offset, r.offset + len(r.expression)) for r in resolutions]
    names = NameTable(context.people.known.values())
    for extra in person_mentions(context.selected_text, rules_for(context.language), names, descriptions=True):
        if all(extra.end <= a or b <= extra.start for a, b in taken):
            mentions.append(PacketMention(offset=extra.start, expression=extra.text, kind=extra.kind,
                                          gender=extra.gender, plural=extra.plural))
    for r in resolutions:
        if r.kind != "character":
            continue
        mention = found.get(r.offset)
        mentions.append(PacketMention(
            offset=r.offset, expression=r.expression, kind=mention.kind if mention else "description",
            gender=mention.gender if mention else None, plural=bool(mention and mention.plural),
            hint=r.entity.name if r.entity else "", hint_confidence=round(r.confidence, 2) if r.entity else 0.0,
            hint_evidence=r.evidence if r.entity else "",
            candidates=[ExplainCandidate(name=ref.name, evidence=why) for ref, why in r.candidates
                        if r.entity is None or ref.id != r.entity.id][:MAX_HINT_CANDIDATES]))
    return sorted(mentions, key=lambda m: m.offset)


def _about_someone_else(expression: str) -> bool:
    """I / you and 나 / 너 are the speaker and the one spoken to, which the dialogue shows already:
    their stored references would only lengthen the packet."""
    word = expression.strip().lower()
    return word not in en.FIRST_PERSON | en.SECOND_PERSON and \
        not re.fullmatch(f"(?:{ko.FIRST_PERSON_WORDS}|{ko.SECOND_PERSON_WORDS})", word)


def packet_references(context: Context, lines: list[PacketLine]) -> list[PacketReference]:
    since = min((line.at for line in lines if line.episode == _label(context.video.season, context.video.episode)),
                default=context.bound.until)
    rows = sorted((r for r in context.window_references if since <= float(r["at"]) <= context.bound.until
                   and _about_someone_else(str(r["expression"] or ""))), key=lambda r: float(r["at"]))
    return [PacketReference(at=float(r["at"]), expression=str(r["expression"] or ""), name=str(r["entityName"]),
                            confidence=round(float(r["confidence"] or 0.0), 2), reason=str(r.get("reason") or ""))
            for r in rows]


def reading_packet(context: Context, resolutions: list[Resolution]) -> ReadingPacket:
    lines = packet_lines(context)
    return ReadingPacket(lines=lines, cast=cast_members(context), mentions=packet_mentions(context, resolutions),
                         references=packet_references(context, lines))


def cast_names(context: Context) -> NameTable:
    """The names and aliases of the cast known at the bound: the only people an answer may name."""
    # a person of the cast is recognised by any of their names (a model may know the full one), but
    # only people of the cast at the bound can be named
    return NameTable(KnownName(str(r["id"]), str(r["name"]), float(r.get("mentions") or 0.0),
                               tuple(dict.fromkeys(str(a) for a in (*(r.get("aliases") or ()), *(
                                   [r["fullName"]] if r.get("fullName") else []), *(r.get("allAliases") or ())))))
                     for r in _cast_rows(context))


def _clamped(value: float | None, default: float) -> float:
    return round(min(MAX_CONFIDENCE, max(0.0, value if value is not None else default)), 3)


def _located(text: str, answer: DraftResolution) -> int | None:
    """Where an answer's mention is in the text: at its offset, else its first occurrence."""
    expression = answer.expression.strip()
    if not expression:
        return None
    if text[answer.offset:answer.offset + len(expression)] == expression:
        return answer.offset
    at = text.find(expression)
    return at if at >= 0 else None


def adopt(context: Context, resolutions: list[Resolution], answers: list[DraftResolution]) -> list[Resolution]:
    """The model's reading of each person mention, checked against the cast: a name of the cast
    (or an alias) becomes that entity; a description stays a description (no entity); a name
    outside the cast, or no one, leaves the mention unresolved. Mentions it did not answer keep
    the resolver's reading; a person mention only the model found is added where the text has it."""
    names = cast_names(context)
    by_offset = {r.offset: i for i, r in enumerate(resolutions) if r.kind == "character"}
    result = list(resolutions)
    for answer in answers:
        index = by_offset.get(answer.offset)
        if index is None:
            at = _located(context.selected_text, answer)
            if at is None or any(r.offset <= at < r.offset + len(r.expression) for r in result):
                continue
            base = Resolution(answer.expression.strip(), at, "character", None, 0.0, "")
        else:
            base = result[index]
        reason = answer.reason or "read from the scene"
        confidence = _clamped(answer.confidence, base.confidence)
        if answer.name:
            person = names.find(answer.name)
            if person is None:
                adopted = replace(base, entity=None, facts=None, description=None, confidence=0.0,
                                  evidence=f"the model named someone the viewer has not met ({answer.name!r}): ignored")
            else:
                adopted = replace(base, entity=EntityRef(person.entity_id, person.name, "character"),
                                  facts=context.facts.get(person.entity_id), description=None,
                                  confidence=confidence, evidence=reason)
        elif answer.description:
            adopted = replace(base, entity=None, facts=None, description=answer.description[:MAX_DESCRIPTION_CHARS],
                              confidence=confidence, evidence=reason)
        else:
            adopted = replace(base, entity=None, facts=None, description=None, confidence=confidence,
                              evidence=answer.reason or "no one the viewer knows")
        if index is None:
            result.append(adopted)
            by_offset[adopted.offset] = len(result) - 1
        else:
            result[index] = adopted
    return sorted(result, key=lambda r: r.offset)
