"""Spoiler-bounded context for one question, gathered from the graph in three waves of concurrent
reads (issue 24: on Neo4j each sequential round trip costs 10-30 ms):

1. the video and the episode's lines around the selection (`episode_lines`, sent by the service
   together with `get_video`): the selected cue, hence the bound, and the dialogue before it;
2. everything the bound alone decides, sent together: the scene's entities, stored references,
   entities named in the selection, similar earlier moments (the query embedded before the wave),
   earlier lines the recent ones echo, and for a reading packet the cast and the previous
   episode's end;
3. the facts and relations of the entities those brought up.

The viewer's position is a `Bound`: earlier episodes entirely, and the current episode up to
`until` seconds. Every read of waves 2 and 3 takes it; the lines of wave 1 reach at most one
bucket past the selection's (to find the cue the viewer selected) and are cut at the bound
before anything uses them, so nothing later can reach an answer, whichever provider writes it.
"""

from __future__ import annotations

import asyncio
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from explainer.explain.people import People, resolve_people
from explainer.llm.base import LLMProvider
from explainer.reading.expressions import Expression, find_expressions
from explainer.reading.names import heard_name
from explainer.reading.things import SCENE_SECONDS  # the scene: what was named this long before the bound is "now"
from explainer.text.names import name_key, name_keys
from graph.repositories import explain as repo
from graph.repositories.videos import VideoRecord
from graph.stores import GraphStore, Row

# who the people of the line are is read from the dialogue of this many seconds before the bound
# (at most REPLAY_LINES lines): a scene's antecedent is often named minutes before its pronouns,
# and the resolver itself cuts the replay at scene gaps (Friends dev: 14 lines of 45 s lost most
# chains of he/she back to a name)
REPLAY_SECONDS = 600.0
REPLAY_LINES = 240
# entities of that window, the latest mentioned first (the scene's own are among them)
REPLAY_ENTITIES = 80
# the dialogue a reading packet gives: at least the last PACKET_SECONDS or PACKET_LINES lines,
# whichever is shorter, crossing an episode start only into the previous episode's end
PACKET_SECONDS = 300.0
PACKET_LINES = 150
# references stored for the packet's lines (the resolver reads those of the last 20 s only)
PACKET_REFERENCES = 200
NEAR_REFERENCE_SECONDS = 20.0
SIMILAR_MOMENTS = 5
# entities whose facts and relations are read for the resolution
MAX_CANDIDATES = 10
# a recent line "echoes" an earlier one (a callback quotes it) when their character bigrams
# overlap this much (Dice); the lines probed are the last few up to the selected one
ECHO_SIMILARITY = 0.7
ECHO_PROBES = 4
ECHO_MIN_CHARS = 6
_WORD = re.compile(r"[\w'.-]+", re.UNICODE)
_NOT_TEXT = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Bound:
    """What the viewer has seen: episodes before `ordinal`, and `ordinal` up to `until` s."""

    ordinal: int
    until: float

    def allows(self, ordinal: int, at: float) -> bool:
        return ordinal < self.ordinal or (ordinal == self.ordinal and at <= self.until)


@dataclass(frozen=True, slots=True)
class EntityFacts:
    id: str
    name: str
    type: str
    importance: float
    first_video_id: str
    first_ordinal: int
    first_season: int | None
    first_episode: int | None
    first_at: float
    first_with: list[str]
    description: str | None
    sources: list[dict[str, Any]]

    @classmethod
    def from_row(cls, row: Row) -> EntityFacts:
        return cls(id=row["id"], name=row["name"], type=row["type"] or "concept",
                   importance=float(row["importance"] or 0.0), first_video_id=row["firstVideoId"],
                   first_ordinal=int(row["firstOrdinal"]), first_season=row["firstSeason"],
                   first_episode=row["firstEpisode"], first_at=float(row["firstAt"]),
                   first_with=[str(m["name"]) for m in row["firstWith"] or [] if m and m.get("name")],
                   description=row["description"], sources=[dict(s) for s in row["sources"] or []])


