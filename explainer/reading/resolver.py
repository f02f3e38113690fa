"""The dialogue coreference resolver: who each person mention of a line is, read the way a viewer
reads a scene. Analysis (stored References) and explain (`resolutions`) both replay lines
through one `Dialogue`, so the two cannot disagree.

A `Dialogue` is fed lines in order (`read`). Hard constraints come first, scores after:

- who speaks: the caption's label; without one, only evidence names a speaker — a
  self-introduction (저는 한지훈입니다, "I'm Pete.") or an answer right after a name was called
  (미소야! — 네?) — never a default; I/me/my is the speaker, you/your the person called by name in
  the line (after an opener too: "So Joey, why …", "Thank you, Chandler, …", "Come on Ross!"; the
  last call before the mention: "Jennifer? … Mrs. Loreo, could you …"), else (the speaker
  known) the last other speaker, else whoever last spoke to them;
- a third-person mention ("he", "the guy", 그 여자, 걔) is never the speaker nor the person spoken
  to (called by name before it, or the other one of a two-person exchange; someone called and then
  talked about by name is absent: "Bert, Bert … my friend Bert? He was here"); never someone the dialogue's
  evidence gives the other gender (pronouns that referred to them, titles, address terms, what a
  line states them to be — "Sidney's a woman", 민우는 남자야; a first-name lexicon agrees but never
  rules out alone), who is no rival either; a name after "fake"/가짜 is someone posing as that
  person, who is neither resolved nor talked about; the person named as the subject or topic of a
  clause is not the possessor of a relation in its own predicate ("Pete is his brother's friend",
  서도윤 씨는 오빠 친구였던 거야: 오빠 is not 서도윤); and when its
  line renames it with a name (그 사람 누군데? 한지훈이라는 사람, 강태무 그 인간, "a guy named
  Pete"), it is that person;
- then the people talked about in the scene are ranked: someone named within the last
  `NAME_REACH` lines (a chain of pronouns does not keep a name in reach), the most recent
  mention first, earlier in the same line included, and a name earlier in the mention's own
  sentence before any other ("It's Ben and his da-da"); a person two speakers talk about while
  absent from the talk stays in reach like a name (a shared topic, for he/she); having spoken recently counts less than
  having been talked about; the scene's topic outlasts a name said in passing; him/her as an
  object is not the subject of its clause, nor someone the line already called by the other
  gender's pronoun; a subject he/she keeps the subject of the speaker's last clause of its
  gender, or the last he/she of another speaker's line just before ("he … he" across a reply;
  English);
- a scene ends at a long gap: what came before is out of reach; a sung line (♪) mentions nobody;
- salience (importance in the series) only breaks ties;
- a reference analysis stored for this very mention is strong evidence; stored with confidence
  (`STORED_OVERRULES`) it lifts the hard constraints above for that mention: analysis by a model
  reads the whole scene, the constraints are this reader's rules of thumb.

The winner's margin over the runner-up becomes a calibrated confidence (`calibration.py`, fit
on Friends dev e20 and measured on the held-out e21); below `ABSTAIN_BELOW` (he/she: below a
margin, `ABSTAIN_MARGIN_BY_KIND`) the resolver abstains instead of guessing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from explainer.reading.calibration import (
    ABSTAIN_BELOW,
    ABSTAIN_MARGIN_BY_KIND,
    ABSTAIN_MARGIN_NO_GENDER,
    CALIBRATION,
)
from explainer.reading.gender import GenderEvidence
from explainer.reading.lang import LanguageRules, rules_for
from explainer.reading.names import NameTable
from explainer.reading.person_mentions import KnownName, MentionKind, PersonMention, person_mentions
from explainer.text import en

# a gap this long between two lines starts a new scene
SCENE_GAP_SECONDS = 20.0
# turns of the current scene that are looked back on
MEMORY_TURNS = 30
DECAY = 0.75
W_MENTIONED = 2.5
W_SPOKE = 1.0
W_SPEAKER = -3.0
W_ADDRESSEE = -1.5
W_GENDER_AGREES = 1.2
W_GENDER_CLASHES = -4.0
W_GENDER_UNKNOWN = -0.3
W_STORED = 5.0
W_UNGROUNDED_RIVAL = 0.5
W_TOPIC = 0.5
# a non-reflexive object pronoun is not the subject of its own clause
W_BOUND = -2.0
# a name earlier in the pronoun's own sentence is its antecedent before any earlier line ("It's Ben
# and his da-da", "Victor can't just kiss her, he's got to …"): Friends dev e20, he/she with one
# person of its gender named before it in its line: that person 34 times of 37
W_SAME_SENTENCE = 1.5
# a subject pronoun keeps the subject of the previous clause ("Mr. Salty is a sailor, he's got to be
# …"; the speaker's own line just before included, and another speaker's he/she just before: "he
# … he" across a reply is one person, e20: 63 times of 65)
W_SUBJECT_KEPT = 1.5
# a gender the line states ("Sidney's a woman", 민우는 남자야) is sure evidence, over any name lexicon
W_STATED_GENDER = 2.0
# only names and confident resolutions make a topic, never the unsure ones a chain follows
TOPIC_WEIGHT = 0.6
# a stored reference analysis was unsure of is a hint, not evidence
CONFIDENT_STORED = 0.5
# a stored reference this sure lifts the hard constraints (the speaker, the person spoken to, a
# name later in the line) for its mention: the analysis read the scene, the constraints are a guess
STORED_OVERRULES = 0.8
W_WEAK_STORED = 0.5
W_SALIENCE = 0.3
W_VOCATIVE = 4.0
W_LAST_SPEAKER = 2.5
W_ADDRESSED_ME = 1.0
# a person last *named* this many lines back no longer grounds a third-person mention: a chain of
# pronouns does not keep them in reach (Friends dev e20, he/she answered on a name 7 or more lines
# back: right 12 times of 36; within 6 lines: 96 of 118)
NAME_REACH = 6
NAME_CONFIDENCE = 0.95
SPEAKER_CONFIDENCE = 0.97
# a description the line renames with a name ("한지훈이라는 사람", "a guy named Pete")
RENAMED_CONFIDENCE = 0.9
# a speaker no label names, read from evidence: a self-introduction, an answer to a name called
INFERRED_SPEAKER_CONFIDENCE = 0.85
# a reply within this many seconds of a line that called a name answers to that name
ANSWER_WITHIN_SECONDS = 6.0
# turns looked back on for who takes part in the conversation: two people talking, the other is
# the one spoken to
PARTICIPANT_TURNS = 6
# who spoke within this many turns is in the scene; who spoke before it, and was not talked about
# since, is no rival of he/she (captions show no scene change: the clock has no gap)
PRESENT_TURNS = 10
_COUNT_WORDS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True, slots=True)
class Candidate:
    entity_id: str
    score: float
    evidence: str
    # talked about in the scene (named, or referred to with confidence), or confidently stored:
    # a third-person mention whose best candidate only spoke points at someone outside the scene
    grounded: bool = True
    clashes: bool = False  # of the other gender, by sure evidence


@dataclass(frozen=True, slots=True)
class Resolution:
    mention: PersonMention
    entity_id: str | None  # None: the resolver abstains
    confidence: float
    evidence: str
    candidates: tuple[Candidate, ...] = ()


@dataclass(slots=True)
class _Turn:
    speaker: str | None
    start: float
    end: float
    addressee: str | None = None
    # the person spoken to, as far as the scene shows it (called by name, the one other person of
    # a two-person exchange): never the referent of a third-person mention of the line
    spoken_to: str | None = None
    called: str | None = None  # the person the line calls by name (a vocative)
    # how the speaker is known when no label names them ("" when labelled or unknown)
    speaker_evidence: str = ""
    # (entity id, offset, weight) of the people the line talks about, as resolved: a name weighs
    # 1, a resolved pronoun or description its confidence; a vocative is an address, not a mention
    mentioned: list[tuple[str, int, float]] = field(default_factory=list)
    # the people named later in the sentence of the mention being resolved ("걔? 민우한테 까이고"):
    # a pronoun and a name of one sentence are two people
    named_later: frozenset[str] = frozenset()
    # the people whose clause has the mention being resolved as a relation's possessor ("Pete is his
    # brother's friend", 서도윤 씨는 오빠 친구야): the subject is not the possessor
    predicate_of: frozenset[str] = frozenset()
    # the text, for the grammatical role of a mention (subject or object of its clause)
    text: str = ""
    # the gender of the pronouns resolved to each person in this line: "she ... his" are two people
    pronoun_gender: dict[str, str] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)  # offset -> "subject" / "object"


@dataclass(frozen=True, slots=True)
class Stored:
    """A reference analysis stored for a mention of the line (matched by its expression)."""

    entity_id: str
    confidence: float


def calibrated(kind: MentionKind, margin: float) -> float:
    a, b = CALIBRATION.get(kind, CALIBRATION["third"])
    return round(1.0 / (1.0 + math.exp(-(a * margin + b))), 3)


def _ago(distance: int) -> str:
    if distance == 1:
        return "the line before"
    word = _COUNT_WORDS[distance] if distance < len(_COUNT_WORDS) else str(distance)
    return f"{word} lines earlier"


class Dialogue:
    """The state of one conversation as a viewer follows it, line by line."""

    def __init__(self, language: str, people: Iterable[KnownName] = ()) -> None:
        self.rules = rules_for(language)
        self.language = self.rules.code
        self.people: dict[str, KnownName] = {}
        self.gender = GenderEvidence()
        self._turns: list[_Turn] = []
        self._names: NameTable | None = None
        for person in people:
            self.add_person(person)

    # --- people ------------------------------------------------------------------------------

    def add_person(self, person: KnownName) -> None:
        if self.rules.names_a_day(person.name):
            return  # 생일날, 그날: a day stored as a character is nobody to refer to
        if person.entity_id not in self.people:
            self.people[person.entity_id] = person
            self.gender.prior(person.entity_id, person.name)
            self._names = None

    def name(self, entity_id: str) -> str:
        person = self.people.get(entity_id)
        return person.name if person else entity_id

    @property
    def names(self) -> NameTable:
        if self._names is None:
            self._names = NameTable(self.people.values())
        return self._names

    # --- lines -------------------------------------------------------------------------------

    def mentions(self, text: str) -> list[PersonMention]:
        return person_mentions(text, self.rules, self.names)

    def read(self, text: str, *, speaker: str | None, start: float, end: float | None = None,
             stored: Mapping[str, Stored] | None = None, lyric: bool = False) -> list[Resolution]:
        """Resolve every person mention of the line, in order, then remember the line.
        `stored`: references analysis kept for this line, by lower-cased expression. A `lyric`
        (sung: ♪ … ♪ in the captions) mentions nobody of the scene; it still takes a turn."""
        if self._turns and start - self._turns[-1].end > SCENE_GAP_SECONDS:
            self._turns.clear()  # a new scene: nobody of the last one is within reach (measured: see bench)
        mentions = [] if lyric else self.mentions(text)
        speaker_evidence = ""
        if speaker is None and not lyric:
            speaker, speaker_evidence = self._infer_speaker(text, mentions, start)
        turn = _Turn(speaker=speaker, start=start, end=end if end is not None else start, text=text,
                     speaker_evidence=speaker_evidence)
        vocative = next((m.entity_id for m in mentions if m.vocative and m.entity_id != speaker), None)
        turn.called = vocative
        addressees = self._addressees(speaker, vocative)
        turn.addressee = addressees[0].entity_id if addressees else None
        line_spoken_to = self._spoken_to(speaker, vocative, {m.entity_id for m in mentions
                                                             if m.kind == "name" and not m.vocative})
        turn.spoken_to = line_spoken_to
        for mention in mentions:  # "Sidney's a woman": evidence before any pronoun of the line is read
            stated = self.rules.stated_gender(text, mention) \
                if mention.kind == "name" and mention.entity_id and not mention.vocative else None
            if stated is not None and mention.entity_id is not None:
                self.gender.vote(mention.entity_id, stated, W_STATED_GENDER)
        resolutions: list[Resolution] = []
        for mention in mentions:
            if mention.kind == "name" and _impostor(text, mention, self.rules):
                resolutions.append(Resolution(mention, None, 0.0,
                                              f"someone posing as {self.name(mention.entity_id or '')}"))
                continue  # nor does the line talk about the real one
            known = _stored_for(stored, mention)
            called_here = _called_at(mention, mentions, speaker)
            turn.spoken_to = _spoken_to_at(called_here, mention, mentions, line_spoken_to)
            turn.named_later = _named_later(mention, mentions) if self.rules.echo_questions else frozenset()
            turn.predicate_of = _predicate_of(mention, mentions, text, self.rules)
            renamed = _renamed(mention, [*mentions, *self._quoted_names(text, mentions)], text, self.rules,
                               speaker)
            if renamed is not None and not (mention.gender and self.gender.rules_out(renamed.entity_id or "",
                                                                                     mention.gender)):
                resolutions.append(Resolution(mention, renamed.entity_id, RENAMED_CONFIDENCE,
                                              f"named in this line ({renamed.text})"))
                continue
            here = addressees if called_here is None or called_here.entity_id == vocative \
                else self._addressees(speaker, called_here.entity_id)
            resolution = self._resolve(mention, turn, here, known)
            resolutions.append(resolution)
            if resolution.entity_id is not None and not mention.vocative and mention.kind not in ("first", "second"):
                weight = 1.0 if mention.kind == "name" else resolution.confidence
                turn.mentioned.append((resolution.entity_id, mention.start, weight))
                turn.roles[mention.start] = _role(text, mention)
                if mention.kind in ("third", "description") and mention.gender and \
                        (known is not None or resolution.confidence >= 0.8):
                    self.gender.vote(resolution.entity_id, mention.gender, 0.5)
                if mention.kind == "third" and mention.gender and " " not in mention.text.strip():
                    turn.pronoun_gender.setdefault(resolution.entity_id, mention.gender)
        turn.spoken_to = line_spoken_to
        self._learn_from_address(text, speaker, turn.addressee)
        self._turns.append(turn)
        del self._turns[:-MEMORY_TURNS]
        return resolutions

    def _learn_from_address(self, text: str, speaker: str | None, addressee: str | None) -> None:
        """오빠 said by her: she is a woman and he a man; "Yes, sir": a man is addressed."""
        words = {w.strip(".,!?~").lower() for w in text.split()}
        self.rules.learn_from_address(words, speaker, addressee, self.gender.vote)

    def _quoted_names(self, text: str, mentions: list[PersonMention]) -> list[PersonMention]:
        """Korean names glued to a quotative or copula the particle rules do not take off
        (진영서라니, 민우래): found here for a renaming only, never as mentions of their own."""
        found = []
        for match in re.finditer(r"[가-힣]+", text):
            word, start = match.group(0), match.start()
            if any(m.start <= start < m.end for m in mentions):
                continue
            for ending in self.rules.renaming_endings:
                known = self.names.find(word[:-len(ending)]) if word.endswith(ending) and len(word) > len(ending) \
                    else None
                if known is not None:
                    found.append(PersonMention(word, start, match.end(), "name", entity_id=known.entity_id))
                    break
        return found

    def _infer_speaker(self, text: str, mentions: list[PersonMention], start: float) -> tuple[str | None, str]:
        """Who speaks a line no label names, only from evidence a viewer has: a self-introduction
        ("저는 한지훈입니다", "I'm Ross."), or a reply right after a line that called someone by name
        (미소야 — 네?). Never by default: without such evidence the speaker stays unknown."""
        for mention in mentions:
            if mention.kind == "name" and mention.entity_id is not None and \
                    self.rules.introduces_self(text, mention):
                return mention.entity_id, "introduces themselves in this line"
        last = self._turns[-1] if self._turns else None
        if last is not None and last.called is not None and last.called != last.speaker \
                and start - last.end <= ANSWER_WITHIN_SECONDS:
            words = re.findall(r"[\w'’-]+", text.lower())
            if words and words[0] in self.rules.answer_words:
                return last.called, f"answers when {self.name(last.called)} is called by name"
        return None, ""

    def _spoken_to(self, speaker: str | None, vocative: str | None, named: set[str | None]) -> str | None:
        """The person spoken to, where the scene shows it: called by name in the line, else the one
        other person of a two-person exchange (the recent turns of the scene) whom the line does
        not name (named, they are talked about)."""
        if vocative is not None:
            return vocative
        if speaker is None:
            return None
        recent = [t.speaker for t in self._turns[-PARTICIPANT_TURNS:] if t.speaker and t.speaker != speaker]
        # a back-and-forth: the one other person spoke at least twice of late, nobody else did
        return recent[0] if len(set(recent)) == 1 and len(recent) >= 2 and recent[0] not in named else None

    # --- ranking -----------------------------------------------------------------------------

    def _addressees(self, speaker: str | None, vocative: str | None) -> list[Candidate]:
        scores: dict[str, tuple[float, str]] = {}

        def add(entity_id: str | None, score: float, evidence: str) -> None:
            if entity_id is None or entity_id == speaker:
                return
            old, why = scores.get(entity_id, (0.0, ""))
            scores[entity_id] = (old + score, why or evidence)

        speaker_name = self.name(speaker) if speaker else "the speaker"
        if vocative is not None:
            add(vocative, W_VOCATIVE, f"called by name in this line by {speaker_name}")
        if speaker is None:  # who speaks is unknown: only a name called tells who is spoken to
            return [Candidate(e, s, why) for e, (s, why) in scores.items()]
        others = [t for t in reversed(self._turns) if t.speaker and t.speaker != speaker]
        seen: set[str] = set()
        for distance, turn in enumerate(others[:3]):
            if turn.speaker in seen or turn.speaker is None:
                continue
            seen.add(turn.speaker)
            add(turn.speaker, W_LAST_SPEAKER * 0.5 ** distance, f"the person {speaker_name} is talking to")
        for turn in reversed(self._turns):
            if speaker is not None and turn.addressee == speaker:
                add(turn.speaker, W_ADDRESSED_ME, f"who last spoke to {speaker_name}")
                break
        ranked = sorted((Candidate(e, s, why) for e, (s, why) in scores.items()), key=lambda c: (-c.score, c.entity_id))
        return ranked

    def _resolve(self, mention: PersonMention, turn: _Turn, addressees: list[Candidate],
                 stored: Stored | None) -> Resolution:
        if mention.kind == "name" and mention.entity_id is not None:
            return Resolution(mention, mention.entity_id, NAME_CONFIDENCE, "named")
        if mention.kind == "first":
            if turn.speaker is None:
                return Resolution(mention, None, 0.0, "no speaker label")
            if turn.speaker_evidence:
                return Resolution(mention, turn.speaker, INFERRED_SPEAKER_CONFIDENCE,
                                  f"the speaker: {turn.speaker_evidence}")
            return Resolution(mention, turn.speaker, SPEAKER_CONFIDENCE, "the speaker")
        if mention.plural:
            return Resolution(mention, None, 0.0, "a group")
        if mention.kind == "second":
            ranked = list(addressees)
            if stored is not None:
                ranked = _with_stored(ranked, stored)
        else:
            ranked = self._third_person(mention, turn, addressees, stored)
        return self._decide(mention, ranked)

    def _decide(self, mention: PersonMention, ranked: list[Candidate]) -> Resolution:
        if mention.kind in ("third", "description"):
            # someone talked about, of a compatible gender; who only spoke in the scene is a rival
            # at a discount (rarely "he" — see bench/dialogue.py), never the answer
            pool = [c for c in ranked if c.grounded and not c.clashes]
            ranked = pool + [c for c in ranked if c not in pool]
            top = tuple(ranked[:3])
            if not pool:
                return Resolution(mention, None, 0.0, "nobody talked about in the scene fits", top)
            # a person ruled out (of the other gender) is no rival either: only who could be meant is
            rivals = [c.score for c in pool[1:]] + [c.score * W_UNGROUNDED_RIVAL for c in ranked[len(pool):]
                                                    if not c.clashes]
        else:
            top = tuple(ranked[:3])
            if not ranked or ranked[0].score <= 0.0:
                return Resolution(mention, None, 0.0, "nobody fits", top)
            rivals = [c.score for c in ranked[1:]]
        winner = ranked[0]
        margin = winner.score - max([0.0, *rivals])
        confidence = calibrated(mention.kind, margin)
        least = ABSTAIN_MARGIN_NO_GENDER if mention.kind == "third" and mention.gender is None \
            else ABSTAIN_MARGIN_BY_KIND.get(mention.kind)
        unsure = margin < least if least is not None else confidence < ABSTAIN_BELOW
        if unsure:
            return Resolution(mention, None, confidence, "unsure: " + winner.evidence, top)
        return Resolution(mention, winner.entity_id, confidence, winner.evidence, top)

    def _third_person(self, mention: PersonMention, turn: _Turn, addressees: list[Candidate],
                      stored: Stored | None) -> list[Candidate]:
        mentioned: dict[str, tuple[int, float]] = {}
        bound_subject: str | None = None  # the subject of the clause an object pronoun is in
        same_sentence: set[str] = set()  # named earlier in the mention's own sentence
        role = _role(turn.text, mention) if self.rules.clause_roles else ""
        spoke: dict[str, int] = {}
        # how much the scene has been about each person: a topic outlasts a name said in passing
        topic: dict[str, float] = {}
        named: dict[str, int] = {}  # how many lines back each person was last named (0: this line)
        for entity_id, offset, weight in turn.mentioned:
            if offset < mention.start:
                mentioned.setdefault(entity_id, (0, weight))
                if weight >= 1.0:
                    named.setdefault(entity_id, 0)
                if role == "object" and turn.roles.get(offset) == "subject" and \
                        not re.search(r"[.!?;]", turn.text[offset:mention.start]):
                    bound_subject = entity_id
                if weight >= 1.0 and not re.search(r"[.!?;]", turn.text[offset:mention.start]):
                    same_sentence.add(entity_id)
                topic[entity_id] = topic.get(entity_id, 0.0) + (weight if weight >= TOPIC_WEIGHT else 0.0)
        # the subject the speaker last put in a clause (this line, else their own line just before)
        kept_subject = self._kept_subject(mention, turn, role) if self.rules.clause_roles else None
        for distance, past in enumerate(reversed(self._turns), start=1):
            for entity_id, _, weight in past.mentioned:
                mentioned.setdefault(entity_id, (distance, weight))
                if weight >= 1.0:
                    named.setdefault(entity_id, distance)
                topic[entity_id] = topic.get(entity_id, 0.0) + (weight if weight >= TOPIC_WEIGHT else 0.0)
            if past.speaker and distance <= PRESENT_TURNS:
                spoke.setdefault(past.speaker, distance)
        shared = self._shared_topic(mention, turn)
        addressee = addressees[0].entity_id if addressees else None
        # hard constraints before any score: the speaker and the person spoken to are never "he",
        # "그 사람", "the guy" of their own line — unless the analysis stored for this very mention
        # says so with confidence: a reader of the whole scene (Gemini at ingest) may see what these
        # rules of thumb cannot ("you're with a guy who's not gonna stop", "Yes, she is, hold on")
        overruled = stored.entity_id if stored is not None and stored.confidence >= STORED_OVERRULES else None
        pool = (set(mentioned) | set(spoke) | ({stored.entity_id} if stored else set())) - ((
            turn.named_later | turn.predicate_of | {turn.speaker, turn.spoken_to}) - {overruled})
        scored: list[Candidate] = []
        for entity_id in pool:
            score, reasons, grounded = 0.0, [], False
            if entity_id in mentioned:
                distance, weight = mentioned[entity_id]
                score += W_MENTIONED * weight * DECAY ** distance
                # the speaker talking about themselves by name is no antecedent of "he"/"she"
                grounded = (named.get(entity_id, NAME_REACH + 1) <= NAME_REACH or entity_id == shared) \
                    and entity_id != turn.speaker
                reasons.append((W_MENTIONED * weight * DECAY ** distance,
                                "mentioned earlier in this line" if distance == 0 else f"mentioned {_ago(distance)}"))
                talked = topic.get(entity_id, 0.0)
                if talked >= 2.0:
                    score += W_TOPIC * math.log(talked)
                    reasons.append((W_TOPIC * math.log(talked), f"talked about {round(talked)} times in the scene"))
            if entity_id in spoke:
                distance = spoke[entity_id]
                score += W_SPOKE * DECAY ** (distance - 1)
                reasons.append((W_SPOKE * DECAY ** (distance - 1), f"spoke {_ago(distance)}"))
            if entity_id == bound_subject:
                score += W_BOUND  # "Ernie buries Bert and can't find him": him is not Ernie
            elif entity_id in same_sentence and not (mention.gender and
                                                     self.gender.rules_out(entity_id, mention.gender)):
                score += W_SAME_SENTENCE
                reasons.append((W_SAME_SENTENCE, "mentioned earlier in this sentence"))
            if entity_id == kept_subject:
                score += W_SUBJECT_KEPT
                reasons.append((W_SUBJECT_KEPT, "the subject of the last clause"))
            # a confident stored reading is the evidence here, not the speaker's or addressee's place
            if entity_id == turn.speaker and entity_id != overruled:
                score += W_SPEAKER
            elif entity_id == addressee and entity_id != overruled:
                score += W_ADDRESSEE
            clashes = False
            if mention.gender is not None:
                gender, sure = self.gender.of(entity_id)
                if gender is None:
                    score += W_GENDER_UNKNOWN
                elif gender == mention.gender:
                    # a name the lexicon knows as this gender's agrees fully; it only never rules out
                    score += W_GENDER_AGREES * max(sure, min(1.0, abs(self.gender.lexicon(entity_id)) / 0.9))
                else:
                    score += W_GENDER_CLASHES * sure
                clashes = self.gender.rules_out(entity_id, mention.gender)  # never the answer
                said = turn.pronoun_gender.get(entity_id)
                if said is not None and said != mention.gender and not clashes:
                    score += W_GENDER_CLASHES  # "Adrian, she ... her legs around his waist": his is not her
                    clashes = True
            if stored is not None and stored.entity_id == entity_id:
                weight = _stored_weight(stored)
                score += weight
                grounded = grounded or stored.confidence >= CONFIDENT_STORED
                reasons.append((weight, "the analysis of this line"))
            person = self.people.get(entity_id)
            score += W_SALIENCE * (person.salience if person else 0.0)
            evidence = max(reasons)[1] if reasons else "in the scene"
            scored.append(Candidate(entity_id, round(score, 4), evidence, grounded, clashes))
        scored.sort(key=lambda c: (-c.score, c.entity_id))
        return scored



    def _shared_topic(self, mention: PersonMention, turn: _Turn) -> str | None:
        """The one person of a he/she's gender whom two or more speakers talked about (named, or
        referred to with confidence) within the name reach while not taking part in the talk: the
        conversation is about them, and that keeps them in reach as a name does. Who speaks in
        those turns is no such topic: a chain of pronouns that went to them may have gone wrong."""
        if mention.kind != "third" or mention.gender is None or " " in mention.text.strip():
            return None  # a description ("the guy") may bring in someone new
        by: dict[str, set[str]] = {}
        recent = [*self._turns[-NAME_REACH:], turn]
        for past in recent:
            for entity_id, offset, weight in past.mentioned:
                if weight >= TOPIC_WEIGHT and past.speaker and (past is not turn or offset < mention.start):
                    by.setdefault(entity_id, set()).add(past.speaker)
        taking_part = {past.speaker for past in recent}
        fits = [e for e, speakers in by.items() if len(speakers) >= 2
                and self.gender.of(e)[0] == mention.gender and e not in taking_part | {turn.spoken_to}]
        return fits[0] if len(fits) == 1 else None

    def _kept_subject(self, mention: PersonMention, turn: _Turn, role: str) -> str | None:
        """The person last made the subject of a clause, when `mention` is a subject itself: in this
        line before it (of a gender that fits, even with an object after it), else (no person
        mentioned before it in this line) in the speaker's own line just before, or another
        speaker's he/she just before ("I mean he's got the monocle." — "You know he's gay?"), even
        when that line ended on a name said in passing ("he let us drive his car. Joey for 12
        blocks" — "he must like you the best"; e20, a reply's he/she is the other speaker's last
        he/she of its gender 19 times of 20). Only a name or a confident resolution is kept."""
        if role != "subject":
            return None
        before = [(offset, entity_id, weight) for entity_id, offset, weight in turn.mentioned if offset < mention.start]
        if before:  # the last subject of its gender, though an object came after ("Ernie buries Bert … he")
            subjects = [(o, e) for o, e, w in before if turn.roles.get(o) == "subject" and w >= TOPIC_WEIGHT
                        and self.gender.of(e)[0] in (None, mention.gender)]
            return max(subjects)[1] if subjects else None
        last = self._turns[-1] if self._turns else None
        if last is None or not last.mentioned:
            return None
        entity_id, offset, weight = max(last.mentioned, key=lambda m: m[1])
        # another speaker's reply goes on with their he/she; a name they just said may be in passing
        parallel = last.speaker == turn.speaker or weight < 1.0
        if last.roles.get(offset) == "subject" and weight >= TOPIC_WEIGHT and parallel:
            return entity_id
        if last.speaker != turn.speaker:  # another speaker's he/she, though the line ended on a name
            said = [(o, e) for e, o, w in last.mentioned if w < 1.0 and w >= TOPIC_WEIGHT
                    and last.roles.get(o) == "subject" and last.pronoun_gender.get(e) == mention.gender]
            return max(said)[1] if said else None
        return None


_CLAUSE_OPENERS = re.compile(
    r"(?:^|[.!?;:]|,|\b(?:and|but|so|because|cause|when|then|if|that|or|where|who|while|after|before|since"
    r"|until|though|although|whether|like)\b)\s*$", re.I)
_OBJECT_PRONOUNS = frozenset({"him", "her", "them"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they"})


def _role(text: str, mention: PersonMention) -> str:
    """A mention's role in its clause, read from its place (no parser): he/she/they and a name
    that opens its clause followed by a verb-like word are subjects; him/them and a name after
    a word inside the clause are objects; anything else (his, a vocative) has none."""
    word = mention.text.lower()
    if word in _SUBJECT_PRONOUNS:
        return "subject"
    if word == "her":  # "kiss her" is an object; "her legs" a possessive, which may be the subject's
        following = re.match(r"\s*([A-Za-z']+)", text[mention.end:])
        return "object" if following is None or following.group(1).lower() in en.AFTER_OBJECT else ""
    if word in _OBJECT_PRONOUNS:
        return "object"
    if mention.kind not in ("name", "description") or mention.vocative or word in ("his", "hers"):
        return ""
    after = text[mention.end:mention.end + 2]
    if after.startswith((",", "'", "’")) or not after.strip():
        return ""
    return "subject" if _CLAUSE_OPENERS.search(text[:mention.start]) else "object"


def _renamed(mention: PersonMention, mentions: list[PersonMention], text: str, rules: LanguageRules,
             speaker: str | None) -> PersonMention | None:
    """The one name of the line that renames a description or pronoun of it: "그 사람 누군데?
    한지훈이라는 사람", "그 여자가 진영서라니", "강태무 그 인간", "a guy named Pete". A name merely said
    in the line is no renaming (걔? 민우한테 까이고: two people)."""
    if mention.kind not in ("third", "description") or mention.plural:
        return None
    if not rules.bare_pronoun_renamed and mention.kind == "third" and " " not in mention.text.strip():
        return None
    found: list[PersonMention] = []
    for name in mentions:
        if name.kind != "name" or name.entity_id is None or name.vocative or name.entity_id == speaker:
            continue
        renames = rules.renames(text, name, mention)
        if renames:
            found.append(name)
    return found[0] if len({n.entity_id for n in found}) == 1 else None


def _impostor(text: str, mention: PersonMention, rules: LanguageRules) -> bool:
    """The name is someone else's: "그 가짜 진영서", "Fake Monica" (a word before it says so)."""
    before = re.findall(r"[\w'’-]+", text[:mention.start].lower())
    return bool(before) and before[-1] in rules.impostor_words


