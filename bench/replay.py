"""Explain requests of a benchmark, one per question, through the real google-genai SDK and the
local Gemini-speaking server (tests/support/fake_gemini.py), in one of three modes:

- export (`--export-prompts DIR`): every explain request is written as DIR/<question>.json, the
  exact body the SDK sent (systemInstruction, contents, generationConfig with the response
  schema); the server answers with an empty reading, so nothing depends on a model;
- replay (`--answers DIR`): the request of question <q> is answered with the text of
  DIR/<q>.json (JSON in the response schema, as a model would write it); a missing file gets an
  empty reading;
- real model (GEMINI_API_KEY set, neither of the above): the server forwards each request to the
  Gemini API and relays its answer.

Either way every request is kept, so the bench can measure what the model was given: context
recall (each gold mention listed as a mention; the gold person in the prompt's cast), the prompt
size distribution, and a spoiler audit (no later line in any prompt or answer).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr

from explainer.core.settings import Settings
from explainer.llm.gemini import estimate_tokens
from tests.support.fake_gemini import FakeGemini, RecordedRequest, Reply, generate_reply

GEMINI_API = "https://generativelanguage.googleapis.com"
EMPTY_READING = {"text": "", "resolutions": [], "references": [], "sources": []}
_MENTION = re.compile(r'^- offset (\d+) "(.*)" \[', re.M)
_CAST_LINE = re.compile(r"^- \*?(.+)$")


@dataclass
class Prompt:
    stem: str
    body: dict[str, Any]

    @property
    def text(self) -> str:
        """The system instruction and the contents, as the model reads them."""
        parts = [p.get("text", "") for p in (self.body.get("systemInstruction") or {}).get("parts", [])]
        parts += [p.get("text", "") for c in self.body.get("contents", []) for p in c.get("parts", [])]
        return "\n".join(parts)

    @property
    def user_text(self) -> str:
        return "\n".join(p.get("text", "") for c in self.body.get("contents", []) for p in c.get("parts", []))

    def mentions(self) -> list[tuple[int, str]]:
        """(offset, expression) of every mention the packet lists."""
        section = self.user_text.split("Mentions of the selected line:", 1)
        return [(int(m[1]), m[2]) for m in _MENTION.finditer(section[1])] if len(section) == 2 else []

    def cast(self) -> list[list[str]]:
        """Each cast member's names: the name, then its aliases."""
        section = self.user_text.split("Cast known so far", 1)
        if len(section) != 2:
            return []
        people = []
        for line in section[1].split("\n\n", 1)[0].splitlines()[1:]:
            match = _CAST_LINE.match(line)
            if not match or match[1].startswith("("):
                continue
            fields = [f.strip() for f in match[1].split(" | ")]
            aliases = next((f.removeprefix("aka ").split(", ") for f in fields[1:] if f.startswith("aka ")), [])
            people.append([fields[0], *aliases])
        return people


