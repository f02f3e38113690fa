"""The English lexicon: every English word list of the service lives here (titles, stopwords,
place/event/object words, referring expressions)."""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# English titles before a name (Detective Park → Park).
TITLES: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "detective", "det", "officer", "captain", "capt",
    "professor", "prof", "sergeant", "sgt", "chief", "agent", "inspector", "lieutenant", "lt",
    "judge", "sir", "madam", "madame", "lady", "lord", "aunt", "auntie", "uncle", "secretary",
    "manager", "director", "president", "chairman", "chairwoman", "attorney", "nurse", "coach",
    "reporter", "prosecutor", "team", "leader",
})

# Caption speaker labels that name a role, not a character (MAN: …, NARRATOR: …)
GENERIC_SPEAKERS: frozenset[str] = frozenset({
    "man", "woman", "men", "women", "boy", "girl", "child", "kid", "all", "both", "everyone", "crowd",
    "narrator", "narration", "voice", "voices", "announcer", "reporter", "stranger", "someone", "caller",
})

# Referring expressions, the one table of analysis and explain: (regex, the entity type they
# point to, gender "m"/"f"/None, plural). First/second person pronouns are FIRST_PERSON and
# SECOND_PERSON below; person descriptions ("mom", "the guy") are PERSON_NOUNS.
REFERRING_EXPRESSIONS: tuple[tuple[str, str, str | None, bool], ...] = (
    (r"(?:that|the|this) (?:man|guy|boy|dude)", "character", "m", False),
    (r"(?:that|the|this) (?:woman|lady|girl)", "character", "f", False),
    (r"(?:that|the|this) (?:person|kid)", "character", None, False),
    (r"he|him|his|himself", "character", "m", False),
    (r"she|her|hers|herself", "character", "f", False),
    (r"they|them|their|themselves", "character", None, True),
    (r"back then|at that time|that day|that night", "event", None, False),
    (r"then(?=\s*[.!?,]|\s*$)", "event", None, False),
    (r"that place|over there", "location", None, False),
    # "there" as a place, not "there is/was ..." nor "there's"
    (r"there(?!['’])(?!\s+(?:is|are|was|were|will|would|has|have|had|must|might|may"
     r"|isn't|aren't|wasn't|weren't)\b)", "location", None, False),
    (r"that thing", "object", None, False),
)

# Person descriptions: a noun for a person, after an optional determiner (my mom, the guy).
PERSON_NOUNS: dict[str, str | None] = {
    "mom": "f", "mum": "f", "mother": "f", "mommy": "f", "dad": "m", "father": "m", "daddy": "m",
    "brother": "m", "sister": "f", "son": "m", "daughter": "f", "husband": "m", "wife": "f",
    "boyfriend": "m", "girlfriend": "f", "fiance": "m", "fiancee": "f", "uncle": "m", "aunt": "f",
    "grandma": "f", "grandpa": "m", "grandmother": "f", "grandfather": "m", "cousin": None,
    "guy": "m", "man": "m", "boy": "m", "dude": "m", "woman": "f", "lady": "f", "girl": "f",
    "kid": None, "baby": None, "boss": None, "roommate": None, "friend": None, "doctor": None,
    # kin words after my / your (issue 20: every person expression is a mention)
    "stepmother": "f", "stepfather": "m", "stepmom": "f", "stepdad": "m", "stepbrother": "m", "stepsister": "f",
    "niece": "f", "nephew": "m", "granddaughter": "f", "grandson": "m", "grandmom": "f", "granny": "f",
    "fiancé": "m", "fiancée": "f", "ex": None, "twin": None, "mama": "f", "papa": "m", "pop": "m",
}
# Words before a name that make it someone else: "Fake Monica" (the one using her card)
IMPOSTOR_WORDS: frozenset[str] = frozenset({"fake", "phony", "bogus"})

# "Sidney's a woman": what the line states someone named to be (negation left out). Only nouns of a
# person's sex: kin and role words are said in jest ("Monica's my dad").
GENDER_NOUNS: dict[str, str] = {"woman": "f", "girl": "f", "lady": "f", "gal": "f", "man": "m", "guy": "m",
                                "boy": "m", "dude": "m"}
GENDER_STATEMENT = re.compile(
    r"^(?:['’]s|\s+(?:is|was))\s+(?:a|an|the|my|your|his|her|our|their|such\s+an?|really\s+an?)\s+"
    r"(?:[a-z]+\s+)?(?P<noun>[a-z]+)\b(?!['’-])", re.I)
DESCRIPTION_DETERMINERS: frozenset[str] = frozenset({"my", "your", "his", "her", "our", "their", "the", "that",
                                                     "this"})

