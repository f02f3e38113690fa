"""The Korean lexicon: every Korean word list of the service lives here (particles, honorifics,
titles, surnames, place/event/object words, referring expressions). Small on purpose: they catch
the common cases of TV dialogue and leave the rest to the Gemini provider."""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

# Korean particles (and a few copula endings) that follow a noun. `cond` is the allomorph rule:
# "V" after a vowel, "C" after a consonant, "R" after a vowel or ㄹ, "C-R" after a consonant
# other than ㄹ, None any. `stem` is the minimum length (syllables) of what stays: one-syllable
# particles that could end a name (도, 만, 의, 아, 야, 이) need a stem of two syllables.
PARTICLES: tuple[tuple[str, str | None, int], ...] = (
    ("에게서는", None, 1), ("한테서는", None, 1),
    ("에게서", None, 1), ("한테서", None, 1), ("에서부터", None, 1), ("으로부터", "C-R", 1),
    ("에게는", None, 1), ("에게도", None, 1), ("에게만", None, 1), ("한테는", None, 1),
    ("한테도", None, 1), ("한테만", None, 1), ("에서는", None, 1), ("에서도", None, 1),
    ("께서는", None, 1), ("께서도", None, 1), ("까지는", None, 1), ("까지도", None, 1),
    ("부터는", None, 1), ("이랑은", "C", 1), ("이랑도", "C", 1), ("으로는", "C-R", 1),
    ("입니다", None, 2), ("이에요", "C", 1), ("이었어", "C", 1), ("이었다", "C", 1),
    ("이라면", "C", 1), ("이라고", "C", 1), ("이라는", "C", 1), ("이라도", "C", 1), ("이야말로", "C", 1),
    ("랑은", "V", 1), ("랑도", "V", 1), ("로는", "R", 1), ("에는", None, 1), ("에도", None, 1),
    ("와는", "V", 1), ("과는", "C", 1), ("만은", None, 2), ("라면", "V", 2), ("라고", "V", 1), ("라는", "V", 2),
    ("예요", "V", 1), ("였어", "V", 2), ("였다", "V", 2), ("이가", "C", 1), ("이랑", "C", 1),
    ("으로", "C-R", 1), ("에서", None, 1), ("에게", None, 1), ("한테", None, 1), ("께서", None, 1),
    ("까지", None, 1), ("부터", None, 1), ("처럼", None, 1), ("보다", None, 1), ("하고", None, 1),
    ("마저", None, 1), ("조차", None, 1), ("밖에", None, 1), ("이나", "C", 1), ("이여", "C", 1),
    ("가", "V", 1), ("는", "V", 1), ("를", "V", 1), ("은", "C", 1), ("을", "C", 1),
    ("와", "V", 1), ("과", "C", 1), ("랑", "V", 1), ("로", "R", 1), ("여", "V", 2),
    ("야", "V", 2), ("아", "C", 2), ("이", "C", 2),
    ("의", None, 2), ("도", None, 2), ("만", None, 2), ("께", None, 2), ("에", None, 2),
)

# Address honorifics: never part of a name (미소 씨 → 미소, 민준 오빠 → 민준).
HONORIFICS: tuple[str, ...] = (
    "선배님", "형님", "선생님", "누님", "오빠", "언니", "누나", "선배", "후배", "씨", "님", "형", "양", "군",
)

# Words that merely end like an honorific.
HONORIFIC_LOOKALIKES = frozenset({
    "아저씨", "아가씨", "솜씨", "말씨", "날씨", "마음씨", "글씨", "맵시", "하나님", "부처님", "임금님",
    "손님", "주인님", "어머님", "아버님", "따님", "아드님", "사모님", "스승님", "형님", "선생님",
    "하느님", "할아버님", "할머님", "시어머님", "시아버님", "장인어른", "서방님", "도련님", "아씨",
})

