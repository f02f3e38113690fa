"""Who the person mentions of the selected line are: the scene's lines up to it are replayed
through the dialogue resolver (the same one analysis uses), with the references analysis
stored for each line as evidence, and then the selected text is read."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from explainer.reading.person_mentions import KnownName, MentionKind, PersonMention
from explainer.reading.resolver import CONFIDENT_STORED, Dialogue, Resolution, Stored, stored_key
from graph.stores import Row

# a stored reference belongs to a line when its time is the line's start, to this precision (prompts give 0.1 s)
SAME_LINE_SECONDS = 0.06


@dataclass(frozen=True, slots=True)
class People:
    resolutions: list[Resolution]
    known: dict[str, KnownName]
    speaker: str | None
    # the gender of the people known here, where the evidence of the series is sure of it
    genders: Mapping[str, str] = field(default_factory=dict)


def _people(lines: list[Row], scene: list[Row], refs: list[Row]) -> dict[str, KnownName]:
    known: dict[str, KnownName] = {}
    for row in scene:
        if (row.get("type") or "character") == "character" and row.get("name"):
            known[row["id"]] = KnownName(row["id"], str(row["name"]), float(row.get("importance") or 0.0),
                                         tuple(str(a) for a in row.get("aliases") or ()))
    for row in lines:
        if row.get("speakerId") and row.get("speakerName") and row["speakerId"] not in known:
            known[row["speakerId"]] = KnownName(row["speakerId"], str(row["speakerName"]))
    for row in refs:
        if (row.get("entityType") or "character") == "character" and row.get("entityName") \
                and row["entityId"] not in known:
            known[row["entityId"]] = KnownName(row["entityId"], str(row["entityName"]))
    return known


def _stored_at(refs: list[Row], start: float, known: dict[str, KnownName]) -> dict[str, Stored]:
    found: dict[str, Stored] = {}
    for row in refs:
        if abs(float(row["at"]) - start) <= SAME_LINE_SECONDS and row["entityId"] in known:
            found.setdefault(stored_key(str(row["expression"] or "")),
                             Stored(row["entityId"], float(row["confidence"] or 0.0)))
    return found


def _with_analysed(resolutions: list[Resolution], text: str, refs: list[Row], start: float,
                   known: dict[str, KnownName]) -> list[Resolution]:
    """A person mention the analysis of the line found and the lexicon did not ("the woman", a
    nickname) is a resolution too, the analysis its evidence (Friends dev, oracle: a quarter of
    the names and descriptions were found by the analysis only). Located as the expression's
    first occurrence (whole words) that no other mention holds."""
    taken = [(r.mention.start, r.mention.end) for r in resolutions]
    added: list[Resolution] = []
    for row in refs:
        expression = " ".join(str(row["expression"] or "").split())
        if not expression or abs(float(row["at"]) - start) > SAME_LINE_SECONDS or row["entityId"] not in known \
                or float(row["confidence"] or 0.0) < CONFIDENT_STORED:
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(expression)}(?!\w)", text, re.IGNORECASE):
            if all(match.end() <= a or b <= match.start() for a, b in taken):
                taken.append(match.span())
                kind: MentionKind = "name" if match.group(0)[0].isupper() else "description"
                mention = PersonMention(match.group(0), match.start(), match.end(), kind, entity_id=row["entityId"])
                added.append(Resolution(mention, row["entityId"], round(float(row["confidence"] or 0.0), 3),
                                        "the analysis of this line"))
                break
    return sorted([*resolutions, *added], key=lambda r: r.mention.start) if added else resolutions


def resolve_people(*, lines: list[Row], scene: list[Row], refs: list[Row], selected_text: str,
                   selected: Row | None, language: str, stored_evidence: bool = True) -> People:
    """`lines`: the scene up to the bound, oldest first; `selected`: the selected text's line
    among them (None when the text is no line of the episode). `stored_evidence`: the stored
    references are evidence of their own (an LLM's analysis); the offline analysis stored this
    resolver's own answers, which the replay gives again — counting them twice would inflate
    every margin."""
    known = _people(lines, scene, refs)
    if not stored_evidence:
        refs = []
    dialogue = Dialogue(language, known.values())
    line_at = float(selected["start"]) if selected is not None else float("inf")
    for row in lines:
        if row is selected or float(row["start"]) > line_at:
            continue
        start = float(row["start"])
        dialogue.read(str(row["text"] or ""), speaker=row.get("speakerId"), start=start,
                      end=float(row.get("end") or start), stored=_stored_at(refs, start, known),
                      lyric=bool(row.get("lyric")))
    speaker = selected.get("speakerId") if selected is not None else None
    start = line_at if selected is not None else (float(lines[-1]["start"]) if lines else 0.0)
    resolutions = dialogue.read(selected_text, speaker=speaker, start=start,
                                stored=_stored_at(refs, start, known) if selected is not None else None,
                                lyric=bool(selected is not None and selected.get("lyric")))
    if selected is not None and not selected.get("lyric"):
        resolutions = _with_analysed(resolutions, selected_text, refs, start, known)
    genders = {entity_id: gender for entity_id in known
               for gender, sure in [dialogue.gender.of(entity_id)] if gender is not None and sure >= 0.5}
    return People(resolutions=resolutions, known=known, speaker=speaker, genders=genders)