# Words that, said to someone, tell the addressee's gender ("Yes, sir").
ADDRESS_MALE: frozenset[str] = frozenset({"sir", "dude", "man", "bro", "buddy", "mister"})
ADDRESS_FEMALE: frozenset[str] = frozenset({"ma'am", "madam", "miss", "lady", "girl"})
# Terms of address: called out ("Thanks, honey.", "Hey man!"), they are the person spoken to.
VOCATIVE_TERMS: frozenset[str] = ADDRESS_MALE | ADDRESS_FEMALE | frozenset({
    "honey", "sweetie", "sweetheart", "darling", "dear", "babe", "baby", "pal", "mate", "kid"})

PLACE_ENDINGS: frozenset[str] = frozenset({
    "street", "st", "st.", "avenue", "ave", "road", "rd", "boulevard", "lane", "cafe", "café", "coffee",
    "station", "hospital", "park", "restaurant", "hotel", "bank", "school", "university", "college",
    "company", "office", "building", "tower", "bridge", "bar", "church", "market", "mall", "center",
    "centre", "airport", "apartments", "library", "museum", "square", "district", "city", "village",
    "river", "lake", "mountain", "island", "beach", "clinic", "precinct", "court", "academy", "plaza",
    "harbor", "harbour", "bay", "port", "point", "cove", "pier", "dock", "docks", "light", "lighthouse",
    "hill", "hills", "valley", "county", "town", "diner", "inn", "motel", "pub", "shop", "store", "house",
    "hall", "farm", "highway", "drive", "way", "heights", "creek", "woods", "forest", "cliff",
})

PLACE_NOUNS: frozenset[str] = frozenset({
    "cafe", "café", "hospital", "station", "office", "park", "school", "restaurant", "bar", "hotel",
    "bank", "church", "library", "airport", "rooftop", "apartment", "precinct", "clinic", "company",
    "bus stop", "police station",
})

PLACE_NAMES: frozenset[str] = frozenset({
    "seoul", "busan", "incheon", "jeju", "gangnam", "korea", "japan", "china", "america", "england",
    "france", "germany", "canada", "australia", "london", "paris", "tokyo", "new york", "los angeles",
    "hongdae", "itaewon", "myeongdong", "han river", "namsan",
})