# Job titles: after a surname they make a title-name (김 비서 → 김비서); after a full or
# given name they are dropped (한미소 대리 → 한미소).
TITLES: tuple[str, ...] = tuple(sorted({
    "비서", "대리", "팀장", "과장", "부장", "차장", "사장", "부사장", "실장", "본부장", "회장", "부회장",
    "이사", "상무", "전무", "대표", "선생", "교수", "형사", "검사", "변호사", "기자", "작가", "감독",
    "반장", "주임", "원장", "간호사", "경위", "경감", "경장", "순경", "계장", "국장", "소장",
    "비서실장", "교감", "교장", "의사", "셰프", "피디", "PD", "사원", "인턴", "변호인", "판사", "지배인",
    # longer titles that begin with a surname-like syllable (이사장 is not 이 + 사장)
    "이사장", "부원장", "부교수", "조교수", "부장검사", "부반장", "부팀장", "부실장",
    "박사", "선임", "서장", "청장", "의원", "장관", "대통령", "여사", "사범", "도령", "서방",
}, key=lambda t: (-len(t), t)))

# What an SDH speaker label may add to a name: (이영준 부회장), (미소 씨), (김 비서)
SPEAKER_LABEL_TITLES: tuple[str, ...] = (*TITLES, *HONORIFICS, "아가씨")

SURNAMES: frozenset[str] = frozenset(str.split(  # str.split: a list literal would be 100 items
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 "
    "성 차 주 우 구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 "
    "반 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 황보 남궁 제갈 선우 독고 사공 서문"
))

# Endings of place, event and organisation names: a three-syllable word ending like this is
# not surname + given name (강남역 is not 강 + 남역).
NON_PERSON_ENDINGS: tuple[str, ...] = (
    "역", "카페", "회사", "병원", "공원", "정류장", "학교", "대학교", "대학", "아파트", "식당", "은행",
    "호텔", "경찰서", "시장", "빌딩", "센터", "타워", "마트", "그룹", "사고", "회의", "파티", "축제",
)

# Endings of time nouns (생일날, 결혼기념일, 그날): a day or a date is never a person.
TIME_NOUN_ENDINGS: tuple[str, ...] = ("날", "날짜", "생일", "기념일", "요일", "주년", "연휴", "방학")

# One-word third-person pronouns (걔 "that kid", 얘, 쟤, 그녀): like he/she, they point at someone
# talked about in the scene, never back at an earlier scene on their own.
BARE_PRONOUNS: frozenset[str] = frozenset({"걔", "얘", "쟤", "그녀", "그"})

# Interjections and the affectionate 우리 that may stand around a name the speaker calls
# someone by (아유, 우리 하리): a line of nothing else is an address.
ADDRESS_FILLERS: frozenset[str] = frozenset({
    "아유", "아이고", "어", "아", "야", "오", "와", "응", "자", "우리", "에이", "아휴", "어머", "헐", "저기",
})

# Caption speaker labels that name a role, not a character ((여자) …, [모두] …; a plural in 들 of
# one of them too: 학생들, `names.is_generic_speaker`)
GENERIC_SPEAKERS: frozenset[str] = frozenset({
    "남자", "여자", "모두", "다같이", "다 같이", "일동", "사람들", "내레이션", "목소리", "기자",
    "아이", "행인", "손님", "직원", "남학생", "여학생", "학생",
    "아저씨", "아줌마", "할머니", "할아버지", "청년", "소년", "소녀", "경찰", "경찰관", "형사", "의사", "간호사",
    "기사", "택시기사", "운전기사", "점원", "종업원", "사장님", "아나운서", "앵커", "해설", "해설자",
    "사회자", "안내방송", "방송", "라디오", "전화", "남성", "여성", "노인", "군인", "배달원", "경비", "비서",
    "함께", "다함께", "같이", "동시에", "전원", "합창",
    # credit and caption-source labels (자막: 윤연주 is who made the captions), music cues (BGM: …)
    "자막", "번역", "자막제작", "문자", "메시지", "화면", "뉴스", "bgm", "ost", "노래", "음악", "배경음악",
    "스태프", "가수", "관객", "선수", "staff",
})

