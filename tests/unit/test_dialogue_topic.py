"""How a viewer keeps track of who "he"/"she" is when nobody repeats the name: a person two
speakers talk about while absent stays the topic, a reply goes on with the other speaker's
he/she, and a he/she goes on with the subject the speaker's line last put in a clause."""

from __future__ import annotations

from explainer.reading.person_mentions import KnownName
from explainer.reading.resolver import Dialogue
from tests.unit.test_dialogue_constraints import of, said

PEOPLE = [KnownName("ross", "Ross"), KnownName("rachel", "Rachel"), KnownName("monica", "Monica"),
          KnownName("joey", "Joey"), KnownName("chandler", "Chandler"), KnownName("barry", "Barry"),
          KnownName("mindy", "Mindy"), KnownName("ernie", "Ernie"), KnownName("bert", "Bert")]


# --- a shared topic: two speakers talk about someone who is not there ------------------------

def test_an_absent_man_two_speakers_talk_about_stays_he() -> None:
    # Barry was named seven lines back, too far for a name alone; Mindy and Monica kept talking
    # about him, so Rachel's "him" is still Barry
    dialogue = Dialogue("en", PEOPLE)
    *_, last = said(dialogue, [
        ("monica", "Barry called Rachel."), ("mindy", "Does he still call her every day?"),
        ("monica", "Yes, he sends flowers too."), ("mindy", "Who wants coffee?"), ("monica", "Me."),
        ("mindy", "Okay."), ("monica", "Sure."), ("rachel", "All right, I will go see him this afternoon.")])
    assert of(last, "him").entity_id == "barry"


def test_one_speaker_alone_makes_no_shared_topic() -> None:
    # only Mindy talked about Barry: the chain of her pronouns does not keep the name in reach
    dialogue = Dialogue("en", PEOPLE)
    *_, last = said(dialogue, [
        ("monica", "Barry called Rachel."), ("mindy", "Does he still call her every day?"),
        ("mindy", "And he sends flowers too."), ("mindy", "Who wants coffee?"), ("monica", "Me."),
        ("mindy", "Okay."), ("monica", "Sure."), ("rachel", "All right, I will go see him this afternoon.")])
    assert of(last, "him").entity_id is None


def test_who_takes_part_in_the_conversation_is_no_shared_topic() -> None:
    # the pronouns that went to Rachel came while she was speaking in the scene: talked about in
    # her presence, she is no absent topic that grounds Phoebe's "she" later on
    dialogue = Dialogue("en", PEOPLE)
    *_, last = said(dialogue, [
        ("monica", "Rachel is here."), ("rachel", "Hi."), ("joey", "Coffee?"), ("chandler", "Sure."),
        ("monica", "She looks tired."), ("ross", "She does."), ("rachel", "I am."),
        ("joey", "Maybe she never got your message.")])
    assert of(last, "she").entity_id is None


# --- a reply goes on with the other speaker's he/she ---------------------------------------

def test_a_reply_goes_on_with_the_he_of_a_line_that_ended_on_a_name() -> None:
    # Chandler's he is Barry; Joey is named after it in passing, Rachel's "he" is still Barry
    dialogue = Dialogue("en", PEOPLE)
    *_, last = said(dialogue, [("monica", "Barry came by."), ("ross", "What did he want?"),
                               ("chandler", "Yeah, he let us drive his car. Joey for 12 blocks."),
                               ("rachel", "Wow, he must like you the best.")])
    assert of(last, "he").entity_id == "barry"


# --- the subject the line last put in a clause --------------------------------------------

def test_he_goes_on_with_the_subject_of_its_line_past_an_object() -> None:
    # "Ernie buries Bert … he does find him": he keeps Ernie, the subject, though Bert came after
    dialogue = Dialogue("en", PEOPLE)
    *_, last = said(dialogue, [("ross", "Look at the tape."),
                               ("monica", "This is where Ernie buries Bert in the sand and then he finds him.")])
    assert of(last, "he").entity_id == "ernie"