def _called_at(mention: PersonMention, mentions: list[PersonMention], speaker: str | None) -> PersonMention | None:
    """The call (a vocative) that addresses the line where `mention` stands: the last one before
    it ("So anyway Beth, … your feelings … Hello, Jennifer?": your is Beth's), else the first."""
    called = [m for m in mentions if m.vocative and m.entity_id is not None and m.entity_id != speaker]
    before = [m for m in called if m.start < mention.start]
    return before[-1] if before else called[0] if called else None


def _spoken_to_at(last: PersonMention | None, mention: PersonMention, mentions: list[PersonMention],
                  line_spoken_to: str | None) -> str | None:
    """Who the line speaks to where `mention` stands, given the call that addresses it there
    (`_called_at`): the person last called by name before it ("Hello, Jennifer? Oh hi, Mrs.
    Loreo, is Jennifer there? Oh, she's not home": she is not Mrs. Loreo, and may be Jennifer),
    else the one the line calls after it, else the line's; a person the line called and then
    talks about by name is absent ("Bert, Bert. Bert. Hey, what happened to my friend Bert? He was
    here")."""
    if last is None:
        return line_spoken_to
    talked_about = any(m.kind == "name" and not m.vocative and m.entity_id == last.entity_id
                       and last.end <= m.start < mention.start for m in mentions)
    return None if talked_about else last.entity_id


