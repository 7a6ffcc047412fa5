"""Word lists the normaliser uses: variants, the Korean glossary, stopwords, question words.

Data only. Every list is general vocabulary of the article's subject (trilateral cooperation,
North Korea, technology, the newspaper itself), never a copy of an evaluation question.
"""

from __future__ import annotations

# English variants -> one canonical spelling. Applied as whole-word, case-insensitive regex
# replacements, longest first, after Unicode normalisation. Canonical multi-word names are joined
# with underscores so they stay one token ("north_korea").
VARIANTS: dict[str, str] = {
    # countries and places
    r"u\.\s?s\.\s?a\.?|u\.\s?s\.(?=\W|$)|u\.\s?s|united states of america|united states|america|americans?|usa": "usa",
    r"\bus\b(?=[\s-]+(?:china|japan|korea|south|chamber|led|president|military|air|navy|and|,))": "usa",
    r"(?<=china[\s-])us\b|(?<=japan[\s-])us\b|(?<=korea[\s-])us\b|(?<=and )us\b(?= (?:japan|korea|china))": "usa",
    r"s\.\s?korea|south korea|republic of korea|rok|south korean|s korea|skorea|s\.korea": "south_korea",
    r"n\.\s?korea|north korea|north korean|n korea|nkorea|dprk|nk|pyongyang|n\.korea": "north_korea",
    r"seoul": "south_korea",
    r"korean peninsula|peninsula": "korean_peninsula",
    r"japanese|tokyo": "japan",
    r"chinese|beijing|prc": "china",
    r"russian|moscow|kremlin": "russia",
    r"ukrainian|kyiv": "ukraine",
    r"indo[\s-]?pacific|indopacific|indo[\s-]?pac": "indo_pacific",
    r"camp\s?david|campdavid|camp dave": "camp_david",
    r"stand[\s-]?alone|standalone|separate|dedicated|own": "standalone",
    r"washington(?:\s?d\.?c\.?)?": "washington",
    r"trilateral|tri[\s-]?lateral|three[\s-]way|3[\s-]way|three countries|three nations|3 countries|"
    r"three allies|korea[\s-]usa?[\s-]japan|usa[\s-]japan[\s-](?:south_)?korea|south_korea[\s-]usa[\s-]japan|"
    r"three of them|all three|the three|three way|3 nations|three states": "trilateral",
    # organisations
    r"federation of korean industries|fki": "fki",
    r"japan business federation|keidanren": "keidanren",
    r"(?:usa\s)?chamber of commerce": "chamber_of_commerce",
    r"chip[\s-]?4|chip[\s-]?four|chip4 alliance|fab[\s-]?4": "chip4",
    # technology and economy
    r"electric vehicles?|evs?|e\.v\.s?|electric cars?": "electric_vehicle",
    r"semiconductors?|semi[\s-]conductors?|chips?|microchips?|semis": "semiconductor",
    r"batteries|battery cells?": "battery",
    r"supply[\s-]chains?": "supply_chain",
    r"crypto(?:currency|currencies)?|bitcoin|digital currency|virtual currency|coins?": "cryptocurrency",
    r"cyber[\s-]?(?:attacks?|space|activities|activity|threats?|crime|security)?|hack(?:ing|ers?|s)?": "cyber",
    r"nukes?|nuclear weapons?": "nuclear",
    r"missles?|misiles?|missiles?": "missile",
    r"icbms?|ballistic missiles?": "ballistic missile",
    r"real[\s-]?time|live": "realtime",
    r"early[\s-]warning|warning": "warning",
    # military words
    r"drills?|exercises?|war[\s-]?games?|maneuvers?|manoeuvres?|excercises?|exercize": "exercise",
    r"air forces?|airforces?": "air_force",
    r"aerial|air": "aerial",
    r"joint": "joint",
    # people and the paper
    r"si[\s-]?ho[\s-]?park|park[\s-]si[\s-]?ho|si[\s-]ho|siho": "si_ho_park",
    r"writer|author|authored|journalist|reporter|wrote|written|byline|writes|write": "author",
    r"published|publish|publication|posted|released|came out|come out|upload(?:ed)?": "published",
    r"views|viewed|view count|page views|hits|read count": "views",
    r"likes|liked|like count|thumbs up|upvotes?": "likes",
    r"newspaper|paper|article|story|piece|post|artical|articel": "article",
    r"edition|issue no\.?|issue number|issue #|issue num": "issue_number",
    r"kicker|category|column|section": "section",
    r"headline|title": "title",
    # general synonyms
    r"teaming up|team up|teamed up|allied|allies|alliances|bloc|axis": "alliance",
    r"partnerships?|cooperate|cooperating|co-?operation|collaboration|collaborate|working together|work together": "cooperation",
    r"aims?|aimed|goals?|objectives?|purposes?|intentions?|the point": "purpose",
    r"fields?|areas?|sectors?|domains?": "field",
    r"worries|worry|worried|concerns?|concerned|criticism|criticisms|problems with": "concern",
    r"colonization|colonisation|colonial|colonized|colonised|colonize|colonise|colony|occupation": "colonization",
    r"set up|established|establish|created|create|formed|form|founded|launched|launch": "establish",
    r"started|start|starts|starting|began|begin|begins|beginning|commenced?": "start",
    r"counter|countering|combat|combating|fight|fighting|tackle|tackling": "counter",
    r"finances?|financing|funds?|funding|pays? for|paid for|bankroll": "finance",
    r"deter|deterring|deterrence|contain|containing": "deter",
    r"threats?|threatening|menace": "threat",
    r"intensif(?:y|ies|ied|ying)|escalat(?:e|es|ed|ing)|rising|growing|deepening|increasing": "intensify",
    r"hegemony|dominance|supremacy": "hegemony",
    r"competition|rivalry|race": "competition",
    r"conflicts?|disputes?|tensions?|feud|frictions?": "conflict",
    r"meetings?|talks|dialogues?|consultations?": "dialogue",
    r"summits?|summitry": "summit",
    r"leaders|heads of state": "leaders",
    r"annual|annually|yearly|every year|each year|once a year": "annual",
    r"every|each": "every",
    r"comfort women|comfort woman|wartime sex slaves|sexual slavery": "comfort_women",
    r"dokdo|takeshima|liancourt rocks": "dokdo",
    r"information|info|data|intel|intelligence": "data",
    r"sharing|shared|shares|share": "share",
    r"pillar|backbone|cornerstone": "pillar",
    # whether a dispute is settled, asked either way ("is it resolved?" / "not been resolved")
    r"unresolved|unsolved|unsettled|resolved|solved|settled|resolves?|solves?|settles?|resolution": "resolved",
    r"tighter|closer|deeper|stronger|strengthen(?:s|ed|ing)?|reinforc\w*|bolster\w*|boost\w*": "strengthen",
    r"central|core|main|crucial|essential|chief|principal": "key",
    r"deals?|agreements?|accords?|pacts?": "agreement",
    r"extend\w*|expand\w*|widen\w*|broaden\w*": "expand",
    r"past|outside of|outside|further than": "beyond",
    r"formali[sz]\w*|institutionali[sz]\w*|systemati[sz]\w*": "institutionalize",
    r"achiev\w*|gain(?:s|ed)?|benefit\w*|obtain\w*": "gain",
    r"impl(?:y|ies|ied)|indicat\w*|suggest\w*|signal(?:s|led|ed)?": "suggest",
    r"division|divisions|divide|divided|polarization|split": "division",
}