@dataclass(frozen=True, slots=True)
class Moment:
    """An earlier scene: a similar segment, or an earlier line a recent one echoes."""

    id: str  # the segment's, or the echoed line's
    video_id: str
    ordinal: int
    season: int | None
    episode: int | None
    start: float
    end: float
    text: str
    score: float
    # entity id -> first mention (s) in the segment
    entities: dict[str, float]
    echo: bool = False  # an earlier line that a recent one quotes


@dataclass
class Context:
    video: VideoRecord
    bound: Bound
    selected_text: str
    language: str
    line_at: float
    people: People
    expressions: list[Expression]
    recent_lines: list[Row]
    # entity id -> first mention in the scene before the selected line / after it (up to the bound)
    in_scene: dict[str, float]
    named_after: dict[str, float]
    # entity id -> its type, for the entities of the scene
    scene_types: dict[str, str]
    references: list[Row]
    named: list[str]
    moments: list[Moment]
    facts: dict[str, EntityFacts] = field(default_factory=dict)
    # entity id -> relations visible at the bound (typed first, then co-appearance)
    relations: dict[str, list[Row]] = field(default_factory=dict)
    # the reading packet's parts (read only when a model reads it, see `gather(reading=True)`):
    # the dialogue up to the bound (this episode's replayed lines, then the previous episode's
    # end before them), the cast known at the bound, the references stored for the window
    replayed: list[Row] = field(default_factory=list)
    previous_lines: list[Row] = field(default_factory=list)
    cast: list[Row] = field(default_factory=list)
    window_references: list[Row] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """The cache form of a selection: NFC, case-folded, single spaces, no outer punctuation."""
    text = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return text.strip(" .,!?…~'\"“”‘’·-")


def _text_keys(text: str) -> set[str]:
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    keys = {name_key(w) for w in words}
    keys |= {name_key(f"{a} {b}") for a, b in zip(words, words[1:], strict=False)}
    return {k for k in keys if len(k) >= 2}


def named_in(text_keys: set[str], name: str) -> bool:
    """The canonical name (or its given name / surname) is a word of the text. Aliases are not
    used: they are series-wide, and an alias learned later (오빠) would give a spoiler away."""
    return bool(text_keys & name_keys(name))


# a turn's speaker label as a player shows a cue ("- JOEY: In the kitchen.", "미소: 네"), and the dashes
# that open dialogue turns
_TURN_LABEL = re.compile(r"(?:^|(?<=[\s\-–—]))(?:[A-Z][A-Z.'’ -]{0,28}[A-Z.]|[가-힣]{1,5}(?: [가-힣]{1,4})?)\s*[:：]\s")
_TURN_DASH = re.compile(r"(?:^|\s)[-–—]+\s*")


LOOSE_MIN_CHARS = 6


def loose_text(text: str) -> str:
    """A selection or a line without what a player or a caption file adds around the words:
    speaker labels, dialogue dashes, line breaks, punctuation and case (letters and digits only)."""
    text = unicodedata.normalize("NFC", text)
    text = _TURN_DASH.sub(" ", _TURN_LABEL.sub(" ", f" {text} "))
    return _NOT_TEXT.sub("", text.casefold())


def _match_rank(line: Row, wanted: str, loose_wanted: str) -> int:
    """1: the line is the selection; 2: it holds the selection; 3: the selection holds it; 4-6:
    the same once labels, dashes, breaks and punctuation are left out (a two-speaker cue as a
    player shows it, a part of a line); 0: none."""
    text = normalise_text(str(line["text"] or ""))
    if not text or not wanted:
        return 0
    if text == wanted or wanted in text or text in wanted:
        return 1 if text == wanted else 2 if wanted in text else 3
    loose_line = loose_text(str(line["text"] or ""))
    if len(loose_line) < 2 or len(loose_wanted) < 2:
        return 0
    if loose_line == loose_wanted:
        return 4
    # a part of a line, or a line of a longer selection, when the part is a phrase ("oh" is in many)
    return 5 if loose_wanted in loose_line and len(loose_wanted) >= LOOSE_MIN_CHARS else \
        6 if loose_line in loose_wanted and len(loose_line) >= LOOSE_MIN_CHARS else 0


