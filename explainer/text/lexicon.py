"""Word lists the offline analysis classifies with. Small on purpose: they catch the common
cases of TV dialogue and leave the rest to the Gemini provider."""

from __future__ import annotations

from explainer.text.names import NON_PERSON_ENDINGS


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- Korean ----------------------------------------------------------------------------------

# Place nouns and name endings (강남역, 서울병원, 카페).
KO_PLACE_ENDINGS: tuple[str, ...] = tuple(e for e in NON_PERSON_ENDINGS if e not in {
    "사고", "회의", "파티", "축제", "그룹"}) + ("정류장", "사무실", "경찰서", "편의점", "술집", "본사",
                                             "옥상", "공항", "도서관", "교회", "성당", "호수", "바다")
KO_PLACE_NOUNS: frozenset[str] = frozenset({
    "카페", "회사", "병원", "공원", "정류장", "학교", "식당", "은행", "호텔", "경찰서", "시장", "사무실",
    "편의점", "술집", "본사", "옥상", "공항", "도서관", "교회", "성당", "아파트", "놀이터", "바다", "역",
})
KO_PLACE_NAMES: frozenset[str] = frozenset({
    "서울", "부산", "인천", "대구", "대전", "광주", "울산", "제주", "제주도", "강남", "홍대", "명동", "이태원",
    "한국", "일본", "미국", "중국", "영국", "프랑스", "독일", "캐나다", "호주", "뉴욕", "런던", "파리", "도쿄",
    "한강", "남산", "강릉", "속초", "경주", "여의도", "종로", "신촌", "잠실", "판교",
})
KO_EVENT_ENDINGS: tuple[str, ...] = ("사고", "결혼식", "장례식", "졸업식", "입학식", "회의", "파티", "축제",
                                     "생일", "면접", "재판", "사건", "화재", "콘서트", "회식", "약혼식", "시상식")
KO_EVENT_NOUNS: frozenset[str] = frozenset(KO_EVENT_ENDINGS) | frozenset({"교통사고", "생일파티", "송년회"})
KO_ORG_ENDINGS: tuple[str, ...] = ("그룹", "전자", "건설", "물산", "은행", "방송", "일보", "엔터")
KO_CONCEPT_NAMES: frozenset[str] = frozenset({"삼성", "현대", "카카오", "네이버", "구글", "애플", "유튜브"})
KO_OBJECT_NOUNS: frozenset[str] = frozenset({
    "수첩", "편지", "반지", "사진", "목걸이", "열쇠", "일기장", "일기", "휴대폰", "핸드폰", "가방", "봉투",
    "시계", "서류", "계약서", "유서", "지갑", "우산", "팔찌", "선물", "노트북", "녹음기", "usb", "USB",
})

# Kinship and work words: near two names they type the relation.
KO_FAMILY_WORDS: frozenset[str] = frozenset({
    "오빠", "언니", "누나", "형", "동생", "엄마", "아빠", "어머니", "아버지", "아들", "딸", "남편", "아내",
    "할머니", "할아버지", "삼촌", "이모", "고모", "사촌", "형님", "누님",
})
KO_WORK_WORDS: frozenset[str] = frozenset({
    "팀장", "비서", "대리", "과장", "부장", "차장", "사장", "실장", "본부장", "회장", "부회장", "이사",
    "상무", "전무", "대표", "선배", "후배", "사수", "동기", "사원", "인턴", "주임", "상사", "부하",
})
KO_MALE_WORDS: frozenset[str] = frozenset({"오빠", "형", "형님", "아빠", "아버지", "아들", "남편", "삼촌", "군"})
KO_FEMALE_WORDS: frozenset[str] = frozenset({"언니", "누나", "누님", "엄마", "어머니", "딸", "아내", "이모",
                                             "고모", "양"})