def _named_later(mention: PersonMention, mentions: list[PersonMention]) -> frozenset[str]:
    """Who is named (not called) after a third-person mention in its line (걔? 민우한테 대차게
    까이고: the echo question and its answer are one utterance, and 걔 is not 민우)."""
    if mention.kind not in ("third", "description"):
        return frozenset()
    return frozenset(m.entity_id for m in mentions if m.kind == "name" and m.entity_id is not None
                     and not m.vocative and m.start >= mention.end)


def _predicate_of(mention: PersonMention, mentions: list[PersonMention], text: str,
                  rules: LanguageRules) -> frozenset[str]:
    """Who is named as the subject of the clause in whose predicate the mention possesses a relation
    noun: "Pete is your brother's friend" (the brother is not Pete), 서도윤 씨는 오빠 친구였던 거야."""
    if mention.kind not in ("third", "description"):
        return frozenset()
    return frozenset(m.entity_id for m in mentions if m.kind == "name" and m.entity_id is not None
                     and not m.vocative and rules.possessor_in_predicate(text, m, mention))


def _stored_for(stored: Mapping[str, Stored] | None, mention: PersonMention) -> Stored | None:
    if not stored:
        return None
    key = mention.text.lower().replace(" ", "")
    if key in stored:
        return stored[key]
    return next((s for k, s in stored.items() if k and (k in key or key in k)), None)


def _stored_weight(stored: Stored) -> float:
    return (W_STORED if stored.confidence >= CONFIDENT_STORED else W_WEAK_STORED) * stored.confidence


def _with_stored(ranked: list[Candidate], stored: Stored) -> list[Candidate]:
    scores = {c.entity_id: c for c in ranked}
    old = scores.get(stored.entity_id)
    scores[stored.entity_id] = Candidate(stored.entity_id, (old.score if old else 0.0) + _stored_weight(stored),
                                         "the analysis of this line")
    return sorted(scores.values(), key=lambda c: (-c.score, c.entity_id))


def stored_key(expression: str) -> str:
    """How a stored reference's expression is matched to a mention."""
    return expression.lower().replace(" ", "")