def _selected_line(lines: list[Row], selected: str, line_at: float | None) -> Row | None:
    wanted, loose_wanted = normalise_text(selected), loose_text(selected)
    for line in reversed(lines):
        if (line_at is None or abs(float(line["start"]) - line_at) < 1e-6) and _match_rank(line, wanted, loose_wanted):
            return line
    return None


# the selected cue is looked for among lines starting this long before the bucket (the latest CUE_LINES)
CUE_LOOKBACK_SECONDS = 10.0
CUE_LINES = 60
# the lines of the first wave reach this far past the bucket: a line that starts while the selected
# cue is still on screen is one the viewer saw start (the bound is the cue's end)
CUE_OVERHANG_SECONDS = 10.0
# the bound stops this much before the end of the selected cue: every comparison with it is
# inclusive (`<= $until`), and a line starting where the cue ends is a later line
BOUND_EPSILON = 0.001


@dataclass(frozen=True, slots=True)
class Cue:
    start: float
    # what the viewer has seen when it is on screen: its end, but never the start of a later line
    until: float
    # found only once labels, dashes and punctuation were left out: the words may differ, so the
    # request's own timestamp decides whether the viewer has seen it
    loose: bool = False


@dataclass(frozen=True, slots=True)
class EpisodeLines:
    """The lines of the episode the first wave reads: those starting in [since, until], the latest
    `limit` of them when there are more (`rows` oldest first). Lines later than the viewer's bound
    are among them; `between` cuts them at a bound before anything uses them."""

    video_id: str
    since: float
    until: float
    limit: int
    rows: list[Row]

    def between(self, since: float, until: float, limit: int) -> list[Row] | None:
        """The latest `limit` lines starting in [since, until], oldest first, as `repo.recent_lines`
        reads them; None when this read may have left one of them out (then read them)."""
        if since < self.since or until > self.until:
            return None
        inside = [r for r in self.rows if since <= float(r["start"]) <= until][-limit:]
        if len(self.rows) < self.limit:
            return inside  # every line of [self.since, self.until]
        # the read stopped at its oldest line: every later one is here, an equal one perhaps not
        oldest = float(self.rows[0]["start"])
        if oldest < since or (len(inside) == limit and float(inside[0]["start"]) > oldest):
            return inside
        return None


async def episode_lines(store: GraphStore, *, video_id: str, window_start: float, window_end: float) -> EpisodeLines:
    """Wave 1: the lines an explain miss needs from the episode before it knows its bound — the
    selected cue's candidates (`selected_cue`) and the dialogue replayed before the bound (`gather`)
    — in one read: the bound is at least the window's start minus the cue lookback."""
    since = max(0.0, window_start - CUE_LOOKBACK_SECONDS - REPLAY_SECONDS)
    until = window_end + CUE_OVERHANG_SECONDS
    limit = REPLAY_LINES + 2 * CUE_LINES
    rows = await repo.recent_lines(store, video_id=video_id, since=since, until=until, limit=limit)
    return EpisodeLines(video_id=video_id, since=since, until=until, limit=limit, rows=rows)


async def _lines_between(store: GraphStore, lines: EpisodeLines | None, video_id: str, since: float, until: float,
                         limit: int) -> list[Row]:
    found = lines.between(since, until, limit) if lines is not None and lines.video_id == video_id else None
    if found is not None:
        return found
    return await repo.recent_lines(store, video_id=video_id, since=since, until=until, limit=limit)


