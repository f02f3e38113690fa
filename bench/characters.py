"""Characters benchmark: are the characters the offline analysis finds real people?

Ingests each series of `../shared/data/kdrama/` (four episodes each, in their published formats)
through the real pipeline into its own embedded server, then prints the top 20 characters by
importance with their aliases, whether each is a person (judged against the public cast list
below, which only this script reads — the product never sees it), the alias groups, and the
share of people. With `--friends`, the same table for the Friends dev split of the Emory
character-identification corpus, written as SRT with SDH speaker labels (`ROSS: …`).

    python bench/characters.py [--friends] [--demo] [--top 20]

Besides the share of people it prints which of the top characters are one person shown twice
(judged against the forms of the main people listed below, e.g. 동일 = 성사장).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cli.local_ingest import ingest_files  # noqa: E402
from explainer.core.runtime import start_server, stop_server  # noqa: E402
from explainer.core.settings import Settings  # noqa: E402
from explainer.text import en  # noqa: E402
from graph.repositories.entities import video_entities  # noqa: E402
from graph.schema import ensure_schema  # noqa: E402
from graph.stores import open_store  # noqa: E402
from seeds.loader import demo_episodes  # noqa: E402

# ../shared/data next to the checkout (BENCH_DATA overrides it)
DATA = Path(os.environ.get("BENCH_DATA") or Path(__file__).resolve().parent.parent.parent / "shared" / "data")

# Public cast lists (character names and the forms they are called by), used ONLY to print the
# "person?" column (for Friends, also everyone who speaks in the gold transcripts). A name counts
# as a person when it is one of these or contains one.
CAST: dict[str, set[str]] = {
    "business_proposal": {
        "신하리", "하리", "강태무", "태무", "진영서", "영서", "차성훈", "성훈", "김비서", "강다구", "다구",
        "신중호", "중호", "한정숙", "정숙", "신하민", "하민", "진영", "계본부장", "계민정", "민정", "조유정",
        "유정", "강대표", "강사장", "태무씨", "신금희", "금희", "정숙씨",
        "차비서", "강회장", "민우", "미모", "중해", "혜지", "계차장", "계", "여부장", "박전무", "신선임",
        "차실장", "진팀장", "안성댁", "이민우", "이셰프", "광복",
        "고상무", "황전무",  # 고 상무 speaks in episode 4; 황 전무님 is the director who takes over
    },
    "reply_1988": {
        "성덕선", "덕선", "최택", "택", "택이", "성선우", "선우", "김정환", "정환", "류동룡", "동룡",
        "성보라", "보라", "성노을", "노을", "김정봉", "정봉", "성동일", "동일", "이일화", "일화", "김성균",
        "성균", "라미란", "미란", "최무성", "무성", "김선영", "선영", "류재명", "재명", "진주", "성진주", "왕자현",
        "자현", "미옥", "장만옥", "만옥", "도롱뇽", "정팔", "덕순",
        "성보영", "보영", "무성이", "택이아빠", "선우엄마", "정환엄마", "동룡아빠", "김정팔",
        # the forms the neighbours call the fathers by (성동일, 김성균, 최무성) and 동룡's nickname
        # (도룡뇽, 도룡이); they were listed under business_proposal by mistake before
        "성사장", "김사장", "최서방", "도룡뇽", "도룡",
        # people the captions introduce by name, on no public cast (e01: "영철이라고 그 아들 석진이";
        # references-dev.tsv names 석진 as the referent of 그 아들)
        "영철", "석진",
    },
    "spring-notebook": {  # the demo (seeds/demo/STORY.md)
        "한미소", "미소", "강태호", "태호", "강팀장", "김수진", "수진", "김비서", "박준호", "준호", "서도윤", "도윤",
        "한지훈", "지훈", "한대리", "대표", "윤정숙", "버스기사", "봄밤", "최팀장",
    },
    "friends": {
        "monica", "rachel", "phoebe", "ross", "chandler", "joey", "gunther", "carol", "susan", "janice",
        "richard", "emily", "mike", "julie", "barry", "paolo", "ben", "judy", "jack", "frank", "ursula",
        "tag", "kathy", "mindy", "rach", "phoebs", "joanna", "joe", "barr", "waltham",
        "little bully", "teacher", "fake monica",
        "joshua", "tommy", "eddie", "mr. heckles", "heckles", "mr. treeger", "treeger",
        "mr. geller", "mrs. geller", "geller", "bing", "green", "buffay", "tribbiani", "pete", "david",
        "fun bobby", "bobby", "ugly naked guy", "jill", "amy", "mark", "paul", "alan", "terry", "leslie",
        "marcel", "marjorie", "sandy", "bob", "duncan", "dr. green", "nora", "helen", "ethan", "lorraine",
        "estelle", "kate", "lauren", "marsha", "cheryl", "chip", "tony", "jade", "rob", "kip", "danny",
    },
}
# The forms each main person is called by: two of the top characters that match one group are
# one person shown twice (a duplicate). Only the people this script can tell apart for sure.
PEOPLE: dict[str, list[set[str]]] = {
    "business_proposal": [
        {"신하리", "하리", "신선임"}, {"강태무", "태무", "강사장", "강대표"}, {"진영서", "영서", "진팀장"},
        {"차성훈", "성훈", "차비서", "차실장"}, {"강다구", "다구", "강회장"}, {"신중호", "중호"},
        {"한정숙", "정숙"}, {"신하민", "하민"}, {"계민정", "민정", "계본부장"}, {"조유정", "유정"},
        {"이민우", "민우", "이셰프"}, {"신금희", "금희"},
    ],
    "reply_1988": [
        {"성덕선", "덕선"}, {"최택", "택", "택이"}, {"성선우", "선우"}, {"김정환", "정환"},
        {"류동룡", "동룡", "도룡뇽", "도롱뇽", "도룡"}, {"성보라", "보라"}, {"성노을", "노을"}, {"김정봉", "정봉"},
        {"성동일", "동일", "성사장"}, {"이일화", "일화"}, {"김성균", "성균", "김사장"}, {"라미란", "미란"},
        {"최무성", "무성", "무성이", "최서방", "택이아빠"}, {"김선영", "선영", "선우엄마"},
    ],
    "spring-notebook": [
        {"한미소", "미소", "한대리"}, {"강태호", "태호", "강팀장"}, {"김수진", "수진", "김비서"},
        {"박준호", "준호"}, {"서도윤", "도윤", "봄밤"}, {"한지훈", "지훈"},
    ],
}


def duplicates(series: str, rows: list[dict[str, Any]]) -> list[str]:
    """Pairs of rows that are one person of PEOPLE ("동일 = 성사장")."""
    found = []
    for group in PEOPLE.get(series, []):
        hits = [r["name"] for r in rows if r["name"].replace(" ", "") in group]
        if len(hits) > 1:
            found.append(" = ".join(hits))
    return found


NOT_PEOPLE_HINT = "person? is judged against the public cast lists in this script; the product never reads them"


_COMMON = en.STOPWORDS | en.COMMON_WORDS | en.GENERIC_SPEAKERS | {"big", "little", "fake", "sleep", "casting"}


def _friends_speakers() -> set[str]:
    """Everyone who speaks in the gold transcripts of the dev split (full names, first and last
    words), so a minor character (Danielle) counts as a person without listing her by hand."""
    path = DATA / "friends" / "character-identification-dev.json"
    if not path.exists():
        return set()
    names: set[str] = set()
    for episode in json.loads(path.read_text())["episodes"]:
        for scene in episode["scenes"]:
            for utterance in scene["utterances"]:
                for speaker in utterance["speakers"]:
                    if speaker.startswith("#"):
                        continue
                    lowered = speaker.lower().rstrip(".")
                    if lowered in _COMMON or lowered in ("actor", "announcement", "anchorwoman"):
                        continue  # a role the transcript names, not a character's name
                    names.add(lowered)
                    words = lowered.split()
                    if len(words) == 2 and all(w.isalpha() and w not in _COMMON for w in words):
                        names.update(words)  # Danielle; Peter Becker → peter, becker
    return names


_FRIENDS_SPEAKERS = _friends_speakers()


def is_person(series: str, name: str, aliases: list[str]) -> bool:
    cast = CAST[series] | (_FRIENDS_SPEAKERS if series == "friends" else set())
    for form in (name, *aliases):
        key = form.lower().replace(" ", "") if series != "friends" else form.lower()
        if key in cast or any(part in cast for part in key.split()):
            return True
    return False


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def kdrama_items(series: str) -> list[dict[str, Any]]:
    folder = DATA / "kdrama" / series
    items = []
    for n, path in enumerate(sorted(p for p in folder.iterdir() if p.suffix in (".xml", ".vtt", ".srt")), start=1):
        items.append({"registration": {"platform": "local", "video_id": f"{series}-e{n:02d}",
                                       "title": f"{series} {n}", "series_title": series, "series_id": series,
                                       "season": 1, "episode": n, "language": "ko"},
                      "data": path.read_bytes(), "filename": path.name})
    return items


def demo_items() -> list[dict[str, Any]]:
    """The demo's Korean series (seeds/demo), as the app ingests it."""
    return [{"registration": {"platform": e.platform, "video_id": e.video_id, "title": e.title,
                              "series_title": e.series_title, "series_id": e.series_id, "season": e.season,
                              "episode": e.episode, "language": e.language, "duration": e.duration},
             "data": e.read(), "filename": e.file.rsplit("/", 1)[-1]}
            for e in demo_episodes() if e.series_id == "spring-notebook"]