# School subjects: before 선생님 they say which teacher (교련 선생님, 국사 선생님), never a name.
SCHOOL_SUBJECTS: frozenset[str] = frozenset({
    "국어", "영어", "수학", "과학", "사회", "국사", "역사", "세계사", "체육", "음악", "미술", "교련", "물리",
    "화학", "생물", "지리", "윤리", "도덕", "기술", "가정", "가사", "한문", "독어", "불어", "일어", "중국어",
    "독일어", "프랑스어", "일본어", "문학", "작문", "정치", "경제", "상업", "공업", "담임", "부담임", "보건",
})

# Referring expressions, the one table of analysis and explain, longest first: (regex, the entity
# type they point to, gender "m"/"f"/None, plural). 그때 그 사람 is two: a moment and a person.
# First/second person pronouns are FIRST_PERSON and SECOND_PERSON below. 그놈의 성질 is an idiom
# ("that damn temper"), no one. Every person expression a viewer asks about is here (issue 20: 그 인간,
# 그 여성, 그자, 그 계집애, 그 동무, 그 에미나이, 그 양반, 그 년 and the bare 그 of 그는 were not),
# with or without the space; 이 사람 / 저 사람 / 얘 / 쟤 point at someone on screen.
_NOT_PLURAL = r"(?!\s?들)"
REFERRING_EXPRESSIONS: tuple[tuple[str, str, str | None, bool], ...] = (
    (r"그\s?사람들|이\s?사람들|저\s?사람들|걔네들|걔네|걔들|얘네|쟤네|그\s?애들|그\s?녀석들|그\s?놈들|그들",
     "character", None, True),
    (r"그\s?남자" + _NOT_PLURAL, "character", "m", False), (r"그\s?여자" + _NOT_PLURAL, "character", "f", False),
    (r"그\s?남성", "character", "m", False), (r"그\s?여성", "character", "f", False),
    (r"그\s?사나이", "character", "m", False), (r"그\s?계집애", "character", "f", False),
    (r"그\s?에미나이", "character", "f", False), (r"그녀(?!석)", "character", "f", False),
    (r"그\s?놈(?!의)", "character", "m", False), (r"그\s?녀석", "character", "m", False),
    (r"그\s?자식", "character", "m", False), (r"그\s?새끼", "character", "m", False),
    (r"그\s?인간", "character", None, False), (r"그\s?양반", "character", "m", False),
    (r"그\s?동무", "character", None, False),
    (r"그\s?사람" + _NOT_PLURAL, "character", None, False), (r"저\s?사람" + _NOT_PLURAL, "character", None, False),
    (r"이\s?사람" + _NOT_PLURAL, "character", None, False),
    (r"그\s?분(?![위야석량노])", "character", None, False), (r"그\s?애(?![들매])", "character", None, False),
    (r"그\s?친구(?!들)", "character", None, False),
    # 그년 / 그 년이 (an insult), not 그 년도 / 그 년에 (that year)
    (r"그\s?년(?![도대간째]|에\b)", "character", "f", False),
    (r"그자(?![리체신])", "character", "m", False),
    (r"걔(?![네들])", "character", None, False), (r"쟤(?![네들])", "character", None, False),
    (r"얘(?![네들기])", "character", None, False),
    # the bare 그 of 그는 / 그가 / 그를 / 그의 / 그에게 (he), never 그래 / 그게 / 그건
    (r"그(?=(?:는|가|를|의|에게|한테)(?![가-힣]))", "character", "m", False),
    (r"거기", "location", None, False), (r"그곳", "location", None, False), (r"그\s곳", "location", None, False),
    (r"그\s?장소", "location", None, False), (r"저기", "location", None, False),
    (r"그때", "event", None, False), (r"그날", "event", None, False), (r"그\s일(?![가-힣])", "event", None, False),
    (r"그거", "object", None, False), (r"그것", "object", None, False),
)

# Person descriptions (엄마, 그 아저씨): a noun for a person and its gender.
PERSON_NOUNS: dict[str, str | None] = {
    "엄마": "f", "어머니": "f", "아빠": "m", "아버지": "m", "할머니": "f", "할아버지": "m", "아저씨": "m",
    "아줌마": "f", "아가씨": "f", "오빠": "m", "언니": "f", "누나": "f", "형": "m", "동생": None,
    "남편": "m", "아내": "f", "와이프": "f", "남친": "m", "여친": "f", "남자친구": "m", "여자친구": "f",
}

