"""Korean referring expressions: who 걔, 그 사람, 그분, 그 남자 are, as a Korean speaker reads them.

Reads `../shared/data/kdrama/references-dev.tsv` (series, episode, time_s, line, expression,
referent; `-` where a reader abstains: idioms such as 그놈의 생일, song lyrics, someone never
named), ingests every episode of each series it names through the real pipeline (offline
analysis) into an embedded server of its own, asks POST /api/explain about each row's line at its
time, takes the resolution of the row's expression and prints one row per case, then the totals:
named referents right / asked, precision (an answer where a reader abstains counts as wrong) and
correct abstentions. Nothing is asserted; the data is never copied into the repository.

    python bench/references_ko.py [--tsv PATH] [--export-prompts DIR | --answers DIR]

--export-prompts DIR / --answers DIR / GEMINI_API_KEY: explain through Gemini's path (the reading
packet), each request written as DIR/<series>-e<episode>-<case>.json or answered from the file of
the same stem, as in bench/dialogue.py (bench/replay.py); the bench then also prints context
recall, prompt sizes and a spoiler audit.

The line is sent as the viewer would select it: the cue shown at that time whose text is the
line, else the cue nearest that time holding the expression (captions split and join lines, and
drop the ♪ of a lyric), at a timestamp inside that cue.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from api.app import create_app  # noqa: E402
from bench.characters import DATA, characters_of, kdrama_items  # noqa: E402
from bench.explain import free_port  # noqa: E402
from bench.replay import Audit, Exchange, leaks, overlaps, recall_table  # noqa: E402
from explainer.core.runtime import start_server, stop_server  # noqa: E402
from explainer.core.settings import Settings  # noqa: E402
from explainer.llm.offline import warm_up  # noqa: E402
from explainer.subtitles import Cue, parse_subtitles  # noqa: E402
from tests.support.fake_gemini import FakeGemini  # noqa: E402

TSV = DATA / "kdrama" / "references-dev.tsv"
ABSTAIN = "-"


@dataclass
class Case:
    series: str
    episode: int
    time_s: float
    line: str
    expression: str
    referent: str  # "-": a reader abstains


@dataclass
class Outcome:
    case: Case
    selected: str
    answer: str  # the entity's name, "" when explain abstains
    confidence: float
    evidence: str
    right: bool
    description: str = ""  # someone the answer describes instead of naming (scored as an abstention)


LATER_CUES = 3
AUDIT_MIN_CHARS = 6


def load(path: Path) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as f:
        return [Case(row["series"], int(row["episode"]), float(row["time_s"]), row["line"], row["expression"],
                     row["referent"].strip()) for row in csv.DictReader(f, delimiter="\t")]


def cues_of(item: dict[str, Any]) -> list[Cue]:
    return parse_subtitles(item["data"], filename=item["filename"]).cues


def later_cues(cues: list[Cue], text: str, at: float) -> list[str]:
    """The texts of the cues after the one selected at `at` (the audit's spoilers)."""
    shown = [i for i, c in enumerate(cues) if c.start <= at and c.text == text]
    after = cues[shown[-1] + 1:] if shown else [c for c in cues if c.start > at]
    earlier = {c.text for c in cues if c.start <= at}
    return [c.text for c in after[:LATER_CUES] if len(c.text) >= AUDIT_MIN_CHARS and c.text not in earlier]


def select(case: Case, cues: list[Cue]) -> tuple[str, float]:
    """The text a viewer selects and a timestamp inside its cue."""
    def distance(cue: Cue) -> float:
        return max(cue.start - case.time_s, case.time_s - cue.end, 0.0)

    exact = [c for c in cues if c.text == case.line and distance(c) <= 2.0]
    holding = [c for c in cues if case.expression in c.text and distance(c) <= 5.0]
    chosen = min(exact or holding, key=distance, default=None)
    if chosen is None:
        return case.line, case.time_s
    return chosen.text, round(min(max(case.time_s, chosen.start + 0.05), chosen.end - 0.05), 3)


def same_person(referent: str, forms: set[str]) -> bool:
    """The referent is the entity: one of its names or aliases, or the given name of one of its
    full names (영서 for 진영서) or the full name of its given name."""
    key = referent.replace(" ", "")
    for form in (f.replace(" ", "") for f in forms):
        if key == form or (len(form) == 3 and form[1:] == key) or (len(key) == 3 and key[1:] == form):
            return True
    return False


def resolution_of(resolutions: list[dict[str, Any]], text: str, expression: str) -> dict[str, Any] | None:
    """The resolution of the expression: the one overlapping its place in the text, else one whose
    surface text holds it (걔는 for 걔) or is held by it."""
    at = text.find(expression)
    if at >= 0:
        for r in resolutions:
            if r["offset"] < at + len(expression) and at < r["offset"] + len(r["expression"]):
                return r
    return next((r for r in resolutions if expression in r["expression"] or r["expression"] in expression), None)


async def ask(settings: Settings, cases: list[Case], app_settings: Settings | None = None,
              exchange: Exchange | None = None, audit: Audit | None = None) -> list[Outcome]:
    by_series = {case.series for case in cases}
    items = {series: kdrama_items(series) for series in sorted(by_series)}
    aliases: dict[str, set[str]] = {}
    for series_items in items.values():
        for row in await characters_of(settings, series_items):
            aliases[row["id"]] = {row["name"], *(row.get("aliases") or [])}
    cues = {(series, item["registration"]["episode"]): (item["registration"]["video_id"], cues_of(item))
            for series, series_items in items.items() for item in series_items}
    warm_up()  # load the Korean model before serving (see bench/dialogue.py)
    app = create_app(app_settings or settings)
    outcomes: list[Outcome] = []
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=60) as http:
            for number, case in enumerate(cases):
                video_id, episode_cues = cues[(case.series, case.episode)]
                text, at = select(case, episode_cues)
                stem = f"{case.series}-e{case.episode:02d}-{number:03d}"
                if exchange is not None:
                    exchange.stem = stem
                response = await http.post("/api/explain", json={"videoId": video_id, "selectedText": text,
                                                                 "timestamp": at})
                if response.status_code != 200:
                    raise RuntimeError(f"{response.status_code} {response.text}")
                explanation = response.json()["data"]["explanation"]
                if exchange is not None and audit is not None:
                    if response.json()["data"]["degraded"]:
                        audit.degraded.append(stem)
                    _audit(audit, exchange, stem, case, text, later_cues(episode_cues, text, at),
                           json.dumps(explanation, ensure_ascii=False))
                hit = resolution_of(explanation["resolutions"], text, case.expression)
                entity = hit["entity"] if hit else None
                answer = entity["name"] if entity else ""
                if entity and entity.get("type") != "character":
                    answer += f" ({entity.get('type')})"  # 생일날 (concept): not even a person
                forms = aliases.get(entity["id"], {entity["name"]}) if entity else set()
                right = not entity if case.referent == ABSTAIN else bool(entity) and same_person(case.referent, forms)
                outcomes.append(Outcome(case, text, answer, float(hit["confidence"]) if hit else 0.0,
                                        str(hit["evidence"]) if hit else "", right,
                                        str(hit.get("description") or "") if hit else ""))
    return outcomes