# Nouns that may precede a title without being a name (우리 팀장님, 회사 선배).
KO_NOT_NAMES: frozenset[str] = frozenset({
    "우리", "저희", "너희", "회사", "친구", "학교", "옆집", "동네", "신입", "담당", "직속", "전", "새", "그", "저",
    "이", "제", "내", "네", "니", "얘", "걔", "쟤", "사람", "여자", "남자", "아이", "애", "엄마", "아빠", "자기",
    "여보", "당신", "누구", "동생", "오빠", "언니", "누나", "형", "선배", "후배", "아저씨", "아가씨",
    "할머니", "할아버지", "아줌마", "선생", "선생님", "사장", "아들", "딸", "손님", "기사", "여러분", "진짜",
    "정말", "아니", "그래", "이거", "그거", "저거", "여기", "거기", "저기", "뭐", "왜", "어디", "지금", "오늘",
    "내일", "어제", "나", "너", "하나", "다음", "부장", "대리", "팀장", "과장", "비서", "다", "좀", "잘", "못",
    "예", "응", "야", "아", "어", "음", "자", "참", "또", "막", "꼭", "제발", "혹시", "만약",
})

# Nouns too common to be a topic.
KO_STOP_NOUNS: frozenset[str] = frozenset({
    "사람", "거", "것", "때", "말", "생각", "지금", "우리", "오늘", "정말", "진짜", "이거", "그거", "저거",
    "여기", "거기", "저기", "뭐", "일", "수", "데", "줄", "게", "건", "나", "너", "저", "제", "내", "네",
    "좀", "그때", "이제", "다음", "번", "분", "년", "월", "시", "초", "중", "씨", "님", "얘기", "이야기",
    "그냥", "정도", "때문", "누구", "어디", "언제", "무엇", "자기", "당신", "그게", "이게", "뭔가", "여러분",
    "그것", "이것", "저것", "하나", "둘", "마음", "진심", "사실", "쪽", "앞", "뒤", "안", "밖",
    "어제", "내일", "모레", "아침", "저녁", "오전", "오후", "주말", "요즘", "나중", "아까", "먼저", "혼자",
})

# Demonstrative references (regex alternatives) by the type they point to.
KO_PERSON_REFS = r"그때\s?그\s?(?:사람|여자|남자|애|분)|그\s?(?:사람|여자|남자|녀석|놈|애)(?!들)|그분|걔|그녀|그\s?친구"
KO_PLACE_REFS = r"거기|그곳|그\s곳"
KO_EVENT_REFS = r"그때|그날|그\s일(?![가-힣])"
KO_OBJECT_REFS = r"그거|그것"
KO_FIRST_PERSON: frozenset[str] = frozenset({"나", "저"})
KO_SECOND_PERSON: frozenset[str] = frozenset({"너", "당신", "니", "자네"})

# --- English ---------------------------------------------------------------------------------

EN_PLACE_ENDINGS: frozenset[str] = frozenset({
    "street", "st", "st.", "avenue", "ave", "road", "rd", "boulevard", "lane", "cafe", "café", "coffee",
    "station", "hospital", "park", "restaurant", "hotel", "bank", "school", "university", "college",
    "company", "office", "building", "tower", "bridge", "bar", "church", "market", "mall", "center",
    "centre", "airport", "apartments", "library", "museum", "square", "district", "city", "village",
    "river", "lake", "mountain", "island", "beach", "clinic", "precinct", "court", "academy", "plaza",
    "harbor", "harbour", "bay", "port", "point", "cove", "pier", "dock", "docks", "light", "lighthouse",
    "hill", "hills", "valley", "county", "town", "diner", "inn", "motel", "pub", "shop", "store", "house",
    "hall", "farm", "highway", "drive", "way", "heights", "creek", "woods", "forest", "cliff",
})
EN_PLACE_NOUNS: frozenset[str] = frozenset({
    "cafe", "café", "hospital", "station", "office", "park", "school", "restaurant", "bar", "hotel",
    "bank", "church", "library", "airport", "rooftop", "apartment", "precinct", "clinic", "company",
    "bus stop", "police station",
})
EN_PLACE_NAMES: frozenset[str] = frozenset({
    "seoul", "busan", "incheon", "jeju", "gangnam", "korea", "japan", "china", "america", "england",
    "france", "germany", "canada", "australia", "london", "paris", "tokyo", "new york", "los angeles",
    "hongdae", "itaewon", "myeongdong", "han river", "namsan",
})
EN_EVENT_WORDS: frozenset[str] = frozenset({
    "accident", "party", "wedding", "funeral", "meeting", "birthday", "concert", "trial", "interview",
    "ceremony", "festival", "graduation", "crash", "fire", "incident", "murder", "engagement",
})
EN_ORG_ENDINGS: frozenset[str] = frozenset({"group", "inc", "inc.", "corp", "corp.", "corporation",
                                            "electronics", "entertainment", "ltd", "ltd."})