# Nouns for a person that a demonstrative description ends with (그 기자, 그 잘생긴 비서, 아까 그
# 직원, 그 국사 선생님): titles, kin and everyday roles, and the coinages ending 남 / 녀 (운명남).
PERSON_ROLE_NOUNS: frozenset[str] = frozenset({
    *TITLES, *PERSON_NOUNS, "직원", "손님", "학생", "외국인", "남자", "여자", "사람", "놈", "년", "녀석", "자식",
    "새끼", "아이", "애", "친구", "아들", "딸", "남편", "아내", "부인", "경찰", "의사", "선생님", "사장님", "실장님",
    "팀장님", "부장님", "회장님", "본부장님", "아가씨", "총각", "청년", "노인", "할배", "할매", "양반", "인간",
    "가시나", "계집애", "동무", "사나이", "여성", "남성", "주인", "알바", "매니저", "배우", "가수", "모델", "셰프님",
    "씨",  # 그 가짜 진영서 씨
})
# a coinage for a kind of man or woman (운명남, 훈남, 차도녀): at least two syllables before 남 / 녀
PERSON_COINAGE_ENDINGS: tuple[str, ...] = ("남", "녀")
# the gender of the role nouns that tell it (kin words: PERSON_NOUNS)
PERSON_ROLE_GENDERS: dict[str, str] = {
    "남자": "m", "여자": "f", "남성": "m", "여성": "f", "놈": "m", "년": "f", "녀석": "m", "아들": "m", "딸": "f",
    "총각": "m", "청년": "m", "사나이": "m", "계집애": "f", "가시나": "f", "아가씨": "f", "부인": "f", "여사": "f",
}
# copula endings after a noun that particles do not cover (그 기자인가?, 그 직원이요)
COPULA_ENDINGS: tuple[str, ...] = ("인가요", "인가", "이요", "이야", "이지", "이다", "인데", "이고", "이었어", "였어")

# Address terms that tell the speaker's gender: 오빠/언니 are said by women, 형/누나 by men.
SAID_BY_FEMALE: frozenset[str] = frozenset({"오빠", "언니"})
SAID_BY_MALE: frozenset[str] = frozenset({"형", "형님", "누나", "누님"})

# --- classification -------

# Place nouns and name endings (강남역, 서울병원, 카페).
PLACE_ENDINGS: tuple[str, ...] = tuple(e for e in NON_PERSON_ENDINGS if e not in {
    "사고", "회의", "파티", "축제", "그룹"}) + ("정류장", "사무실", "경찰서", "편의점", "술집", "본사",
                                             "옥상", "공항", "도서관", "교회", "성당", "호수", "바다")

PLACE_NOUNS: frozenset[str] = frozenset({
    "카페", "회사", "병원", "공원", "정류장", "학교", "식당", "은행", "호텔", "경찰서", "시장", "사무실",
    "편의점", "술집", "본사", "옥상", "공항", "도서관", "교회", "성당", "아파트", "놀이터", "바다", "역",
})