def _audit(audit: Audit, exchange: Exchange, stem: str, case: Case, text: str, later: list[str],
           answer: str) -> None:
    audit.leaked += [(stem, t) for t in later if t in answer]
    prompt = exchange.prompt(stem)
    if prompt is None:
        return  # answered from the cache: no request
    audit.questions += 1
    # any occurrence of the expression in the line (그 is also the start of 그래서)
    starts = [i for i in range(len(text)) if text.startswith(case.expression, i)]
    listed = any(any(overlaps(m, at, at + len(case.expression)) for at in starts) if starts
                 else case.expression in m[1] for m in prompt.mentions())
    in_cast = None if case.referent == ABSTAIN else \
        any(same_person(case.referent, set(person)) for person in prompt.cast())
    audit.recall.append((listed, in_cast))
    if not listed:
        audit.unlisted.append(f"{stem}: {case.expression} ({text})")
    audit.leaked += [(stem, t) for t in leaks(later, prompt, exchange.answers.get(stem, ""))]


def _width(text: str) -> int:
    """Terminal columns: Hangul and other wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def table(outcomes: list[Outcome]) -> str:
    rows = [(o.case.expression, o.case.line, "abstain" if o.case.referent == ABSTAIN else o.case.referent,
             o.answer or "abstain", f"{o.confidence:.2f}", "right" if o.right else "WRONG", o.evidence or "-")
            for o in outcomes]
    header = ("expression", "line", "expected", "answered", "conf", "", "evidence")
    widths = [max(_width(row[i]) for row in (header, *rows)) for i in range(len(header) - 1)]
    lines = ["  ".join(_pad(cell, w) for cell, w in zip(header, widths, strict=False)) + "  " + header[-1]]
    for o, row in zip(outcomes, rows, strict=True):
        lines.append("  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1])
        if o.selected != o.case.line:
            lines.append(f"{'':{widths[0]}}  (sent the cue: {o.selected})")
    named = [o for o in outcomes if o.case.referent != ABSTAIN]
    abstain = [o for o in outcomes if o.case.referent == ABSTAIN]
    answered = [o for o in outcomes if o.answer]
    right_named = sum(o.right for o in named)
    right_answers = sum(o.right for o in answered)
    lines += ["",
              f"named referents right: {right_named}/{len(named)} ({right_named / max(1, len(named)):.0%}; "
              "target on held-out series >= 60 %)",
              f"precision: {right_answers}/{len(answered)} ({right_answers / max(1, len(answered)):.0%}; an answer "
              "where a reader abstains is wrong; target >= 80 %)",
              f"correct abstentions: {sum(o.right for o in abstain)}/{len(abstain)}"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tsv", type=Path, default=TSV)
    parser.add_argument("--export-prompts", default="", metavar="DIR", help="write every explain request here")
    parser.add_argument("--answers", default="", metavar="DIR", help="replay the answers of this directory")
    args = parser.parse_args()
    cases = load(args.tsv)
    exchange = Exchange.from_args(args.export_prompts, args.answers)
    audit = Audit()
    with tempfile.TemporaryDirectory(prefix="references-ko-bench-") as tmp, FakeGemini() as fake:
        data_dir = Path(tmp)
        info = start_server(data_dir, free_port())
        try:
            settings = Settings(_env_file=None, environment="test", graph_backend="falkordb",  # type: ignore[call-arg]
                                redis_url=info.url, data_dir=data_dir, embedded_port=info.port,
                                graph_name="bench_references_ko", llm_provider="offline", enrich_enabled=False,
                                rate_limit_per_minute=10**9, log_level="WARNING")
            app_settings = exchange.attach(fake, settings) if exchange.mode else settings
            outcomes = asyncio.run(ask(settings, cases, app_settings, exchange if exchange.mode else None, audit))
        finally:
            stop_server(data_dir)
    series = ", ".join(sorted({c.series for c in cases}))
    print(f"Korean referring expressions, {args.tsv.name} ({series}), offline analysis, explain: "
          f"{exchange.describe()}, {len(cases)} cases")
    print(table(outcomes))
    if exchange.mode:
        described = [o for o in outcomes if o.description]
        print()
        print(recall_table(audit.recall))
        print("".join(f"  not listed: {u}\n" for u in audit.unlisted), end="")
        print(exchange.size_table())
        print(f"spoiler audit: {len(audit.leaked)} of the next {LATER_CUES} cues in {audit.questions} prompts and "
              f"their answers (target 0){': ' + repr(audit.leaked[:5]) if audit.leaked else ''}")
        print(f"descriptions given instead of a name: {len(described)} (scored as abstentions)"
              + "".join(f"\n  {o.case.expression} ({o.case.line}): {o.description}" for o in described))
        if exchange.mode == "replay":
            print(f"answer files: {len(exchange.answers)} used, {len(exchange.missing)} missing")
        if exchange.mode != "export":
            print(f"answers unusable (no text, or not the response schema; answered graph-only): "
                  f"{len(audit.degraded)}{' ' + repr(audit.degraded[:8]) if audit.degraded else ''}")


if __name__ == "__main__":
    main()