# --- gazetteer: countries, cities and languages are never characters ---
# pycountry gives every country, US state and language (`place_names`, `language_names`); this
# list adds cities, regions and the short names people say.
CITY_NAMES: frozenset[str] = frozenset({
    "manhattan", "brooklyn", "queens", "bronx", "new jersey", "boston", "chicago", "vegas", "las vegas",
    "san francisco", "l.a.", "hollywood", "miami", "atlanta", "philadelphia", "seattle", "houston", "dallas",
    "san diego", "san antonio", "detroit", "toronto", "vancouver", "montreal", "mexico city", "rome", "milan",
    "venice", "barcelona",
    "madrid", "berlin", "munich", "amsterdam", "vienna", "prague", "moscow", "dublin", "edinburgh",
    "beijing", "shanghai", "hong kong", "bangkok", "hanoi", "osaka", "kyoto", "sydney", "melbourne",
    "europe", "asia", "africa", "america", "the states", "england", "scotland", "wales", "britain",
    "hawaii", "alaska", "long island", "central park", "times square", "brazil", "russia", "vietnam",
})


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Lower-case names of countries (every ISO form), US states and the cities above."""
    names: set[str] = set(CITY_NAMES) | PLACE_NAMES
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            value = getattr(country, field, None)
            if value:
                names.add(value.lower())
    names |= {s.name.lower() for s in pycountry.subdivisions.get(country_code="US") or ()}
    return frozenset(names)


# Languages as people say them that ISO names otherwise (Scottish Gaelic, Chinese, Swahili (macrolanguage))
SPOKEN_LANGUAGE_NAMES: frozenset[str] = frozenset({
    "gaelic", "cantonese", "mandarin", "swahili", "creole", "klingon", "sign language", "pig latin",
})


@lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """Lower-case names of languages with a two-letter code (English, Spanish, Korean ...), and
    the everyday names of a few more (Gaelic, Mandarin)."""
    return frozenset(lang.name.lower() for lang in pycountry.languages
                     if getattr(lang, "alpha_2", None)) | SPOKEN_LANGUAGE_NAMES


# Verbs before a name whose object is a person: "told Ross", "ask Monica".
PERSON_VERBS_BEFORE: frozenset[str] = _wordset("""
told tell tells ask asked asks call called calls meet met meets love loves loved kiss kissed marry married
date dated dating thank thanked invite invited hug hugged dump dumped
""")

# Words after a name that ask or say where a person is: "Is Owen here?", "Ross there?"
PERSON_PLACE_WORDS: frozenset[str] = frozenset({"here", "there", "home", "around"})

# Openers after which a name is called, comma or not, when its sentence or clause ends there: "So
# Joey, why …", "Thank you, Chandler, …", "Come on Ross!". Not "bye": on Friends dev e20 "Bye Ben" is
# said to a baby who is "he" right after (the resolver's reading; the list below finds people).
CALL_OPENERS: tuple[str, ...] = ("hey", "hi", "oh", "yo", "okay", "ok", "well", "no", "yes", "yeah", "so",
                                 "anyway", "now", "look", "listen", "please", "thanks", "thank you", "come on")
# Words before a comma-name that make it a vocative: "Hey, Ross", "Thanks, Monica".
VOCATIVE_OPENERS: frozenset[str] = _wordset("""
hey hi hello oh yo okay ok well no yes yeah look listen thanks thank bye goodbye sorry please wait come
morning night
""")

# Capitalised words of a speaker label that open a sentence, a heading or a title card rather
# than name a speaker (`Look: …`, `Chapter 1: …`).
LABEL_OPENERS: frozenset[str] = _wordset("""
look listen wait note well so okay ok yes no hey warning rule step question answer remember again now
then here there why what who how where when this that sorry please thanks right first second finally ps
p oh and but or because i you we they chapter episode part season day act scene title location time date
previously meanwhile later breaking update subject re from to
""")

# Section headings of a wiki page that are not characters.
WIKI_NON_CHARACTER_SECTIONS: frozenset[str] = frozenset({"References", "See also", "Notes"})

EVENT_WORDS: frozenset[str] = frozenset({
    "accident", "party", "wedding", "funeral", "meeting", "birthday", "concert", "trial", "interview",
    "ceremony", "festival", "graduation", "crash", "fire", "incident", "murder", "engagement",
})

ORG_ENDINGS: frozenset[str] = frozenset({"group", "inc", "inc.", "corp", "corp.", "corporation",
                                            "electronics", "entertainment", "ltd", "ltd."})

OBJECT_NOUNS: frozenset[str] = frozenset({
    "notebook", "letter", "ring", "photo", "photograph", "picture", "necklace", "key", "diary", "phone",
    "bag", "envelope", "watch", "wallet", "umbrella", "bracelet", "gift", "laptop", "recorder", "usb",
    "contract", "documents", "file", "will",
})

DETERMINERS: frozenset[str] = frozenset({"the", "that", "this", "my", "your", "his", "her", "our",
                                            "their"})

FAMILY_WORDS: frozenset[str] = frozenset({
    "brother", "sister", "mom", "mother", "dad", "father", "son", "daughter", "husband", "wife", "uncle",
    "aunt", "cousin", "grandma", "grandpa", "grandmother", "grandfather", "mum",
})

WORK_WORDS: frozenset[str] = frozenset({
    "boss", "secretary", "assistant", "colleague", "manager", "coworker", "co-worker", "partner",
    "employee", "intern", "senior", "junior", "supervisor", "chief",
})

MALE_WORDS: frozenset[str] = frozenset({"mr", "mr.", "sir", "brother", "dad", "father", "son", "husband",
                                           "uncle", "grandpa", "grandfather", "lord"})

FEMALE_WORDS: frozenset[str] = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "sister",
                                             "mom", "mum", "mother", "daughter", "wife", "aunt",
                                             "grandma", "grandmother"})

# Capitalised words that are not names (sentence starters, interjections, days, months...).
STOPWORDS: frozenset[str] = _wordset("""
i i'm i'll i've i'd im a an the and but or so if then than when where what who whom whose why how
which that this these those there here it it's its is are was were be been being am do does did
done don't doesn't didn't can can't cannot could couldn't will won't would wouldn't shall should
shouldn't may might must have has had haven't hasn't hadn't not no yes yeah yep nope ok okay oh ah
uh um hmm hey hi hello bye goodbye well wait look listen come go let let's please sorry thanks
thank excuse now just really very too also only still even maybe perhaps sure right wrong good
great fine nice bad what's that's there's here's he she he's she's they they're we we're you
you're you'll you've your yours my mine me him her his hers our ours their theirs them us it'll
god gosh jesus christ damn wow whoa huh yo dear honey baby sweetie darling man guys guy everyone
everybody someone somebody anyone anybody nobody nothing something anything everything all some
any none one two three four five six seven eight nine ten first second last next again never
always sometimes today tonight tomorrow yesterday monday tuesday wednesday thursday friday
saturday sunday january february march april may june july august september october november
december mister miss ma'am sir mom mum dad mother father brother sister grandma grandpa
after before because since until while about above across against along among around at by
for from in into of off on onto out over through to toward under up upon with within without
why's how's where's who's when's let's whatever whoever however english korean french please
stop help hurry run why not enough honestly seriously actually basically obviously frankly finally
luckily unfortunately fortunately anyway besides congratulations cheers merry happy welcome morning
evening afternoon night bless alright christmas halloween easter thanksgiving chuseok new year
careful quiet shut true exactly absolutely definitely totally whatever cool awesome cause 'cause
""")

# Verbs that make a sentence's capitalised first word a person: "Daniel said ...".
NAME_FOLLOWERS: frozenset[str] = _wordset("""
said says told tells thinks thought knows knew wants wanted loves loved likes liked called asked
went came left 's ’s
""")

# Auxiliaries after a name that the first-name lexicon knows: its subject ("Victor can't just
# kiss her", "Jason is choking"); after other words they prove nothing ("Central Perk is closed").
SUBJECT_AUXILIARIES: frozenset[str] = _wordset("""
is was has had can can't could couldn't will won't would wouldn't does doesn't did didn't just never
isn't wasn't hasn't hadn't
""")

# Words right before a name that introduce it as someone's: "her name's Ann", "a guy named Pete".
NAME_INTRODUCERS: frozenset[str] = frozenset({"named", "name's", "name’s", "called", "nicknamed"})

# Words before a name that make it the speaker's own: "I'm Ross.", "My name is Ann", "This is Joey"
# (on the phone); a line without a speaker label is then spoken by that person.
SELF_INTRODUCERS: tuple[str, ...] = ("i'm", "i’m", "i am", "my name is", "my name's", "name's", "this is",
                                     "it's me,", "it’s me,")
# A reply to a line that called someone by name ("Ross?" — "Yeah?"): the person called answers.
ANSWER_WORDS: frozenset[str] = frozenset({"yes", "yeah", "yep", "what", "huh", "hmm", "hm", "uh-huh", "coming",
                                          "here", "sir", "ma'am", "yo", "mm-hmm", "sure", "okay", "ok"})

# Words that may follow an object pronoun ("call her back", "take her to lunch"); any other
# word after "her" makes it a possessive ("her legs").
AFTER_OBJECT: frozenset[str] = _wordset("""
to and at in on for up out back off again now too so that with about down over away or but if
when then yet anymore tonight today tomorrow
""")

MALE_PRONOUNS: frozenset[str] = frozenset({"he", "him", "his", "himself", "he's", "he'll", "he'd"})
FEMALE_PRONOUNS: frozenset[str] = frozenset({"she", "her", "hers", "herself", "she's", "she'll", "she'd"})

# Frequent verbs and adverbs that say nothing about a scene's topic.
COMMON_WORDS: frozenset[str] = _wordset("""
know knew known said say says tell told think thought want wanted left back find found going gonna
wanna gotta take took taken make made come came give gave see saw seen need like look looked
keep kept call called feel felt leave mean meant believe remember forget forgot happen happened
talk talked work worked tried trying seem seems ever much many more most less little thing things
time times really actually something anything nothing everything there where here they them then
than been being were have will would could should about just still even only also very
""")


def _refs(kind: str) -> str:
    return "|".join(rf"\b(?:{p})\b" for p, k, _, _ in REFERRING_EXPRESSIONS if k == kind)


# the table's patterns as one alternation per kind (analysis reads these)
PERSON_REFS = _refs("character")
PLACE_REFS = _refs("location")
EVENT_REFS = _refs("event")
OBJECT_REFS = _refs("object")

FIRST_PERSON: frozenset[str] = frozenset({"i", "me", "i'm", "i'll", "i've", "i'd", "my", "mine", "myself"})

SECOND_PERSON: frozenset[str] = frozenset({"you", "you're", "you'll", "you've", "you'd", "your", "yours",
                                              "yourself", "ya"})

# Nouns of a relation between two people: "Pete is your brother's friend" (the possessor is someone else)
RELATION_NOUNS: frozenset[str] = FAMILY_WORDS | WORK_WORDS | frozenset({
    "friend", "buddy", "pal", "boyfriend", "girlfriend", "roommate", "neighbor", "neighbour", "fiancé",
    "fiancée", "ex", "classmate", "date", "student", "teacher", "doctor", "lawyer", "agent",
})