# --- gazetteer: countries, cities and languages are never characters ---
# pycountry holds every country and language in Korean (ISO 3166 / 639 translations, read by
# `country_names`, `language_names`); this list adds the short names people say (미국, 스페인)
# and cities, regions and continents.
PLACE_NAMES: frozenset[str] = frozenset({
    "서울", "부산", "인천", "대구", "대전", "광주", "울산", "제주", "제주도", "강남", "홍대", "명동", "이태원",
    "한국", "일본", "미국", "중국", "영국", "프랑스", "독일", "캐나다", "호주", "뉴욕", "런던", "파리", "도쿄",
    "한강", "남산", "강릉", "속초", "경주", "여의도", "종로", "신촌", "잠실", "판교",
    "북한", "남한", "스페인", "베트남", "인도", "태국", "대만", "홍콩", "필리핀", "인도네시아", "말레이시아",
    "싱가포르", "러시아", "이탈리아", "멕시코", "브라질", "아르헨티나", "스위스", "네덜란드", "스웨덴",
    "터키", "이집트", "뉴질랜드", "유럽", "아시아", "아프리카", "미주", "남미", "중동", "하와이", "괌",
    "오사카", "교토", "베이징", "북경", "상하이", "상해", "방콕", "하노이", "다낭", "발리", "세부", "로마",
    "베를린", "밀라노", "바르셀로나", "마드리드", "엘에이", "샌프란시스코", "시카고", "보스턴", "라스베이거스",
    "경기도", "강원도", "충청도", "전라도", "경상도", "수원", "성남", "분당", "일산", "춘천", "전주", "목포",
    "여수", "포항", "청주", "천안", "압구정", "청담", "신사", "가로수길", "성수", "한남", "건대", "동대문",
    "남대문", "광화문", "시청", "용산", "마포", "합정", "상암", "목동", "노원", "강북", "강서", "송파",
    # countries that are no more, by the short names people say (pycountry has their official ones)
    "소련", "쏘련", "동독", "서독", "유고", "체코슬로바키아", "월남",
})

# A neighbourhood (동) or district (구) name: three syllables or more whose first is not a
# surname (쌍문동, 청담동; 압구정동), since 김영동 is a person.
NEIGHBOURHOOD_ENDINGS: tuple[str, ...] = ("동", "구")

# Language names people say besides pycountry's (영어, 한국어 come from it): 불어, 국어 ...
LANGUAGE_NAMES: frozenset[str] = frozenset({
    "영어", "한국어", "국어", "중국어", "일본어", "불어", "독어", "한문", "외국어", "스페인어", "베트남어", "수학",
})


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Korean names of every country (pycountry), without spaces, plus PLACE_NAMES."""
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ko"], fallback=True)
    names: set[str] = set()
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            value = getattr(country, field, None)
            if value:
                names.add(translation.gettext(value).replace(" ", ""))
    return frozenset(n for n in names if any("가" <= c <= "힣" for c in n)) | PLACE_NAMES


@lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """Korean names of languages (pycountry's ISO 639 names that have a two-letter code)."""
    translation = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["ko"], fallback=True)
    names = {translation.gettext(lang.name).replace(" ", "") for lang in pycountry.languages
             if getattr(lang, "alpha_2", None)}
    return frozenset(n for n in names if any("가" <= c <= "힣" for c in n)) | LANGUAGE_NAMES


def is_place_name(word: str) -> bool:
    """스페인, 서울, 청담동, 쌍문동 — a country, city or neighbourhood (never a person)."""
    if word in country_names():
        return True
    return len(word) >= 3 and word.endswith(NEIGHBOURHOOD_ENDINGS) and (word[0] not in SURNAMES or len(word) >= 4)


def is_language_name(word: str) -> bool:
    """영어, 스페인어, 베트남어 — a language (never a person)."""
    return word in language_names() or (word.endswith("어") and word[:-1] in country_names())

EVENT_ENDINGS: tuple[str, ...] = ("사고", "결혼식", "장례식", "졸업식", "입학식", "회의", "파티", "축제",
                                     "생일", "면접", "재판", "사건", "화재", "콘서트", "회식", "약혼식", "시상식")

EVENT_NOUNS: frozenset[str] = frozenset(EVENT_ENDINGS) | frozenset({"교통사고", "생일파티", "송년회"})

ORG_ENDINGS: tuple[str, ...] = ("그룹", "전자", "건설", "물산", "은행", "방송", "일보", "엔터")

CONCEPT_NAMES: frozenset[str] = frozenset({"삼성", "현대", "카카오", "네이버", "구글", "애플", "유튜브"})

OBJECT_NOUNS: frozenset[str] = frozenset({
    "수첩", "편지", "반지", "사진", "목걸이", "열쇠", "일기장", "일기", "휴대폰", "핸드폰", "가방", "봉투",
    "시계", "서류", "계약서", "유서", "지갑", "우산", "팔찌", "선물", "노트북", "녹음기", "usb", "USB",
})

