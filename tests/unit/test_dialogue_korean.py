"""Korean referring-expression rules of the dialogue resolver, on short hand-written dialogues."""

from __future__ import annotations

from explainer.explain.resolution import _may_call_back
from explainer.reading.person_mentions import KnownName
from explainer.reading.resolver import Dialogue, Resolution
from explainer.text.names import strip_particles

PEOPLE = [KnownName("hari", "신하리", 1.0), KnownName("yeongseo", "진영서", 0.6), KnownName("minu", "이민우", 0.3)]


def said(dialogue: Dialogue, lines: list[tuple[str | None, str]]) -> list[list[Resolution]]:
    return [dialogue.read(text, speaker=speaker, start=3.0 * i, end=3.0 * i + 2.5)
            for i, (speaker, text) in enumerate(lines)]


def test_a_name_with_a_case_particle_is_a_mention_not_an_address() -> None:
    # "민우가?" echoes who was named: 민우 is talked about, and 걔 is him
    *_, last = said(Dialogue("ko", PEOPLE), [(None, "민우가 보재서 가는 중이다"), ("yeongseo", "민우가?"),
                                             ("yeongseo", "걔는 왜 생일날까지 불러 대?")])
    assert (last[0].mention.text, last[0].entity_id) == ("걔", "minu")


def test_a_line_of_only_a_name_is_an_address() -> None:
    # "아유, 우리 하리" speaks to 하리; the one talked about is 민우 ("민우라면": 라면 is a particle)
    dialogue = Dialogue("ko", PEOPLE)
    lines = said(dialogue, [("yeongseo", "아유, 우리 하리"), (None, "그저 민우라면 좋아 가지고"),
                            (None, "근데 걔 그런 거 안 챙기는 앤데 웬일로…")])
    assert lines[0][0].mention.vocative and not lines[1][0].mention.vocative
    assert lines[2][0].entity_id == "minu"
    assert strip_particles("민우라면") == "민우" and strip_particles("라면") == "라면"


def test_a_pronoun_is_not_the_person_named_later_in_its_line() -> None:
    # the model was turned down by 민우: 걔 is the model, never named, so nobody
    *_, last = said(Dialogue("ko", PEOPLE), [(None, "민우가 챙겨 놓은 거 아니야?"),
                                             (None, "그때 그 들이대던 외국인 있잖아 모델 말이야"),
                                             (None, "걔? 민우한테 대차게 까이고")])
    assert last[0].mention.text == "걔" and last[0].entity_id is None
    assert last[1].entity_id == "minu"


def test_an_in_cue_speaker_label_is_not_a_mention() -> None:
    *_, last = said(Dialogue("ko", PEOPLE), [(None, "- 하리: 아휴\n- 영서: 뭐 해?"), ("yeongseo", "그 남자 봤어")])
    assert last[0].entity_id is None  # nobody was talked about: 하리 only spoke


def test_a_day_is_nobody() -> None:
    dialogue = Dialogue("ko", [*PEOPLE, KnownName("day", "생일날", 0.5)])
    assert "day" not in dialogue.people
    assert [m.text for m in dialogue.mentions("생일날까지 민우가")] == ["민우가"]


def test_bare_korean_pronouns_do_not_call_back_to_earlier_scenes() -> None:
    dialogue = Dialogue("ko", PEOPLE)
    gyae, = dialogue.read("걔는 어디 갔어?", speaker=None, start=0.0)
    man, = dialogue.read("그 남자는 어디 갔어?", speaker=None, start=1.0)
    assert not _may_call_back(gyae, "ko") and _may_call_back(man, "ko")


def test_a_name_said_with_the_copula_renames_the_pronoun_of_its_line() -> None:
    # 걔는 장만옥이야 ("she is 장만옥", a nickname of 장미옥): the one named, not the one before
    people = [KnownName("miok", "장미옥", 0.5, ("장만옥",)), KnownName("jahyun", "왕자현", 0.5, ("왕조현",))]
    dialogue = Dialogue("ko", people)
    dialogue.read("왕조현은 왔고.", speaker=None, start=0.0, end=2.0)
    [geu] = [r for r in dialogue.read("한 명 더 있는데... 걔는 장만옥이야.", speaker=None, start=3.0, end=5.0)
             if r.mention.text == "걔"]
    assert geu.entity_id == "miok"
    dialogue = Dialogue("ko", people)
    dialogue.read("장만옥도 왔어.", speaker=None, start=0.0, end=2.0)
    [geu] = [r for r in dialogue.read("아니 걔가 어떻게 왕조현이냐고.", speaker=None, start=3.0, end=5.0)
             if r.mention.text == "걔"]
    assert geu.entity_id == "jahyun"