# Korean terms of the article -> canonical English tokens (applied before tokenising; longest first).
KOREAN_GLOSSARY: dict[str, str] = {
    "캠프 데이비드": "camp_david", "캠프데이비드": "camp_david", "데이비드": "camp_david",
    "정상회의": "summit", "정상 회의": "summit", "정상회담": "summit", "회담": "summit", "서밋": "summit",
    "한미일": "trilateral", "한·미·일": "trilateral", "한-미-일": "trilateral", "한미 일": "trilateral",
    "한 미 일": "trilateral", "세 나라": "trilateral", "3국": "trilateral", "삼국": "trilateral",
    "세 국가": "trilateral", "3개국": "trilateral", "삼각": "trilateral",
    "대한민국": "south_korea", "남한": "south_korea", "한국": "south_korea",
    "미국": "usa", "일본": "japan", "북한": "north_korea", "북": "north_korea", "중국": "china",
    "베이징": "china", "러시아": "russia", "우크라이나": "ukraine", "워싱턴": "washington",
    "인도태평양": "indo_pacific", "인도-태평양": "indo_pacific", "인도 태평양": "indo_pacific", "인태": "indo_pacific",
    "한반도": "korean_peninsula",
    "침공": "invasion", "침략": "invasion", "전쟁": "war",
    "탄도 미사일": "ballistic missile", "탄도미사일": "ballistic missile", "미사일": "missile",
    "경보": "warning", "실시간": "realtime", "데이터": "data", "정보": "data",
    "공유": "share", "공군": "air_force", "공중훈련": "aerial exercise", "공중 훈련": "aerial exercise",
    "공중": "aerial", "연합훈련": "joint exercise", "합동훈련": "joint exercise", "훈련": "exercise",
    "합동": "joint", "핵": "nuclear", "위협": "threat", "도발": "threat",
    "사이버": "cyber", "해킹": "cyber", "암호화폐": "cryptocurrency", "가상화폐": "cryptocurrency",
    "가상자산": "cryptocurrency", "코인": "cryptocurrency", "우주": "space", "발사": "launches",
    "이니셔티브": "initiative", "협의체": "consultative group", "협의 그룹": "consultative group",
    "협의그룹": "consultative group", "고위급": "high-level", "대화": "dialogue", "협의": "consultative",
    "평화": "peace", "안정": "stability", "동맹": "alliance", "협력": "cooperation", "공조": "cooperation",
    "경제안보": "economic security", "경제 안보": "economic security", "안보": "security",
    "군사": "military", "국방": "defense", "방위": "defense",
    "첨단 기술": "advanced technology", "첨단기술": "advanced technology", "기술": "technology",
    "경제": "economy", "경영": "management",
    "반도체": "semiconductor", "칩4": "chip4", "칩 4": "chip4", "칩": "semiconductor",
    "전기차": "electric_vehicle", "전기 자동차": "electric_vehicle", "배터리": "battery",
    "이차전지": "battery", "2차전지": "battery", "공급망": "supply_chain",
    "전국경제인연합회": "fki", "전경련": "fki", "한국경제인협회": "fki", "한경협": "fki",
    "일본경제단체연합회": "keidanren", "경단련": "keidanren", "게이단렌": "keidanren",
    "상공회의소": "chamber_of_commerce", "비즈니스": "business", "기업": "business", "재계": "business",
    "독도": "dokdo", "위안부": "comfort_women", "식민지배": "colonization", "식민 지배": "colonization",
    "식민지": "colonization", "식민": "colonization", "역사": "history", "역사적": "history",
    "지리적": "geographical", "영토": "geographical",
    "우려": "concern", "걱정": "concern", "비판": "concern", "기둥": "pillar", "국제정치": "international politics",
    "국제 정치": "international politics", "국제": "international", "분열": "division",
    "패권": "hegemony", "경쟁": "competition", "갈등": "conflict", "긴장": "conflict", "대립": "confrontation",
    "대결": "confrontation", "견제": "checks", "억제": "deter",
    "목적": "purpose", "목표": "purpose", "취지": "purpose", "이유": "why", "왜": "why",
    "언제부터": "when start", "언제": "when", "날짜": "when", "며칠": "when", "몇 월": "when", "몇월": "when",
    "몇 년": "when", "몇년": "when", "연도": "when",
    "어디에서": "where", "어디서": "where", "어디": "where", "장소": "where", "도시": "where",
    "누구": "who", "누가": "who", "어느 나라": "which countries", "어떤 나라": "which countries",
    "나라": "countries", "국가": "countries", "회원국": "member countries",
    "얼마나 자주": "how often", "자주": "often", "빈도": "how often", "얼마나": "how much", "얼마": "how much", "몇 개": "how many", "몇개": "how many", "몇 명": "how many",
    "몇": "how many",
    "무엇": "what", "뭐": "what", "뭘": "what", "무슨": "what", "어떤": "what", "어떻게": "how",
    "박시호": "si_ho_park", "박 시호": "si_ho_park", "시호": "si_ho_park", "기사": "article", "기자": "author", "작성자": "author", "글쓴이": "author", "필자": "author",
    "작성일": "published when", "작성 날짜": "published when", "작성": "author", "썼": "author", "쓴": "author", "저자": "author",
    "조회수": "views", "조회 수": "views", "조회": "views", "좋아요": "likes", "추천": "likes",
    "발행": "published", "게재": "published", "실렸": "published", "실린": "published", "출판": "published",
    "호": "issue", "섹션": "section", "분야": "field", "영역": "field", "제목": "title",
    "처음": "first", "최초": "first", "첫": "first", "시작": "start", "출범": "start", "결성": "start",
    "만들": "start", "창설": "start",
    "확대": "expand", "확장": "expand", "넘어": "beyond", "너머": "beyond",
    "대응": "respond", "대처": "respond", "제재": "restriction", "제한": "restriction", "규제": "restriction",
    "압박": "pressure", "압력": "pressure", "자금": "finance", "돈": "finance", "무기": "weapons",
    "연례": "annual", "매년": "annual", "해마다": "annual", "정기": "regular",
    "핵심": "key", "요소": "element", "합의": "agree", "약속": "commitment", "결론": "conclusion",
    "독자": "readers", "바라": "hope", "바란": "hope", "바래": "hope", "희망": "hope", "배우": "learn", "교훈": "learn", "질문": "question", "의문": "question", "비판적": "critical",
    "전망": "future", "한일": "korea japan", "관계": "relationship", "남아": "remain", "남은": "remain",
    "문제": "issue", "최종": "overall", "궁극적": "overall", "하려고": "purpose", "려고": "purpose",
    "계획": "plan", "새로운": "new", "새": "new", "이름": "name", "명칭": "name", "의미": "mean", "공급": "supply", "역할": "role",
}