EN_OBJECT_NOUNS: frozenset[str] = frozenset({
    "notebook", "letter", "ring", "photo", "photograph", "picture", "necklace", "key", "diary", "phone",
    "bag", "envelope", "watch", "wallet", "umbrella", "bracelet", "gift", "laptop", "recorder", "usb",
    "contract", "documents", "file", "will",
})
EN_DETERMINERS: frozenset[str] = frozenset({"the", "that", "this", "my", "your", "his", "her", "our",
                                            "their"})
EN_FAMILY_WORDS: frozenset[str] = frozenset({
    "brother", "sister", "mom", "mother", "dad", "father", "son", "daughter", "husband", "wife", "uncle",
    "aunt", "cousin", "grandma", "grandpa", "grandmother", "grandfather", "mum",
})
EN_WORK_WORDS: frozenset[str] = frozenset({
    "boss", "secretary", "assistant", "colleague", "manager", "coworker", "co-worker", "partner",
    "employee", "intern", "senior", "junior", "supervisor", "chief",
})
EN_MALE_WORDS: frozenset[str] = frozenset({"mr", "mr.", "sir", "brother", "dad", "father", "son", "husband",
                                           "uncle", "grandpa", "grandfather", "lord"})
EN_FEMALE_WORDS: frozenset[str] = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "madam", "lady", "sister",
                                             "mom", "mum", "mother", "daughter", "wife", "aunt",
                                             "grandma", "grandmother"})

# Capitalised words that are not names (sentence starters, interjections, days, months...).
EN_STOPWORDS: frozenset[str] = _wordset("""
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
careful quiet shut true exactly absolutely definitely totally whatever cool awesome
""")

# Verbs that make a sentence's capitalised first word a person: "Daniel said ...".
EN_NAME_FOLLOWERS: frozenset[str] = _wordset("""
said says told tells thinks thought knows knew wants wanted loves loved likes liked called asked
went came left and 's ’s
""")

# Frequent verbs and adverbs that say nothing about a scene's topic.
EN_COMMON_WORDS: frozenset[str] = _wordset("""
know knew known said say says tell told think thought want wanted left back find found going gonna
wanna gotta take took taken make made come came give gave see saw seen need like look looked
keep kept call called feel felt leave mean meant believe remember forget forgot happen happened
talk talked work worked tried trying seem seems ever much many more most less little thing things
time times really actually something anything nothing everything there where here they them then
than been being were have will would could should about just still even only also very
""")

EN_PERSON_REFS = (r"\b(?:that|this)\s(?:guy|man|woman|person|girl|boy|lady|kid)\b|"
                  r"\b(?:he|she|him|they|them)\b")
# "there" as a place, not "there is/was ..." nor "there's"
EN_PLACE_REFS = (r"\bthere\b(?!['’])(?!\s+(?:is|are|was|were|will|would|has|have|had|must|might|may"
                 r"|isn't|aren't|wasn't|weren't)\b)")
EN_EVENT_REFS = r"\bback\sthen\b|\bat\sthat\stime\b|\bthat\s(?:day|night)\b|\bthen\b(?=\s*[.!?,]|\s*$)"
EN_OBJECT_REFS = r"\bthat\sthing\b"
EN_FIRST_PERSON: frozenset[str] = frozenset({"i", "me", "i'm", "i'll", "i've", "i'd", "my"})
EN_SECOND_PERSON: frozenset[str] = frozenset({"you", "you're", "you'll", "you've", "you'd", "your"})