@dataclass
class Exchange:
    """The explain side of a benchmark run; `mode` is export, replay, model or None (offline)."""

    export_dir: Path | None = None
    answers_dir: Path | None = None
    api_key: str = ""
    prompts: dict[str, Prompt] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)  # stem -> the answer text relayed
    missing: list[str] = field(default_factory=list)  # replay: questions without an answer file
    stem: str = ""  # the question being asked (the bench asks one at a time)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def from_args(cls, export_dir: str, answers_dir: str) -> Exchange:
        return cls(export_dir=Path(export_dir) if export_dir else None,
                   answers_dir=Path(answers_dir) if answers_dir else None,
                   api_key=os.environ.get("GEMINI_API_KEY", ""))

    @property
    def mode(self) -> str | None:
        if self.export_dir is not None:
            return "export"
        if self.answers_dir is not None:
            return "replay"
        return "model" if self.api_key else None

    def describe(self) -> str:
        return {"export": f"prompts exported to {self.export_dir} (no model)",
                "replay": f"answers replayed from {self.answers_dir}",
                "model": "answered by the Gemini API"}.get(self.mode or "", "offline (graph-only)")

    def attach(self, fake: FakeGemini, settings: Settings) -> Settings:
        """Explain through `fake` with LLM_PROVIDER=gemini; ingestion keeps its own provider."""
        if self.export_dir is not None:
            self.export_dir.mkdir(parents=True, exist_ok=True)
        fake.explanation_reply = self._reply
        return settings.model_copy(update={
            "llm_provider": "gemini", "gemini_api_key": SecretStr(settings.gemini_api_key.get_secret_value()
                                                                  if settings.gemini_api_key else "bench"),
            "gemini_base_url": fake.url, "gemini_requests_per_minute": 10**6, "gemini_concurrency": 8,
            "gemini_max_retries": 1, "gemini_timeout_seconds": 120.0})

    def _reply(self, request: RecordedRequest) -> Reply:
        stem = self.stem
        with self._lock:
            self.prompts[stem] = Prompt(stem, request.body)
        if self.export_dir is not None:
            (self.export_dir / f"{stem}.json").write_text(json.dumps(request.body, ensure_ascii=False, indent=1))
            return generate_reply(EMPTY_READING)
        if self.answers_dir is not None:
            path = self.answers_dir / f"{stem}.json"
            if not path.is_file():
                self.missing.append(stem)
                return generate_reply(EMPTY_READING)
            text = path.read_text(encoding="utf-8").strip()
            text = re.sub(r"^```(?:json)?\s*|\s*```$", "", text)  # a fenced answer is still the answer
            self.answers[stem] = text
            return generate_reply(text)
        return self._forward(request)

    def _forward(self, request: RecordedRequest) -> Reply:
        response = httpx.post(f"{GEMINI_API}{request.path}", json=request.body, timeout=120,
                              headers={"x-goog-api-key": self.api_key, "content-type": "application/json"})
        body = response.json()
        parts = (body.get("candidates") or [{}])[0].get("content", {}).get("parts", [])
        self.answers[self.stem] = "".join(p.get("text", "") for p in parts)
        return Reply(status=response.status_code, body=body)

    def prompt(self, stem: str) -> Prompt | None:
        with self._lock:
            return self.prompts.get(stem)

    def size_table(self) -> str:
        chars = sorted(len(p.text) for p in self.prompts.values())
        tokens = sorted(estimate_tokens(p.text) for p in self.prompts.values())
        if not chars:
            return "prompt size: no prompts"

        def row(name: str, values: list[int]) -> str:
            p90 = values[min(len(values) - 1, int(0.9 * len(values)))]
            return (f"{name:<16} {values[0]:>8} {int(statistics.median(values)):>8} {p90:>8} {values[-1]:>8}")

        return "\n".join([f"prompt size, {len(chars)} prompts   min   median      p90      max",
                          row("chars", chars), row("approx tokens", tokens)])


@dataclass
class Audit:
    """What the prompts gave the model (with an Exchange): per gold mention or case (listed as a
    mention; the person in the cast, or None when no one was named before the line or a reader
    abstains), later lines that leaked into a prompt or an answer, and the questions answered
    graph-only because the model's answer was unusable."""

    recall: list[tuple[bool, bool | None]] = field(default_factory=list)
    leaked: list[tuple[str, str]] = field(default_factory=list)
    questions: int = 0
    degraded: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)  # gold mentions the prompt did not list, as "stem: expression"


def overlaps(mention: tuple[int, str], start: int, end: int) -> bool:
    offset, expression = mention
    return offset < end and start < offset + len(expression)


def recall_table(rows: list[tuple[bool, bool | None]]) -> str:
    """rows: per gold mention, (listed as a mention, gold person in the cast — None when the
    person was not named before the line)."""
    listed = sum(r[0] for r in rows)
    named = [r[1] for r in rows if r[1] is not None]
    in_cast = sum(bool(r) for r in named)
    return "\n".join([
        "context recall (what the prompt gave the model)",
        f"  gold mentions listed as mentions: {listed}/{len(rows)} ({listed / max(1, len(rows)):.1%}; target >= 95 %)",
        f"  gold person in the prompt's cast: {in_cast}/{len(named)} ({in_cast / max(1, len(named)):.1%}; "
        "of the references whose person was named before the line; target >= 95 %)"])


def leaks(later_texts: list[str], prompt: Prompt | None, answer: str) -> list[str]:
    """Texts of later lines that reached the prompt or the answer."""
    user = prompt.user_text if prompt is not None else ""
    return [t for t in later_texts if t in user or t in answer]
