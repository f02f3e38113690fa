"""Evidence a careful reader uses for he/she and 그 여자/그 남자, on short hand-written dialogues in
both languages: a gender the line states ("Sidney's a woman", 민우는 남자야) and the subject the
speaker keeps ("Pete is a sailor, he's got to be tough")."""

from __future__ import annotations

from explainer.reading.person_mentions import KnownName
from explainer.reading.resolver import Dialogue
from tests.unit.test_dialogue_constraints import of, said

FRIENDS = [KnownName("joey", "Joey"), KnownName("monica", "Monica"), KnownName("sidney", "Sidney Marks"),
           KnownName("frank", "Frank"), KnownName("pete", "Pete")]
OFFICE = [KnownName("taeho", "강태호"), KnownName("miso", "한미소"), KnownName("minu", "민우"),
          KnownName("jisu", "지수")]


# --- a gender the line states --------------------------------------------------------------

def test_a_woman_by_statement_is_she_whatever_her_name_suggests() -> None:
    # Sidney reads as a man's name; the line says otherwise, and Frank, a man, is no rival
    dialogue = Dialogue("en", FRIENDS)
    *_, last = said(dialogue, [("joey", "The peeper is Sidney Marks."), ("joey", "Frank told me. Sidney's a woman."),
                               ("monica", "So she's a woman! So what?")])
    assert of(last, "she").entity_id == "sidney"


def test_a_negated_or_possessive_statement_states_nothing() -> None:
    dialogue = Dialogue("en", FRIENDS)
    for text in ("Sidney isn't a woman.", "Sidney's a woman's name.", "Sidney's girlfriend is here.",
                 "Sidney's my dad."):  # a kin word said in jest
        name = next(m for m in dialogue.mentions(text) if m.kind == "name")
        assert dialogue.rules.stated_gender(text, name) is None, text


def test_a_man_by_statement_is_never_geu_yeoja() -> None:
    # 민우 was named last; 민우는 남자야 rules him out of 그 여자
    dialogue = Dialogue("ko", OFFICE)
    *_, last = said(dialogue, [("taeho", "지수가 민우 만났대."), ("taeho", "민우는 남자야."),
                               ("miso", "그 여자 어디 살아?")])
    assert of(last, "그 여자").entity_id != "minu"
    assert dialogue.gender.rules_out("minu", "f")


def test_a_korean_statement_needs_the_copula() -> None:
    dialogue = Dialogue("ko", OFFICE)
    for text, gender in (("민우는 남자야.", "m"), ("지수가 여자래.", "f"), ("지수는 여자친구랑 왔어.", None),
                         ("민우는 남자답게 굴어.", None)):
        name = next(m for m in dialogue.mentions(text) if m.kind == "name")
        assert dialogue.rules.stated_gender(text, name) == gender, text


# --- the subject the speaker keeps -----------------------------------------------------------

def test_he_keeps_the_subject_of_the_speakers_last_clause() -> None:
    # Frank was named the line before, but Joey's sentence is about Pete: "he" continues it
    dialogue = Dialogue("en", FRIENDS)
    *_, last = said(dialogue, [("monica", "Frank called Pete."),
                               ("joey", "No way! Pete is a sailor, all right, he's got to be tough.")])
    assert of(last, "he").entity_id == "pete"


def test_an_object_him_keeps_no_subject() -> None:
    # "Pete called Frank and thanked him": him is not the subject Pete
    dialogue = Dialogue("en", FRIENDS)
    *_, last = said(dialogue, [("joey", "Pete called Frank and thanked him.")])
    assert of(last, "him").entity_id != "pete"


# --- someone posing as a person -------------------------------------------------------------

def test_the_fake_one_is_not_the_person_named() -> None:
    # 그 가짜 진영서: the one who posed as 진영서; the line does not talk about 진영서 herself
    people = [*OFFICE, KnownName("youngseo", "진영서")]
    dialogue = Dialogue("ko", people)
    first, last = said(dialogue, [("miso", "그 가짜 진영서 씨보다 다들 백만 배는 낫던데요?"),
                                  ("taeho", "임팩트로 따지면 그분이 갑이었죠.")])
    assert of(first, "진영서").entity_id is None
    assert of(last, "그분").entity_id != "youngseo"


def test_fake_monica_is_not_monica() -> None:
    dialogue = Dialogue("en", FRIENDS)
    [line] = said(dialogue, [("joey", "Fake Monica took her card again.")])
    assert of(line, "Monica").entity_id is None
    assert of(line, "her").entity_id != "monica"


# --- a name earlier in the pronoun's own sentence --------------------------------------------