# Kinship and work words: near two names they type the relation.
FAMILY_WORDS: frozenset[str] = frozenset({
    "오빠", "언니", "누나", "형", "동생", "엄마", "아빠", "어머니", "아버지", "아들", "딸", "남편", "아내",
    "할머니", "할아버지", "삼촌", "이모", "고모", "사촌", "형님", "누님",
})

WORK_WORDS: frozenset[str] = frozenset({
    "팀장", "비서", "대리", "과장", "부장", "차장", "사장", "실장", "본부장", "회장", "부회장", "이사",
    "상무", "전무", "대표", "선배", "후배", "사수", "동기", "사원", "인턴", "주임", "상사", "부하",
})

MALE_WORDS: frozenset[str] = frozenset({"오빠", "형", "형님", "아빠", "아버지", "아들", "남편", "삼촌", "군"})

# Words before a name that make it someone else: 그 가짜 진영서 (the one posing as 진영서)
IMPOSTOR_WORDS: frozenset[str] = frozenset({"가짜", "짝퉁"})

# A noun of a person's sex, said of someone named (민우는 남자야, 지수가 여자래): what the line states
# them to be. Kin and role words are left out: they are said in jest (형이 내 엄마야).
GENDERED_NOUNS: dict[str, str] = {"여자": "f", "남자": "m", "여자애": "f", "남자애": "m", "총각": "m", "아가씨": "f"}
# the copula or quotative that closes such a statement (남자야, 여자래, 여자라고, 남자였어)
STATEMENT_ENDINGS: tuple[str, ...] = ("야", "이야", "예요", "이에요", "입니다", "이다", "래", "이래", "라고", "이라고",
                                      "였", "이었", "잖아", "이잖아", "지", "이지", "네", "이네", "거든", "이거든")

FEMALE_WORDS: frozenset[str] = frozenset({"언니", "누나", "누님", "엄마", "어머니", "딸", "아내", "이모",
                                             "고모", "양"})

# Verb stems (as the morphology gives them) whose subject or object is a person: 미소가 말했어.
PERSON_VERBS: frozenset[str] = frozenset({
    "말하", "얘기하", "이야기하", "말씀하", "전화하", "만나", "사랑하", "좋아하", "싫어하", "기다리", "웃", "울",
    "결혼하", "헤어지", "부르", "믿", "도와주", "돕", "물어보", "묻", "대답하", "소개하", "데려오", "데려가",
    "챙기", "걱정하", "미워하", "죽이", "때리", "혼나", "화내", "삐지", "보고싶", "싸우",
})

# Particles that follow a person: 미소한테, 미소에게, 회장님께, 사장님께서.
PERSON_PARTICLES: frozenset[str] = frozenset({"한테", "에게", "께", "한테서", "에게서", "께서", "더러", "보고"})

# Nouns a name is introduced as (한지훈이라는 분, 지훈이란 사람, 한지훈이라고 하는 남자): the name is a person's.
NAMED_PERSON_NOUNS: frozenset[str] = frozenset({
    "분", "사람", "남자", "여자", "애", "아이", "친구", "녀석", "놈", "자식", "새끼", "꼬마", "학생", "양반",
    "아저씨", "아줌마", "아가씨", "총각", "청년", "할머니", "할아버지", "형", "오빠", "언니", "누나", "선배",
    "후배", "동생", "여자애", "남자애", "사내", "인간",
})

# What 라고 is followed by when it introduces a name (한지훈이라고 하는 분).
NAMING_VERBS: frozenset[str] = frozenset({"하는", "하던", "한", "하시는", "불리는"})