async def selected_cue(store: GraphStore, lines: EpisodeLines | None, *, video_id: str, text: str,
                       window_start: float, window_end: float) -> Cue | None:
    """The line of the episode the viewer selected: its text matches the selection and it is on
    screen in [window_start, window_end] (the answer's cache bucket, so the answer of a (video,
    text, bucket) key is one). The latest such line; None when no line matches. Found among the
    first wave's `lines` (read here only when they may miss one)."""
    rows = await _lines_between(store, lines, video_id, max(0.0, window_start - CUE_LOOKBACK_SECONDS), window_end,
                                CUE_LINES)
    wanted, loose_wanted = normalise_text(text), loose_text(text)
    # the line that is the selection, else one that holds it, else one the selection holds ("Night."
    # after "Good night, Jack." is a later line, not the selected one); on screen in the bucket first
    matches = [(i, _match_rank(rows[i], wanted, loose_wanted)) for i in range(len(rows))]
    matches = [(i, rank) for i, rank in matches if rank]
    if not matches:
        return None
    best = min(rank for _, rank in matches)
    candidates = [i for i, rank in matches if rank == best]
    on_screen = [i for i in candidates
                 if float(rows[i]["end"] if rows[i]["end"] is not None else rows[i]["start"]) >= window_start]
    chosen = (on_screen or candidates)[-1]
    start = float(rows[chosen]["start"])
    end = float(rows[chosen]["end"] if rows[chosen]["end"] is not None else start)
    later = [float(r["start"]) for r in rows[chosen + 1:] if float(r["start"]) > start]
    # exclusive of the cue's end: contiguous cues (one ends at 2120.06, the next starts at
    # 2120.06) leave the next one out even when it is past the bucket and was not read here
    until = min([end, *later]) - BOUND_EPSILON
    return Cue(start=start, until=max(start, until), loose=best >= 4)


async def _query_vector(provider: LLMProvider, video: VideoRecord, query: str) -> list[float] | None:
    # the query is embedded only with the embedder that filled the series' vectors: two spaces never mix
    if video.segment_embedder != provider.embedder.key:
        return None
    vectors = await provider.embed([query])
    return vectors[0] if vectors else None