def test_a_name_in_the_same_sentence_outranks_one_said_lines_before() -> None:
    # Chandler was named two lines before; "It's Ben and his dad": his is Ben, and said so
    people = [*FRIENDS, KnownName("ben", "Ben"), KnownName("chandler", "Chandler")]
    dialogue = Dialogue("en", people)
    *_, last = said(dialogue, [("monica", "With that moustache doesn't Chandler look old?"), ("joey", "Thank you."),
                               ("monica", "Hi, we're visiting. It's Ben and his dad.")])
    assert of(last, "his").entity_id == "ben"


def test_a_name_of_an_earlier_sentence_of_the_line_gets_no_such_weight() -> None:
    # "… Ben. Did you see his dad?": a sentence break; his is less sure than in "Ben and his dad"
    people = [*FRIENDS, KnownName("ben", "Ben"), KnownName("chandler", "Chandler")]
    sure = []
    for text in ("Hi, we're visiting. It's Ben and his dad.", "Hi, we're visiting Ben. Did you see his dad?"):
        *_, last = said(Dialogue("en", people), [("monica", "With that moustache doesn't Chandler look old?"),
                                                 ("joey", "Thank you."), ("monica", text)])
        sure.append(of(last, "his").confidence)
    assert sure[0] - sure[1] > 0.05


def test_a_korean_description_takes_the_name_of_its_sentence() -> None:
    # 강태호 was asked about two lines before; 민우가 왔는데 그 남자가 …: 그 남자 is 민우
    dialogue = Dialogue("ko", OFFICE)
    *_, last = said(dialogue, [("miso", "강태호 씨 어디 갔어?"), ("jisu", "몰라요."),
                               ("miso", "민우가 왔는데 그 남자가 글쎄 울더라")])
    assert of(last, "그 남자").entity_id == "minu"


# --- a role the captions label a speaker by --------------------------------------------------

def test_a_speaker_labelled_by_a_role_has_its_sex() -> None:
    # WOMAN, MAN 1, SALESLADY, 여자 2: the label says the sex; a first name stays a mere prior
    people = [KnownName("w", "Woman"), KnownName("m1", "Man 1"), KnownName("sl", "Saleslady"),
              KnownName("yeoja", "여자 2"), KnownName("joey", "Joey")]
    dialogue = Dialogue("en", people)
    assert [dialogue.gender.of(p)[0] for p in ("w", "m1", "sl", "yeoja")] == ["f", "m", "f", "f"]
    assert dialogue.gender.of("w")[1] >= 0.5  # sure enough for explain to state it
    assert dialogue.gender.of("joey")[1] < 0.5


# --- he … he across a reply, and who is still in the scene -------------------------------------

PLAY = [KnownName("pete", "Pete"), KnownName("monica", "Monica"), KnownName("joey", "Joey"),
        KnownName("frank", "Frank"), KnownName("phoebe", "Phoebe"), KnownName("chandler", "Chandler"),
        KnownName("rachel", "Rachel"), KnownName("joanna", "Joanna")]


def test_a_reply_goes_on_with_the_he_of_the_line_before() -> None:
    # Joey's he is Pete; Phoebe's "You know he's gay?" is the same man, not Frank named before
    dialogue = Dialogue("en", PLAY)
    *_, last = said(dialogue, [("monica", "Frank called."),
                               ("joey", "I like Pete. I mean, he's got the monocle, he's got the hat."),
                               ("phoebe", "You know he's gay?")])
    assert of(last, "he").entity_id == "pete"


def test_another_speakers_name_said_in_passing_is_not_kept() -> None:
    # Jason is named once by Ross; Monica's he goes back to the scene's topic, not to Jason
    dialogue = Dialogue("en", [*PLAY, KnownName("barry", "Barry"), KnownName("jason", "Jason")])
    *_, last = said(dialogue, [("monica", "Barry called again."), ("rachel", "Is Barry coming?"),
                               ("monica", "Barry is at the office."), ("rachel", "Jason is choking on his gum."),
                               ("monica", "Did you see how he was sweating?")])
    assert of(last, "he").entity_id != "jason"


def test_who_spoke_long_ago_and_was_not_talked_about_is_no_rival() -> None:
    # Joey spoke thirteen lines ago and left; Chandler, named three lines back, is him
    chat = ["Good morning.", "Morning.", "Coffee?", "Sure.", "Thanks.", "The meeting is at ten.", "Okay.",
            "Busy day.", "Yes.", "Chandler is my friend.", "Nice.", "Okay."]
    lines = [("joey", "Hey guys."), *[("rachel" if i % 2 else "joanna", text) for i, text in enumerate(chat)],
             ("joanna", "So what's wrong with him?")]
    *_, last = said(Dialogue("en", PLAY), lines)
    assert of(last, "him").entity_id == "chandler"