# Nouns people are called by that are not names: kinship and address terms, insults, and the
# conjunctions and interjections the morphology sometimes reads as proper nouns.
ADDRESS_NOUNS: frozenset[str] = frozenset({
    "새끼", "자식", "놈", "년", "녀석", "가시내", "가스나", "머스마", "계집애", "아우", "병신", "빙신", "븅신",
    "짜식", "자슥", "임마", "인마", "새꺄", "등신아",
    "아버지", "어머니", "아부지", "어무니", "엄마", "아빠", "아가", "아기",
    "애기", "친구", "여보", "자기", "형아", "학생", "총각", "처녀", "인간", "바보", "멍청이", "등신", "영감",
    "마누라", "이놈", "저놈", "그놈", "이년", "저년", "아들", "딸", "손녀", "손자", "손주", "며느리", "사위", "막내",
    "선생", "언니", "누나", "오빠", "형", "동생", "삼촌", "이모", "고모", "할머니", "할아버지", "아저씨", "아줌마",
    "근데", "그런데", "그러니까", "그니까", "아무튼", "어쨌든", "하여튼", "아이고", "아이구", "어머", "세상에",
    "몰라", "한번", "말고", "참말", "정말로", "진짜로", "제발", "어이", "여기요", "저기요", "감사", "땡큐",
    "오케이", "굿", "쏘리", "네버", "나의", "너의", "우리의", "한다", "했다", "이번", "저번", "요번",
}) | frozenset({
    # roles, ranks and kin a person is called by with 님/씨 (대사님, 고객님, 제수씨, 부모님): a
    # reader takes them for what someone is, not for a name; only a speaker label makes one a
    # character (the captions then use it as the only name of one person)
    "대사", "영사", "공사", "장관", "차관", "의원", "판사", "검사", "변호사", "형사", "경찰", "순경", "경관",
    "고객", "손님", "환자", "보호자", "승객", "주민", "시민", "국민", "백성", "동포", "회원", "관객", "시청자",
    "동지", "동무", "대좌", "중좌", "소좌", "상좌", "대위", "중위", "소위", "대령", "중령", "소령", "장군",
    "준장", "소장", "중장", "대장", "원수", "병장", "상병", "일병", "이병", "하사", "중사", "원사", "상사",
    "제수", "형수", "계수", "매형", "매부", "처제", "처형", "동서", "사돈", "시누이", "올케", "장모", "장인",
    "시어머니", "시아버지", "부모", "부인", "남편", "아내", "와이프", "조카", "사촌", "숙모", "외삼촌",
    "선배", "후배", "동기", "동료", "부하", "직원", "사원", "신입", "주인", "사모", "도련", "아씨", "마님", "나리",
    "폐하", "전하", "마마", "대감", "사또", "스님", "목사", "신부", "수녀", "기자", "작가", "감독", "피디",
    "배우", "간호사", "의사", "교수", "교장", "원장", "총장", "기사", "학부모", "어르신", "여러분",
})

# Section headings of a wiki page that are not characters.
WIKI_NON_CHARACTER_SECTIONS: frozenset[str] = frozenset({
    "개요", "여담", "관련 문서", "각주", "평가", "둘러보기", "같이 보기",
})

# Nouns that may precede a title without being a name (우리 팀장님, 회사 선배).
NOT_NAMES: frozenset[str] = frozenset({
    "우리", "저희", "너희", "회사", "친구", "학교", "옆집", "동네", "신입", "담당", "직속", "전", "새", "그", "저",
    "이", "제", "내", "네", "니", "얘", "걔", "쟤", "사람", "여자", "남자", "아이", "애", "엄마", "아빠", "자기",
    "여보", "당신", "누구", "동생", "오빠", "언니", "누나", "형", "선배", "후배", "아저씨", "아가씨",
    "할머니", "할아버지", "아줌마", "선생", "선생님", "사장", "아들", "딸", "손님", "기사", "여러분", "진짜",
    "정말", "아니", "그래", "이거", "그거", "저거", "여기", "거기", "저기", "뭐", "왜", "어디", "지금", "오늘",
    "내일", "어제", "나", "너", "하나", "다음", "부장", "대리", "팀장", "과장", "비서", "다", "좀", "잘", "못",
    "예", "응", "야", "아", "어", "음", "자", "참", "또", "막", "꼭", "제발", "혹시", "만약",
    # dialect adverbs and conjunctions the morphology takes for proper nouns (꼴랑 언니랑: "only"
    # her sister; 그라모: "then")
    "꼴랑", "억수로", "허벌나게", "겁나게", "솔찬히", "댑따", "허천나게", "그라모", "그라믄", "그카믄", "근께",
})