# Korean date forms: "10월 22일" -> "october 22"; "2023년" -> "2023".
KOREAN_MONTHS = {i: m for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}

# Korean particles and endings stripped from the end of a Hangul token (longest first).
KOREAN_PARTICLES = (
    "에서는", "으로는", "에서", "으로", "에게", "한테", "까지", "부터", "이랑", "처럼", "보다", "께서",
    "이란", "이라는", "라는", "이나", "이야", "이요", "은", "는", "이", "가", "을", "를", "의", "에", "로",
    "와", "과", "도", "만", "랑", "야", "요",
)

# Korean words that carry no topic, checked after particle stripping: common adverbs and
# determiners (exact), predicate endings ("열렸어", "했나요"), and verb stems ("하", "있", "알려").
KOREAN_STOPWORDS = frozenset("""
아직 함께 다시 결국 이후 다른 어느 이런 저런 그런 그게 이걸 그거 이거 저거 좀 혹시 그래서 그럼 근데 진짜 정말
인가 인지 인데 이야 건가 거야 뭔가 뭔지 제일 가장 많이 너무 아주 매우 그냥 같이 또 또는 그리고 하지만 그러나 근데 요즘 최근 지금 어때 얘기 내용 부분
""".split())
KOREAN_PREDICATE_ENDINGS = (
    "어", "아", "여", "요", "다", "까", "니", "지", "나", "고", "해", "게", "면", "서", "며", "데", "래", "줘",
    "봐", "라", "자", "냐", "죠", "네", "려", "러", "한", "된", "진", "난", "할", "될", "던", "은", "운", "온",
    "기", "음", "함",
)
KOREAN_PREDICATE_STEMS = (
    "하", "했", "되", "됐", "있", "없", "알려", "말해", "궁금", "설명", "가르쳐", "열리", "열렸", "열린", "대해",
    "대한", "관련", "관해", "만들", "만드", "나오", "나왔", "들어", "보여",
)