def _bigrams(text: str) -> set[str]:
    compact = _NOT_TEXT.sub("", text.casefold())
    return {compact[i:i + 2] for i in range(len(compact) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams (punctuation and spaces ignored)."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _probes(lines: list[Row], line_at: float, selected: str) -> list[str]:
    texts = [str(r["text"] or "") for r in lines if float(r["start"]) <= line_at]
    texts = [t for t in [*texts, selected] if len(_NOT_TEXT.sub("", t)) >= ECHO_MIN_CHARS]
    return list(dict.fromkeys(reversed(texts)))[:ECHO_PROBES]


def _echoes(rows: list[Row], probes: list[str]) -> list[Moment]:
    """Earlier lines a recent line repeats, as moments that show their speaker."""
    echoes: list[Moment] = []
    for row in rows:
        score = max((similarity(str(row["text"] or ""), p) for p in probes), default=0.0)
        if score < ECHO_SIMILARITY:
            continue
        start = float(row["start"])
        echoes.append(Moment(id=row["id"], video_id=row["videoId"], ordinal=int(row["ordinal"]),
                             season=row["season"], episode=row["episode"], start=start, end=start,
                             text=str(row["text"] or ""), score=1.0 + score / 10,
                             entities={row["speakerId"]: start} if row["speakerId"] else {}, echo=True))
    return echoes


def _moment(row: Row) -> Moment:
    return Moment(id=row["id"], video_id=row["videoId"], ordinal=int(row["ordinal"]), season=row["season"],
                  episode=row["episode"], start=float(row["start"]), end=float(row["end"]),
                  text=str(row["text"] or ""), score=float(row["score"]),
                  entities={e["id"]: float(e["at"]) for e in row["entities"] or []})


def _candidates(context: Context) -> list[str]:
    """Who the answer may be about, most likely first: named in the line, stored references,
    named right after it, seen in the earlier moments (by summed weight), in the scene (rarely
    "that person", see resolution); up to MAX_CANDIDATES."""
    weight: dict[str, float] = {}
    for w, moment in zip(moment_weights(context.moments), context.moments, strict=True):
        for entity_id in moment.entities:
            weight[entity_id] = weight.get(entity_id, 0.0) + w
    resolved = [r.entity_id for r in context.people.resolutions if r.entity_id is not None]
    # the places, moments and things a 거기 / 그때 of the line may point at
    kinds = {e.kind for e in context.expressions if e.kind != "character"}
    nearby = sorted((e for e in context.in_scene if context.scene_types.get(e) in kinds),
                    key=lambda e: -context.in_scene[e])
    ordered = [*resolved, *context.named, *nearby, *(r["entityId"] for r in context.references), *context.named_after,
               *sorted(weight, key=lambda e: -weight[e]), *context.in_scene]
    return list(dict.fromkeys(ordered))[:MAX_CANDIDATES]


async def _nothing() -> list[Row]:
    return []


async def gather(store: GraphStore, provider: LLMProvider, video: VideoRecord, bound: Bound,
                 selected_text: str, language: str, cue: Cue | None = None, *, lines: EpisodeLines | None = None,
                 reading: bool = False) -> Context:
    """Waves 2 and 3 (see the module): the dialogue replayed before the bound comes from the first
    wave's `lines` (read here first without them); then one wave of everything the bound alone
    decides, with the reading packet's cast and previous episode's end when `reading`; then the
    facts and relations of the entities they bring up."""
    scene_start = max(0.0, bound.until - SCENE_SECONDS)
    replay_start = max(0.0, bound.until - REPLAY_SECONDS)
    near_start = max(0.0, bound.until - NEAR_REFERENCE_SECONDS)
    refs_start = max(0.0, bound.until - PACKET_SECONDS) if reading else near_start
    replayed = await _lines_between(store, lines, video.id, replay_start, bound.until, REPLAY_LINES)
    selected = _selected_line(replayed, selected_text, cue.start if cue is not None else None)
    line_at = float(selected["start"]) if selected is not None else bound.until
    lines_now = [r for r in replayed if float(r["start"]) >= scene_start][-repo.RECENT_LINES:]
    probes = _probes(lines_now, line_at, selected_text)
    recent = " ".join(str(r["text"] or "") for r in lines_now[-6:] if float(r["start"]) <= line_at)
    # embedded before the wave, so the vector search goes out with the others
    vector = await _query_vector(provider, video, f"{recent} {selected_text}".strip())

    known_rows, window_refs, named_rows, cast, previous, similar, echo_rows = await asyncio.gather(
        repo.scene_entities(store, video_id=video.id, since=replay_start, until=bound.until, scene_since=scene_start,
                            limit=REPLAY_ENTITIES),
        repo.references_near(store, video_id=video.id, since=refs_start, until=bound.until,
                             limit=PACKET_REFERENCES if reading else repo.NEAR_REFERENCES),
        repo.entities_named(store, text=" ".join(name_key(w) for w in selected_text.split()),
                            series_id=video.series_id, k=8),
        # read on every miss: besides the reading packet's cast, it says by which name the viewer
        # knows each person at the bound (a name first said later is a spoiler in any answer)
        repo.cast_before(store, series_id=video.series_id, ordinal=bound.ordinal, until=bound.until),
        repo.previous_episode_lines(store, series_id=video.series_id, ordinal=bound.ordinal, limit=PACKET_LINES)
        if reading and bound.until < PACKET_SECONDS else _nothing(),
        repo.similar_segments(store, vector=vector, series_id=video.series_id, ordinal=bound.ordinal,
                              before=scene_start, k=SIMILAR_MOMENTS) if vector is not None else _nothing(),
        repo.echoed_lines(store, texts=probes, series_id=video.series_id, ordinal=bound.ordinal, before=scene_start))
    heard: dict[str, str] = {}
    for row in cast:  # the name shown of each (the packet's cast too), the other names heard after it
        if row.get("name"):
            names = [str(row["name"]), *(row.get("aliases") or [])]
            shown = heard[str(row["id"])] = heard_name(str(row.get("fullName") or row["name"]), names)
            row["name"], row["aliases"] = shown, [n for n in names if n != shown]
    _as_heard(known_rows, heard)
    refs = [r for r in window_refs if float(r["at"]) >= near_start][:repo.NEAR_REFERENCES]
    scene = [r for r in known_rows if r["sceneAt"] is not None]
    people = resolve_people(lines=replayed, scene=known_rows, refs=refs, selected_text=selected_text, selected=selected,
                            language=language, stored_evidence=video.llm.get("provider") != "offline")

    moments = [*map(_moment, similar), *_echoes(list({r["id"]: r for r in echo_rows}.values()), probes)]
    context = Context(
        video=video, bound=bound, selected_text=selected_text, language=language, line_at=line_at, people=people,
        expressions=find_expressions(selected_text, language), recent_lines=lines_now,
        in_scene={r["id"]: float(r["sceneAt"]) for r in scene if float(r["sceneAt"]) < line_at},
        named_after={r["id"]: float(r["sceneAt"]) for r in scene if float(r["sceneAt"]) > line_at},
        scene_types={r["id"]: str(r.get("type") or "concept") for r in scene},
        references=refs, named=[r["id"] for r in named_rows],
        # the statements bound them already; this keeps a wrong edit there from leaking
        moments=sorted((m for m in moments if bound.allows(m.ordinal, m.end)), key=lambda m: -m.score),
        replayed=replayed, previous_lines=previous, cast=cast, window_references=window_refs)

    candidates = _candidates(context)
    fact_rows, companion_rows = await asyncio.gather(
        repo.entity_facts(store, entity_ids=candidates, ordinal=bound.ordinal, until=bound.until),
        repo.scene_companions(store, entity_ids=candidates, video_id=video.id, until=bound.until))
    _as_heard(fact_rows, heard)
    for row in fact_rows:
        _as_heard(row.get("relations") or [], heard)
        _as_heard(row.get("firstWith") or [], heard)
    for row in companion_rows:
        _as_heard(row.get("companions") or [], heard)
    seen = [r for r in fact_rows if bound.allows(int(r["firstOrdinal"]), float(r["firstAt"]))]
    context.facts = {r["id"]: EntityFacts.from_row(r) for r in seen}
    companions = {r["id"]: r["companions"] for r in companion_rows}
    context.relations = {r["id"]: _merged_relations(r["relations"] or [], companions.get(r["id"], []))
                         for r in seen if r["relations"] or companions.get(r["id"])}
    keys = _text_keys(selected_text)
    context.named = [e for e in context.named if e in context.facts and named_in(keys, context.facts[e].name)]
    return context


def _as_heard(rows: list[Row], heard: dict[str, str]) -> None:
    """Each person by the name the viewer has heard by the bound (`explain_cast`), in place."""
    for row in rows:
        if row and row.get("id") in heard:
            row["name"] = heard[row["id"]]


def _merged_relations(earlier: list[Row], current: list[Row]) -> list[Row]:
    """Typed relations first, then who the entity is seen with (earlier episodes, then this one;
    someone of both keeps this episode's `count`, the only one counted within the bound)."""
    typed = [r for r in earlier if r["type"] != "co_appearance"]
    seen = {r["id"] for r in typed}
    counted = {r["id"]: r for r in current}
    together = []
    for relation in [*(r for r in earlier if r["type"] == "co_appearance"), *current]:
        if relation["id"] not in seen:
            seen.add(relation["id"])
            together.append(counted.get(relation["id"], relation))
    return typed + together


def moment_weights(moments: list[Moment], temperature: float = 0.02) -> list[float]:
    """Similarity scores of one query sit close together; a softmax spreads them."""
    if not moments:
        return []
    best = max(m.score for m in moments)
    return [math.exp((m.score - best) / temperature) for m in moments]
