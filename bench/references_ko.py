"""Korean referring expressions: who 걔, 그 사람, 그분, 그 남자 are, as a Korean speaker reads them.

Reads `../shared/data/kdrama/references-dev.tsv` (series, episode, time_s, line, expression,
referent; `-` where a reader abstains: idioms such as 그놈의 생일, song lyrics, someone never
named), ingests every episode of each series it names through the real pipeline (offline
analysis) into an embedded server of its own, asks POST /api/explain about each row's line at its
time, takes the resolution of the row's expression and prints one row per case, then the totals:
named referents right / asked, precision (an answer where a reader abstains counts as wrong) and
correct abstentions. Nothing is asserted; the data is never copied into the repository.

    python bench/references_ko.py [--tsv PATH]

The line is sent as the viewer would select it: the cue shown at that time whose text is the
line, else the cue nearest that time holding the expression (captions split and join lines, and
drop the ♪ of a lyric), at a timestamp inside that cue.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
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
from explainer.core.runtime import start_server, stop_server  # noqa: E402
from explainer.core.settings import Settings  # noqa: E402
from explainer.llm.offline import warm_up  # noqa: E402
from explainer.subtitles import Cue, parse_subtitles  # noqa: E402

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


def load(path: Path) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as f:
        return [Case(row["series"], int(row["episode"]), float(row["time_s"]), row["line"], row["expression"],
                     row["referent"].strip()) for row in csv.DictReader(f, delimiter="\t")]


def cues_of(item: dict[str, Any]) -> list[Cue]:
    return parse_subtitles(item["data"], filename=item["filename"]).cues


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


async def ask(settings: Settings, cases: list[Case]) -> list[Outcome]:
    by_series = {case.series for case in cases}
    items = {series: kdrama_items(series) for series in sorted(by_series)}
    aliases: dict[str, set[str]] = {}
    for series_items in items.values():
        for row in await characters_of(settings, series_items):
            aliases[row["id"]] = {row["name"], *(row.get("aliases") or [])}
    cues = {(series, item["registration"]["episode"]): (item["registration"]["video_id"], cues_of(item))
            for series, series_items in items.items() for item in series_items}
    warm_up()  # load the Korean model before serving (see bench/dialogue.py)
    app = create_app(settings)
    outcomes: list[Outcome] = []
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=60) as http:
            for case in cases:
                video_id, episode_cues = cues[(case.series, case.episode)]
                text, at = select(case, episode_cues)
                response = await http.post("/api/explain", json={"videoId": video_id, "selectedText": text,
                                                                 "timestamp": at})
                if response.status_code != 200:
                    raise RuntimeError(f"{response.status_code} {response.text}")
                hit = resolution_of(response.json()["data"]["explanation"]["resolutions"], text, case.expression)
                entity = hit["entity"] if hit else None
                answer = entity["name"] if entity else ""
                if entity and entity.get("type") != "character":
                    answer += f" ({entity.get('type')})"  # 생일날 (concept): not even a person
                forms = aliases.get(entity["id"], {entity["name"]}) if entity else set()
                right = not entity if case.referent == ABSTAIN else bool(entity) and same_person(case.referent, forms)
                outcomes.append(Outcome(case, text, answer, float(hit["confidence"]) if hit else 0.0,
                                        str(hit["evidence"]) if hit else "", right))
    return outcomes


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
    args = parser.parse_args()
    cases = load(args.tsv)
    with tempfile.TemporaryDirectory(prefix="references-ko-bench-") as tmp:
        data_dir = Path(tmp)
        info = start_server(data_dir, free_port())
        try:
            settings = Settings(_env_file=None, environment="test", graph_backend="falkordb",  # type: ignore[call-arg]
                                redis_url=info.url, data_dir=data_dir, embedded_port=info.port,
                                graph_name="bench_references_ko", llm_provider="offline", enrich_enabled=False,
                                rate_limit_per_minute=10**9, log_level="WARNING")
            outcomes = asyncio.run(ask(settings, cases))
        finally:
            stop_server(data_dir)
    series = ", ".join(sorted({c.series for c in cases}))
    print(f"Korean referring expressions, {args.tsv.name} ({series}), offline analysis, {len(cases)} cases")
    print(table(outcomes))


if __name__ == "__main__":
    main()