# Nouns too common to be a topic.
STOP_NOUNS: frozenset[str] = frozenset({
    "사람", "거", "것", "때", "말", "생각", "지금", "우리", "오늘", "정말", "진짜", "이거", "그거", "저거",
    "여기", "거기", "저기", "뭐", "일", "수", "데", "줄", "게", "건", "나", "너", "저", "제", "내", "네",
    "좀", "그때", "이제", "다음", "번", "분", "년", "월", "시", "초", "중", "씨", "님", "얘기", "이야기",
    "그냥", "정도", "때문", "누구", "어디", "언제", "무엇", "자기", "당신", "그게", "이게", "뭔가", "여러분",
    "그것", "이것", "저것", "하나", "둘", "마음", "진심", "사실", "쪽", "앞", "뒤", "안", "밖",
    "어제", "내일", "모레", "아침", "저녁", "오전", "오후", "주말", "요즘", "나중", "아까", "먼저", "혼자",
})

def _refs(kind: str) -> str:
    return "|".join(p for p, k, _, _ in REFERRING_EXPRESSIONS if k == kind)


# the table's patterns as one alternation per kind (analysis reads these)
PERSON_REFS = _refs("character")
PLACE_REFS = _refs("location")
EVENT_REFS = _refs("event")
OBJECT_REFS = _refs("object")

FIRST_PERSON: frozenset[str] = frozenset({"나", "저"})
# the same as words of a line, with their particles (read without morphology at explain time)
FIRST_PERSON_WORDS = r"내가|나는|나도|나를|나한테|나랑|난|날|내|제가|저는|저도|저를|저한테|전|제"

SECOND_PERSON: frozenset[str] = frozenset({"너", "당신", "니", "자네"})
SECOND_PERSON_WORDS = r"네가|니가|너는|너도|너를|너한테|너랑|넌|널|너|당신은|당신이|당신도|당신을|당신|자네"


# What follows a name that renames a description of its line: "그 사람 누군데? 한지훈이라는 사람",
# "그 여자가 진영서라니", "이민우라고 했나? 그 셰프", "그 사람이 한미소였어?": a person named so (a
# quotation or a copula) is the one the line talks about.
RENAMING_ENDINGS: tuple[str, ...] = ("이라는", "라는", "이라고", "라고", "이라니", "라니", "이래", "래", "이란", "란",
                                     "이었어요", "였어요", "이었어", "였어", "이었다", "였다", "이에요", "예요",
                                     "입니다", "이었구나", "였구나",
                                     # the copula after a final consonant, never a call (that is 아):
                                     # 걔는 장만옥이야, 걔가 어떻게 왕조현이냐고
                                     "이야", "이냐고", "이냐")
# Words before a name that make it the speaker's own ("저는 한지훈입니다", "나 민우야"), and the
# copulas that close such a line; a line without a speaker label is then spoken by that person.
SELF_INTRODUCERS: tuple[str, ...] = ("저는", "전", "난", "나는", "제 이름은", "내 이름은", "나", "저")
SELF_INTRODUCTION_ENDINGS: tuple[str, ...] = ("입니다", "이에요", "예요", "이야", "야", "이고요", "이라고 합니다",
                                              "라고 합니다", "이라고 해요", "라고 해요")
# A reply to a line that called someone by name (미소야 — 네?): the person called answers.
ANSWER_WORDS: frozenset[str] = frozenset({"네", "예", "응", "어", "왜", "왜요", "넵", "네네", "그래", "뭐", "뭐야",
                                          "네에", "예에", "어어", "부르셨어요", "불렀어"})

# Nouns of a relation between two people: 서도윤 씨는 오빠 친구야 (the possessor is someone else)
RELATION_NOUNS: frozenset[str] = FAMILY_WORDS | WORK_WORDS | frozenset({
    "친구", "남친", "여친", "남자친구", "여자친구", "애인", "약혼자", "동창", "제자", "선생님", "담임", "이웃",
})
