"""Dialogue benchmark: who "he", "you", "mom" and "Ross" are, measured on annotated TV dialogue.

Reads the Emory NLP character identification dev split (Friends, gold characters for every
singular mention) from ../shared/data/friends (never copied into the repository), writes each
episode as an SRT with SDH speaker labels (`ROSS: …`), ingests it through the real pipeline into
an embedded server of its own, asks POST /api/explain about every utterance at its time, and
prints per class — third-person pronouns, first/second person, names and descriptions — asked,
answered, correct, accuracy (correct / asked) and precision (correct / answered), and a
calibration table (stated confidence vs observed accuracy).

    python bench/dialogue.py [--oracle] [--episodes s01_e20,...] [--fit]
                             [--third-person] [--labels all|changes|none]
                             [--export-prompts DIR | --answers DIR]

--oracle: analysis is answered by a local Gemini-speaking server from the gold labels (a perfect
LLM), so the table shows what the pipeline itself loses.
--fit: also fit the resolver's calibration (explainer/reading/calibration.py) on episodes 20
and print the constants. The tables are printed apart: the fit set (episodes 20, which
calibration and rules were tuned on) and the measured set (episodes 21, held out).
Timing is ordinary: no extra gap between scenes.
--labels: which lines carry their speaker's label (all by default; changes: only a line whose
speaker differs from the line before; none: no labels, as community captions).
--third-person: ask only the utterances holding a he/she/him/her (every mention of them is scored):
the set to export for a model, a third of the questions.
--export-prompts DIR: explain goes through Gemini's path (the reading packet) and every explain
request is written as DIR/<episode>-u<utterance>.json, exactly as google-genai sends it (no gold
label in it); no model answers.
--answers DIR: the same requests answered from DIR/<same stem>.json (JSON in the response
schema), replayed through the real SDK against the local Gemini-speaking server, scored with
the same tables. With GEMINI_API_KEY set (and neither option), the Gemini API answers.
With either (or the key), the bench also prints context recall, the prompt sizes and a spoiler
audit (later lines in prompts or answers); see bench/replay.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from pydantic import SecretStr

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.app import create_app  # noqa: E402
from bench.explain import free_port  # noqa: E402
from bench.replay import Audit, Exchange, leaks, overlaps, recall_table  # noqa: E402
from cli.local_ingest import ingest_files  # noqa: E402
from explainer.core.runtime import start_server, stop_server  # noqa: E402
from explainer.core.settings import Settings  # noqa: E402
from explainer.llm.offline import warm_up  # noqa: E402
from explainer.reading import calibration  # noqa: E402
from explainer.text import en  # noqa: E402
from explainer.text.names import cuts_short, name_key, pet_ending  # noqa: E402
from graph.schema import ensure_schema  # noqa: E402
from graph.stores import open_store  # noqa: E402
from tests.support.fake_gemini import FakeGemini, OracleLine  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "friends" / "character-identification-dev.json"
THIRD = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
PERSONAL = {"i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself"}
NOT_PEOPLE = {"#GENERAL#", "#OTHER#"}
CLASSES = ("third-person pronouns", "first/second person", "names and descriptions")
# ordinary caption timing: a scene change carries no extra gap (published captions mostly have
# none), so the resolver is measured without scene boundaries given away by the clock
SCENE_GAP = 0.0
NO_SPACE_BEFORE = {".", ",", "!", "?", ";", ":", "n't", "'s", "'re", "'m", "'ll", "'ve", "'d", "...", ")", "%"}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    gold: str


@dataclass
class Utterance:
    video_id: str
    speaker: str | None
    text: str
    start: float
    end: float
    mentions: list[Mention] = field(default_factory=list)


def detokenise(sentences: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """The utterance's text and every token's character span."""
    text, spans = "", []
    for tokens in sentences:
        sentence_spans = []
        for token in tokens:
            if text and token not in NO_SPACE_BEFORE and not text.endswith(("(", "$")):
                text += " "
            sentence_spans.append((len(text), len(text) + len(token)))
            text += token
        spans.append(sentence_spans)
    return text, spans


def label(name: str) -> str:
    """The SDH label of a character: ROSS (first name), MR. HECKLES, SALESLADY (The Saleslady:
    captions never label a speaker THE)."""
    words = name.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    first = words[0] if words[0].rstrip(".").lower() not in {"mr", "mrs", "ms", "dr"} else " ".join(words[:2])
    return first.upper()


def load(selected: set[str] | None) -> dict[str, list[Utterance]]:
    episodes: dict[str, list[Utterance]] = {}
    for season in _seasons():
        for episode in season["episodes"]:
            episode_id = episode["episode_id"]
            if selected and episode_id not in selected:
                continue
            video_id = f"friends-{episode_id}"
            clock, utterances = 5.0, []
            for scene in episode["scenes"]:
                for u in scene["utterances"]:
                    if not u["tokens"]:
                        continue
                    text, spans = detokenise(u["tokens"])
                    duration = round(max(1.5, min(6.0, 0.06 * len(text))), 1)
                    speaker = u["speakers"][0] if u["speakers"] else None
                    item = Utterance(video_id, speaker, text, round(clock, 1), round(clock + duration, 1))
                    for sentence, entities in zip(spans, u["character_entities"], strict=False):
                        for begin, end, *names in entities:
                            if len(names) != 1:
                                continue  # plural
                            a, b = sentence[begin][0], sentence[end - 1][1]
                            item.mentions.append(Mention(a, b, text[a:b], names[0]))
                    utterances.append(item)
                    clock += duration + 0.5
                clock += SCENE_GAP
            episodes[episode_id] = utterances
    return episodes


def _seasons() -> list[dict[str, Any]]:
    data = json.loads(DATA.read_text())
    return data if isinstance(data, list) else [data]


# which lines carry their speaker's label: "all" (every line, as in a full SDH transcript),
# "changes" (only a line whose speaker differs from the line before), "none" (community captions)
LABELS = ("all", "changes", "none")


def srt(utterances: list[Utterance], labels: str = "all") -> bytes:
    def stamp(t: float) -> str:
        ms = round(t * 1000)
        return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"

    def labelled(i: int, u: Utterance) -> bool:
        return bool(u.speaker) and (labels == "all" or labels == "changes" and (
            i == 0 or utterances[i - 1].speaker != u.speaker))

    blocks = [f"{i + 1}\n{stamp(u.start)} --> {stamp(u.end)}\n"
              f"{label(u.speaker) + ': ' if labelled(i, u) else ''}{u.text}\n"
              for i, u in enumerate(utterances)]
    return "\n".join(blocks).encode()


def class_of(mention: Mention) -> str:
    word = mention.text.lower()
    if word in THIRD:
        return CLASSES[0]
    if word in PERSONAL:
        return CLASSES[1]
    return CLASSES[2]


def same_person(answer: str, gold: str) -> bool:
    """The answer names the gold person, scored fairly: the same name, or the gold's first name
    alone, cut short or with a pet ending (Pete, Rach, Phoebs, Rossy); a role the gold writes with
    an article is the speaker label without it (The Saleslady, SALESLADY:)."""
    answer, gold = (re.sub(r"^the\s+", "", n.strip(), flags=re.I) for n in (answer, gold))
    keys = {name_key(gold)}
    words = gold.split()
    if words:
        keys.add(name_key(words[0]))
    alone = len(answer.split()) == 1 and len(answer) >= 3
    return name_key(answer) in keys or alone and (
        name_key(answer) in keys or bool(words) and (cuts_short(answer, gold) or pet_ending(answer, gold)))


def items(episodes: dict[str, list[Utterance]], labels: str = "all") -> list[dict[str, Any]]:
    found = []
    for episode_id, utterances in episodes.items():
        season, episode = (int(part[1:]) for part in episode_id.split("_"))
        found.append({"registration": {"platform": "local", "video_id": utterances[0].video_id,
                                       "title": f"Friends {episode_id}", "series_title": "Friends",
                                       "series_id": "friends", "season": season, "episode": episode,
                                       "duration": utterances[-1].end + 10, "language": "en"},
                      "data": srt(utterances, labels), "filename": f"{episode_id}.srt"})
    return sorted(found, key=lambda i: (i["registration"]["season"], i["registration"]["episode"]))


def oracle_labels(episodes: dict[str, list[Utterance]]) -> list[OracleLine]:
    return [OracleLine(text=u.text, speaker=u.speaker, at=u.start,
                       mentions=tuple((m.text, m.gold) for m in u.mentions if m.gold not in NOT_PEOPLE))
            for utterances in episodes.values() for u in utterances]


@dataclass
class Outcome:
    kind: str
    answered: bool
    correct: bool
    confidence: float
    episode: str
    word: str = ""
    evidence: str = ""
    line: str = ""  # for --errors: the utterance, the gold character, the answer
    gold: str = ""
    answer: str = ""
    offset: int = 0
    description: str = ""  # someone the answer describes instead of naming (the model's reading)


LATER_LINES = 3
AUDIT_MIN_CHARS = 15


def _audit(audit: Audit, exchange: Exchange, stem: str, wanted: list[Mention], seen: set[str],
           later: list[str], explanation: dict[str, Any]) -> None:
    prompt = exchange.prompt(stem)
    answer = json.dumps(explanation, ensure_ascii=False)
    audit.leaked += [(stem, t) for t in later if t in answer]
    if prompt is None:
        return  # answered from the cache: no request
    audit.questions += 1
    mentions, cast = prompt.mentions(), prompt.cast()
    for m in wanted:
        listed = any(overlaps(found, m.start, m.end) for found in mentions)
        # a role the captions label someone by (WOMAN, MAN 1) names no one
        first = m.gold.split()[0]
        named_before = name_key(first) in seen and first.lower() not in en.GENERIC_SPEAKERS
        in_cast = any(same_person(name, m.gold) for person in cast for name in person) if named_before else None
        audit.recall.append((listed, in_cast))
    audit.leaked += [(stem, t) for t in leaks(later, prompt, exchange.answers.get(stem, ""))]


def _name_keys_of(u: Utterance) -> set[str]:
    """What an utterance shows of names: its speaker label and its words."""
    keys = {name_key(w) for w in u.text.replace("'s", " ").split()}
    if u.speaker:
        keys.add(name_key(label(u.speaker)))
    return keys


async def ask_all(settings: Settings, episodes: dict[str, list[Utterance]],
                  exchange: Exchange | None = None, audit: Audit | None = None,
                  third_person: bool = False) -> list[Outcome]:
    outcomes: list[Outcome] = []
    seen: set[str] = set()  # name keys said or shown as speakers so far (the series in order)
    # The app's lifespan loads the offline analyser's Korean model in a thread; the load holds the
    # GIL for seconds (8 s measured under load), so the event loop stalls and the first explain
    # calls time out on the stores' 2 s connect timeout (503 GRAPH_UNAVAILABLE "Timeout connecting
    # to server"). Load it before serving: the lifespan's warm-up is then a no-op.
    warm_up()
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=60) as http:
            for episode_id, utterances in episodes.items():
                for index, u in enumerate(utterances):
                    wanted = [m for m in u.mentions if m.gold not in NOT_PEOPLE]
                    if not wanted or (third_person and not any(class_of(m) == CLASSES[0] for m in wanted)):
                        seen.update(_name_keys_of(u))
                        continue
                    stem = f"{episode_id}-u{index:04d}"
                    if exchange is not None:
                        exchange.stem = stem
                    at = round(u.start + min(0.5, (u.end - u.start) / 2), 2)
                    response = await http.post("/api/explain", json={"videoId": u.video_id, "selectedText": u.text,
                                                                     "timestamp": at})
                    if response.status_code != 200:
                        raise RuntimeError(f"{response.status_code} {response.text}")
                    explanation = response.json()["data"]["explanation"]
                    answers = explanation["resolutions"]
                    if exchange is not None and audit is not None:
                        if response.json()["data"]["degraded"]:
                            audit.degraded.append(stem)
                        earlier = {v.text for v in utterances[:index + 1]}
                        later = [v.text for v in utterances[index + 1:index + 1 + LATER_LINES]
                                 if len(v.text) >= AUDIT_MIN_CHARS and v.text not in earlier]
                        _audit(audit, exchange, stem, wanted, seen, later, explanation)
                    seen.update(_name_keys_of(u))
                    for mention in wanted:
                        hit = next((r for r in answers if r["offset"] < mention.end
                                    and mention.start < r["offset"] + len(r["expression"])), None)
                        entity = hit["entity"] if hit else None
                        answered = entity is not None
                        outcomes.append(Outcome(class_of(mention), answered,
                                                answered and same_person(entity["name"], mention.gold),
                                                float(hit["confidence"]) if hit else 0.0, episode_id,
                                                mention.text.lower(), str(hit["evidence"]) if hit else "",
                                                f"{u.speaker}: {u.text}", mention.gold,
                                                entity["name"] if entity else "", mention.start,
                                                str(hit.get("description") or "") if hit else ""))
    return outcomes


def table(outcomes: list[Outcome], title: str) -> str:
    lines = [title, f"{'class':<26} {'asked':>6} {'answered':>9} {'correct':>8} {'accuracy':>9} {'precision':>10}"]
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[o.kind].append(o)
    for kind in (*CLASSES, "all singular mentions"):
        rows = outcomes if kind == "all singular mentions" else groups[kind]
        asked, answered = len(rows), sum(o.answered for o in rows)
        correct = sum(o.correct for o in rows)
        lines.append(f"{kind:<26} {asked:>6} {answered:>9} {correct:>8} {correct / max(asked, 1):>9.1%} "
                     f"{correct / max(answered, 1):>10.1%}")
    for label, chosen in (("all mentions", outcomes), (CLASSES[0], groups[CLASSES[0]])):
        lines.append("")
        lines.append(f"{'stated confidence':<26} {'answers':>8} {'mean stated':>12} {'observed':>9}   ({label})")
        bins = [(0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
        for low, high in bins:
            rows = [o for o in chosen if o.answered and low <= o.confidence < high]
            if rows:
                stated = sum(o.confidence for o in rows) / len(rows)
                observed = sum(o.correct for o in rows) / len(rows)
                lines.append(f"{f'{low:.1f}-{min(high, 1.0):.1f}':<26} {len(rows):>8} {stated:>12.2f} {observed:>9.1%}")
    return "\n".join(lines)


# explain's own answers, not the resolver's margin: a callback to an earlier scene, a provider's pick
_NOT_THE_RESOLVER = ("seen in a similar earlier scene", "named right after this line", "important in the series",
                     "chosen among the candidates")
_SECOND = {"you", "your", "yours", "yourself", "ya"}
FIT_EPISODES = "e20"  # the calibration's fit set; the others (e21) are held out


def fit(outcomes: list[Outcome]) -> dict[str, tuple[float, float]]:
    """Logistic regression of correctness on the resolver's margin, per kind of mention. The run is
    the pipeline as shipped (changing the constants for the run would change what analysis stores
    and so the answers themselves): a stated confidence c came from the current (a, b), so
    margin = (logit(c) - b) / a."""
    selections = {"third": lambda o: o.kind == CLASSES[0], "second": lambda o: o.word in _SECOND}
    constants: dict[str, tuple[float, float]] = {}
    for name, selected in selections.items():
        rows = [o for o in outcomes if selected(o) and o.answered and 0.0 < o.confidence < 1.0
                and not o.evidence.startswith(_NOT_THE_RESOLVER)]
        if len(rows) < 20:
            continue
        a0, b0 = calibration.CALIBRATION[name]
        margin = np.array([(math.log(o.confidence / (1 - o.confidence)) - b0) / a0 for o in rows])
        y = np.array([1.0 if o.correct else 0.0 for o in rows])
        a, b = 1.0, 0.0
        ridge = 1.0  # keeps the slope finite when the answers are (nearly) all right; the intercept is free
        penalty = np.array([ridge, 1e-6])
        for _ in range(100):  # damped Newton's method on the penalised log-likelihood
            p = 1 / (1 + np.exp(-np.clip(a * margin + b, -30, 30)))
            grad = np.array([np.sum((p - y) * margin), np.sum(p - y)]) + penalty * np.array([a, b])
            w = p * (1 - p)
            hess = np.array([[np.sum(w * margin * margin), np.sum(w * margin)], [np.sum(w * margin), np.sum(w)]])
            step = np.clip(np.linalg.solve(hess + np.diag(penalty), grad), -1.0, 1.0)
            a, b = a - step[0], b - step[1]
        constants[name] = (round(float(a), 3), round(float(b), 3))
    if "third" in constants:
        constants["description"] = constants["third"]  # too few gold descriptions to fit their own
    return constants


async def run(settings: Settings, episodes: dict[str, list[Utterance]], app_settings: Settings | None = None,
              exchange: Exchange | None = None, audit: Audit | None = None,
              third_person: bool = False, labels: str = "all") -> list[Outcome]:
    store = open_store(settings)
    await store.drop_all()
    await ensure_schema(store, settings.embedding_dim)
    await store.close()
    await ingest_files(settings, items(episodes, labels))
    return await ask_all(app_settings or settings, episodes, exchange, audit, third_person)


def model_report(exchange: Exchange, audit: Audit, outcomes: list[Outcome]) -> str:
    described = [o for o in outcomes if o.description]
    lines = [recall_table(audit.recall), exchange.size_table(),
             f"spoiler audit: {len(audit.leaked)} of the next {LATER_LINES} lines in {audit.questions} prompts "
             f"and their answers (target 0){': ' + repr(audit.leaked[:5]) if audit.leaked else ''}",
             f"descriptions given instead of a name: {len(described)} (scored as not answered; judge them "
             "with --errors)"]
    if exchange.mode == "replay":
        lines.append(f"answer files: {len(exchange.answers)} used, {len(exchange.missing)} missing")
    if exchange.mode != "export":
        lines.append(f"answers unusable (no text, or not the response schema; answered graph-only): "
                     f"{len(audit.degraded)}{' ' + repr(audit.degraded[:8]) if audit.degraded else ''}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oracle", action="store_true")
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--episodes", default="", help="comma-separated episode ids (default: all)")
    parser.add_argument("--errors", default="", help="write every outcome as JSON lines to this file")
    parser.add_argument("--third-person", action="store_true", help="only utterances holding a he/she/him/her")
    parser.add_argument("--export-prompts", default="", metavar="DIR", help="write every explain request here")
    parser.add_argument("--answers", default="", metavar="DIR", help="replay the answers of this directory")
    parser.add_argument("--labels", choices=LABELS, default="all",
                        help="which lines carry a speaker label: all (default), changes (a new speaker), none")
    args = parser.parse_args()
    exchange = Exchange.from_args(args.export_prompts, args.answers)
    audit = Audit()
    episodes = load(set(filter(None, args.episodes.split(","))) or None)
    with tempfile.TemporaryDirectory(prefix="dialogue-bench-") as tmp, FakeGemini() as fake:
        data_dir = Path(tmp)
        info = start_server(data_dir, free_port())
        try:
            settings = Settings(_env_file=None, environment="test", graph_backend="falkordb",  # type: ignore[call-arg]
                                redis_url=info.url, data_dir=data_dir, embedded_port=info.port, graph_name="bench",
                                llm_provider="offline", enrich_enabled=False, rate_limit_per_minute=10**9)
            if args.oracle:
                fake.oracle = oracle_labels(episodes)
                settings = settings.model_copy(update={
                    "llm_provider": "gemini", "gemini_api_key": SecretStr("bench"), "gemini_base_url": fake.url,
                    "gemini_requests_per_minute": 10**6, "gemini_concurrency": 8})
            app_settings = exchange.attach(fake, settings) if exchange.mode else settings
            outcomes = asyncio.run(run(settings, episodes, app_settings, exchange if exchange.mode else None, audit,
                                       args.third_person, args.labels))
        finally:
            stop_server(data_dir)
    if args.errors:
        Path(args.errors).write_text("".join(json.dumps(o.__dict__) + "\n" for o in outcomes))
    mode = "oracle (analysis answered from the gold labels)" if args.oracle else "offline analysis"
    mode += f"; explain: {exchange.describe()}"
    fitted = [o for o in outcomes if o.episode.endswith(FIT_EPISODES)]
    measured = [o for o in outcomes if not o.episode.endswith(FIT_EPISODES)]
    if args.fit:
        print("CALIBRATION fit on episodes 20:", fit(fitted))
        print("(on the answers the shipped constants state: the tables below are those constants')")
        print()
    # the calibration is fit on episodes 20 (and rules were tuned on them): their figures are not a
    # result; episodes 21 are the measurement
    for name, rows in (("FIT SET (episodes 20, tuned on)", fitted), ("MEASURED SET (episodes 21, held out)", measured)):
        if rows:
            print(table(rows, f"{name}: Friends dev, {len({o.episode for o in rows})} episodes, {mode}"))
            print()
    if exchange.mode:
        print(model_report(exchange, audit, outcomes))


if __name__ == "__main__":
    main()