def _srt_time(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


_FRIENDS_SURNAMES = {"geller", "green", "bing", "tribbiani", "buffay"}


def _label(speaker: str) -> str:
    """The caption label of a speaker: MONICA for Monica Geller, FAKE MONICA, THE TEACHER."""
    words = speaker.split()
    if len(words) == 2 and words[1].lower() in _FRIENDS_SURNAMES:
        return words[0].upper()
    return speaker.upper()


def friends_items(limit: int | None = None) -> list[dict[str, Any]]:
    """Each episode of the dev split as an SRT whose cues carry SDH labels (`ROSS: …`), one cue
    per utterance, 3 s apart (scenes 10 s apart)."""
    corpus = json.loads((DATA / "friends" / "character-identification-dev.json").read_text())
    items = []
    for n, episode in enumerate(corpus["episodes"][:limit], start=1):
        cues: list[str] = []
        at = 1.0
        for scene in episode["scenes"]:
            for utterance in scene["utterances"]:
                text = " ".join(utterance["transcript"].split())
                if not text:
                    continue
                speakers = utterance["speakers"]
                label = (_label(speakers[0]) + ": ") if len(speakers) == 1 else ""
                cues.append(f"{len(cues) + 1}\n{_srt_time(at)} --> {_srt_time(at + 2.8)}\n{label}{text}\n")
                at += 3.0
            at += 10.0
        items.append({"registration": {"platform": "local", "video_id": f"friends-{episode['episode_id']}",
                                       "title": episode["episode_id"], "series_title": "friends",
                                       "series_id": "friends", "season": 1, "episode": n, "language": "en"},
                      "data": "\n".join(cues).encode(), "filename": f"{episode['episode_id']}.srt"})
    return items


async def characters_of(settings: Settings, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    await ingest_files(settings, items)
    store = open_store(settings)
    try:
        rows = await video_entities(store, [item["registration"]["video_id"] for item in items])
    finally:
        await store.close()
    by_id: dict[str, dict[str, Any]] = {}
    for video_rows in rows.values():
        for row in video_rows:
            by_id.setdefault(row["id"], dict(row))
    return sorted((r for r in by_id.values() if r["type"] == "character"),
                  key=lambda r: (-float(r["importance"] or 0.0), -int(r["mentions"] or 0), r["name"]))


def report(series: str, characters: list[dict[str, Any]], top: int) -> None:
    print(f"\n== {series}: {len(characters)} characters; top {top} by importance ==")
    print(f"{'#':>3} {'name':<16} {'importance':>10} {'mentions':>8} {'person?':>8}  aliases")
    people = 0
    chosen = characters[:top]
    for i, row in enumerate(chosen, start=1):
        aliases = sorted(row.get("aliases") or [])
        person = is_person(series, row["name"], aliases)
        people += person
        print(f"{i:>3} {row['name']:<16} {float(row['importance'] or 0):>10.3f} {int(row['mentions'] or 0):>8} "
              f"{'yes' if person else 'NO':>8}  {', '.join(aliases)[:80]}")
    groups = [r for r in characters if r.get("aliases")]
    print(f"alias groups ({len(groups)}):")
    for row in groups[:40]:
        print(f"  {row['name']} = {' = '.join(sorted(row['aliases']))}"[:140])
    not_people = [r["name"] for r in chosen if not is_person(series, r["name"], sorted(r.get("aliases") or []))]
    print(f"people among the top {len(chosen)}: {people}/{len(chosen)} ({100 * people / max(1, len(chosen)):.0f} %); "
          f"not people: {', '.join(not_people) or '-'}; "
          f"one person twice: {'; '.join(duplicates(series, chosen)) or '-'}")


async def run(settings: Settings, series: str, items: list[dict[str, Any]], top: int) -> None:
    store = open_store(settings)
    await store.drop_all()
    await ensure_schema(store, settings.embedding_dim)
    await store.close()
    report(series, await characters_of(settings, items), top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--friends", action="store_true", help="also the Friends dev split (English)")
    parser.add_argument("--only-friends", action="store_true")
    parser.add_argument("--demo", action="store_true", help="also the demo's Korean series (seeds/demo)")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="explainer-bench-characters-"))
    port = free_port()
    info = start_server(data_dir, port)
    settings = Settings(_env_file=None, redis_url=info.url, data_dir=data_dir, embedded_port=port,  # type: ignore[call-arg]
                        llm_provider="offline", enrich_enabled=False, graph_name="bench_characters",
                        log_level="WARNING")
    try:
        runs: list[tuple[str, list[dict[str, Any]]]] = []
        if not args.only_friends:
            runs += [(series, kdrama_items(series)) for series in ("business_proposal", "reply_1988")]
        if args.demo and not args.only_friends:
            runs.append(("spring-notebook", demo_items()))
        if args.friends or args.only_friends:
            runs.append(("friends", friends_items()))
        for series, items in runs:
            asyncio.run(run(settings, series, items, args.top))
        print(f"\n({NOT_PEOPLE_HINT})")
    finally:
        stop_server(data_dir)


if __name__ == "__main__":
    main()