# English words that say nothing about the topic. Question words are detected before removal.
STOPWORDS = frozenset("""
a an the is are was were be been being am do does did done doing have has had having of in on at
to for from by with about as and or but so if then than that this these those it its it's they them
their theirs there here what which who whom whose when where why how i me my mine you your yours we
our ours he him his she her hers can could would should will shall may might must just like really
actually yo bro bruh lol lmao ok okay um uh hey hi hello please pls plz tell me know say says said
thing things stuff guys anyone someone something anything also too very much many get got go went
going gone happen happened happening happens take took taken make made mean means meant any some all
each both not no yes into out up down over again still now then ever even well right sure
exactly kind sort exactly basically literally whats what's whos who's wheres where's hows when's
wen wat wut wich whats whose u ur r ya ye yeah yep nope idk dunno wanna gonna gotta dude man
explain describe give list show find want need help wondering curious question answer does doesnt
don't dont didnt didn't isn't isnt wasn't wasnt aren't arent cuz cause because according per
via us through one ones care cares cared come came comes coming someone somebody anybody folks place held hold holding occur occurred occur
""".split())

# Words that pick out WHICH event or thing is meant ("the next summit", "the second exercise"): a
# question naming one is only answered by a candidate that names it too, as with numbers.
QUALIFIERS = frozenset("""
first second third fourth fifth last next previous latest upcoming former final another other
""".split())

# Question-type cues, checked in order on the normalised text; the first that matches wins.
QUESTION_TYPES: tuple[tuple[str, str], ...] = (
    ("count", r"\bhow (?:many|much)\b|\bnumber of\b|\bamount of\b|\bhow big\b|\bhow large\b"),
    ("when", r"\bwhen\b|\bwhat (?:year|date|day|month|time)\b|\bwhich (?:year|date|day|month)\b|"
             r"\bsince when\b|\bwen\b|\bdate of\b|\bwhat time\b"),
    ("where", r"\bwhere\b|\b(?:which|what) (?:city|place|location|venue|state|site)\b|\bwheres\b|\blocated\b"),
    ("why", r"\bwhy\b|\breasons?\b|\bhow come\b|\bpurpose\b|\bfor what\b|"
            r"\bwhat (?:prompted|caused|triggered|motivated|led to|drove)\b"),
    ("who", r"\bwho\b|\bwhom\b|\bwhos\b|\bwhose\b|\b(?:which|what) person\b|\bnames? of\b|\bcalled\b"),
)
