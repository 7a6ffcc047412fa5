"""Seeded, realistic distractor FAQ entries: a newspaper archive about OTHER stories.

`distractors(n, seed)` returns n entries shaped like the real ones (a question, ~5 alternates in
English and sometimes Korean or a mix, an answer), about school, local, science, culture,
economy, health, transport, weather and world news. Every proper noun is invented (towns,
schools, people, companies, countries), so no distractor can truly answer a real-world question
(the dev set's out-of-scope items stay unanswerable), and every year is 2005-2019, so no
distractor answer can satisfy a dev regex about the article's 2023-2024 dates by accident.
The vocabulary deliberately overlaps the article's (summit, alliance, exercise, dialogue,
cooperation, missile, supply chain, chips, batteries, cyber ...): the real entries have to win
on what is specific to them, not on topic words alone.

Deterministic: the same (n, seed) gives the same entries on every machine and Python version
(random.Random with an integer seed; no hash-order dependence), and a smaller n is a prefix of
a larger one, so the knowledge bases of the scale benchmark are nested.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from bot.core.knowledge.faq import Entry

SEED = 20240220
ID_PREFIX = "syn-"
TAG = "synthetic"

# --- vocabulary -------------------------------------------------------------------------------

_PLACE_HEADS = (
    "Oak", "Maple", "River", "Stone", "Cedar", "Fair", "Green", "Lake", "North", "Silver", "Elm", "Ash",
    "Bright", "Clear", "Deer", "Eagle", "Fox", "Glen", "Hazel", "Iron", "Juniper", "King", "Lark", "Mill",
    "New", "Pine", "Red", "Sand", "Thorn", "Vale", "West", "Willow", "Birch", "Copper", "Dover", "East",
    "Falcon", "Golden", "Harbor", "Ivy", "Kettle", "Linden", "Marsh", "Orchard", "Pebble", "Quail", "Rose",
    "Salt", "Timber", "Union", "Winter", "Amber", "Beacon", "Cliff", "Crystal", "Heron", "Meadow", "Spring",
)
_PLACE_TAILS = (
    "ridge", "brook", "field", "ford", "ton", "wood", "dale", "haven", "port", "view", "side", "mont",
    "bury", "well", "stead", "hill", "gate", "moor", "wick", "crest", "vale", "shore", "bridge", "creek",
)
_COUNTRY_HEADS = ("Vel", "Est", "Nor", "Cal", "Ostr", "Mar", "Sol", "Tar", "Kel", "Aur", "Drav", "Lus",
                  "Quor", "Bel", "Zan", "Pell", "Var", "Isk", "Mont", "Rhod", "Gal", "Ter", "Vask", "Oran")
_COUNTRY_TAILS = ("doria", "mark", "landia", "vera", "enta", "vania", "sia", "burn", "elia", "onia",
                  "etia", "via", "mora", "tria", "ucia", "kand", "aria", "istan", "gard", "ovia")
_COUNTRIES = tuple(h + t for h in _COUNTRY_HEADS for t in _COUNTRY_TAILS)
_FIRST = (
    "Min-ji", "Ji-woo", "Seo-yeon", "Hyun-woo", "Do-yoon", "Ha-eun", "Ye-jin", "Jun-seo", "Soo-ah", "Tae-min",
    "Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Sophia", "Lucas", "Mia", "Mason", "Isla", "Leo",
    "Chloe", "Daniel", "Grace", "Samuel", "Hannah", "Owen", "Zoe", "Adrian", "Priya", "Arjun", "Yuki",
    "Haruto", "Mei", "Wei", "Lucia", "Mateo", "Amara", "Kofi", "Elena", "Tomas", "Nadia", "Omar", "Ingrid",
    "Felix", "Clara", "Rafael", "Sofia", "Jonas",
)
_LAST = (
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin",
    "Kwon", "Hwang", "Ahn", "Song", "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Wilson",
    "Moore", "Taylor", "Anderson", "Thomas", "Martin", "Clark", "Lewis", "Walker", "Young", "Allen",
    "Wright", "Scott", "Nguyen", "Patel", "Tanaka", "Sato", "Rossi", "Novak", "Silva", "Haddad", "Okafor",
    "Larsen", "Fischer", "Dubois", "Moreau",
)
_SCHOOL_KINDS = ("High School", "Middle School", "Academy", "International School", "Girls' High School",
                 "Science High School", "Foreign Language High School")
_TEAMS = ("volleyball team", "basketball team", "soccer team", "robotics team", "debate team", "chess club",
          "swim team", "badminton team", "baseball team", "quiz bowl team", "orchestra", "choir",
          "track team", "table tennis club", "esports team", "model UN team")
_COMPETITIONS = ("regional championship", "national finals", "city tournament", "provincial cup",
                 "invitational", "spring league", "winter classic")
_SCHOOL_EVENTS = ("school festival", "science fair", "spring concert", "charity bazaar", "sports day",
                  "book fair", "career day", "art exhibition", "talent show", "graduation ceremony",
                  "open house", "coding hackathon", "drama club's musical", "English speech contest")
_PROJECTS = ("bike lane network", "library renovation", "riverside park", "new bus route",
             "recycling program", "youth center", "flood barrier", "community garden", "skate park",
             "public Wi-Fi plan", "night market", "pedestrian bridge", "solar panel program",
             "free school meal plan", "parking reform", "tree planting plan")
_ORG_KINDS = ("City Council", "Public Library", "Chamber of Commerce", "General Hospital", "Science Museum",
              "Art Museum", "Fire Department", "Police Department", "Community College", "Zoo",
              "Water Authority", "Transit Authority", "Historical Society", "Botanical Garden")
_DISCOVERIES = ("a new species of frog", "a fossilised dinosaur nest", "microplastics in the river",
                "a cheaper battery material", "a comet", "a faster way to recycle plastic",
                "an ancient burial site", "a drought-resistant rice strain", "a rare orchid",
                "bacteria that eat oil", "a shipwreck", "a new antibiotic candidate")
_PRODUCTS = ("smartphone", "electric scooter", "tablet for schools", "language-learning app",
             "smartwatch", "delivery robot", "electric bus", "video game console", "AI tutor app",
             "solar charger", "e-reader", "drone")
_COMPANY_HEADS = ("Nova", "Apex", "Blue", "Quantum", "Stellar", "Vertex", "Orbit", "Pixel", "Lumen",
                  "Helix", "Nimbus", "Zenith", "Crimson", "Atlas", "Echo", "Summit", "Vector", "Cobalt")
_COMPANY_TAILS = ("Tech", "Systems", "Motors", "Foods", "Labs", "Energy", "Mobile", "Robotics", "Pharma",
                  "Steel", "Textiles", "Games", "Semiconductor", "Batteries", "Logistics")
_CULTURE = ("film festival", "jazz festival", "photography exhibition", "book award", "dance competition",
            "poetry slam", "street art festival", "lantern festival", "food festival", "music awards",
            "theatre festival", "comic convention")
_HEALTH = ("flu vaccination drive", "blood donation campaign", "mental health week", "dental check-up program",
           "anti-smoking campaign", "measles outbreak", "heat illness warning", "free eye exams")
_TRANSPORT = ("subway line", "bridge", "airport terminal", "high-speed rail link", "ferry route",
              "bus rapid transit line", "bike-sharing scheme", "ring road", "cable car", "tram line")
_WEATHER = ("typhoon", "flood", "heat wave", "snowstorm", "drought", "wildfire", "landslide", "hailstorm",
            "cold snap", "dust storm")
_BODY_HEADS = ("Northern", "Coastal", "Caldera", "Southern Ocean", "Highland", "Meridian", "Crescent",
               "Arctic Rim", "Tri-River", "Grand Lakes", "Western Isles", "Equatorial", "Pacific Rim",
               "Silk Road", "Mountain States", "Baltic Shore", "Desert Belt", "Island Nations")
_BODY_TAILS = ("Trade Council", "Forum", "Economic Forum", "Partnership", "Alliance", "Bloc", "League",
               "Compact", "Union", "Pact", "Cooperation Council", "Security Dialogue", "Development Bank")
_WORLD_BODIES = tuple(f"{h} {t}" for h in _BODY_HEADS for t in _BODY_TAILS)
_WORLD_TOPICS = ("fishing rights", "a free trade agreement", "a climate accord", "border controls",
                 "a joint space program", "rare earth mining", "a chip supply chain pact",
                 "a battery recycling treaty", "refugee resettlement", "a cyber defence initiative",
                 "water sharing", "a student exchange program", "vaccine production", "port security")
_WORLD_EVENTS = ("summit", "joint naval exercise", "foreign ministers' meeting", "trade talks",
                 "security dialogue", "peace conference", "economic forum", "defence ministers' meeting",
                 "joint air drill", "missile defence test")
_POLICIES = ("new grading system", "school uniform rule", "phone ban in classrooms", "four-day school week",
             "exam schedule", "scholarship program", "after-school tutoring program", "coding curriculum",
             "late-start policy", "homework limit", "free laptop program", "exchange student program")
_REASONS = ("to cut costs", "after complaints from parents", "to improve safety", "to reduce traffic",
            "because of rising demand", "to attract tourists", "after a student petition",
            "to meet new national rules", "to save energy", "after years of delays", "to support local shops",
            "because of budget shortfalls")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_KO_TEAM = {"volleyball team": "배구부", "basketball team": "농구부", "soccer team": "축구부",
            "robotics team": "로봇 동아리", "debate team": "토론 동아리", "chess club": "체스 동아리",
            "swim team": "수영부", "badminton team": "배드민턴부", "baseball team": "야구부",
            "quiz bowl team": "퀴즈 동아리", "orchestra": "오케스트라", "choir": "합창단", "track team": "육상부",
            "table tennis club": "탁구부", "esports team": "e스포츠 동아리", "model UN team": "모의유엔 동아리"}
_KO_EVENT = {"school festival": "학교 축제", "science fair": "과학 박람회", "spring concert": "봄 음악회",
             "charity bazaar": "자선 바자회", "sports day": "체육대회", "book fair": "도서 박람회",
             "career day": "진로의 날", "art exhibition": "미술 전시회", "talent show": "장기자랑",
             "graduation ceremony": "졸업식", "open house": "학교 설명회", "coding hackathon": "코딩 해커톤",
             "drama club's musical": "연극부 뮤지컬", "English speech contest": "영어 말하기 대회"}
_KO_WEATHER = {"typhoon": "태풍", "flood": "홍수", "heat wave": "폭염", "snowstorm": "폭설", "drought": "가뭄",
               "wildfire": "산불", "landslide": "산사태", "hailstorm": "우박", "cold snap": "한파",
               "dust storm": "황사"}
_KO_WORLD_EVENT = {"summit": "정상회의", "joint naval exercise": "연합 해상훈련", "foreign ministers' meeting": "외교장관 회의",
                   "trade talks": "무역 협상", "security dialogue": "안보 대화", "peace conference": "평화 회의",
                   "economic forum": "경제 포럼", "defence ministers' meeting": "국방장관 회의",
                   "joint air drill": "연합 공중훈련", "missile defence test": "미사일 방어 시험"}


@dataclass(frozen=True, slots=True)
class _Frame:
    """One kind of fact: phrasings of its question (the first few canonical), Korean ones, the answer."""

    questions: tuple[str, ...]
    korean: tuple[str, ...]
    answer: str
    tags: tuple[str, ...]


def _f(tags: str, questions: list[str], korean: list[str], answer: str) -> _Frame:
    return _Frame(tuple(questions), tuple(korean), answer, tuple(tags.split()))


# {place} {school} {team} {comp} {event} {person} {person2} {org} {project} {year} {month} {day} {n} {m}
# {reason} {company} {product} {discovery} {country} {country2} {body} {wtopic} {wevent} {city}
# {culture} {health} {transport} {weather} {policy}; {ko_team} {ko_event} {ko_weather} {ko_wevent}
_FRAMES: tuple[_Frame, ...] = (
    # school sports
    _f("school sports", [
        "When did the {school} {team} win the {comp}?",
        "In what year did {school}'s {team} take the {comp} title?",
        "When was the {comp} won by the {school} {team}?",
        "what year did {place} win the {comp}",
        "When did {school} become {comp} champions?",
        "{school} {team} {comp} win date",
        "how long ago did the {team} from {school} win the {comp}",
    ], [
        "{school} {ko_team}는 언제 우승했나요?",
        "{school} {ko_team} 우승 연도는?",
    ], "The {school} {team} won the {comp} in {month} {year}, beating {place2} {m}-{n} in the final."),
    _f("school sports", [
        "Who coached the {school} {team} to the {comp}?",
        "Who is the coach of the {team} at {school}?",
        "Who led the {school} {team} as coach in {year}?",
        "name of the {school} {team} coach",
        "who trains the {team} at {school}",
        "Which teacher coaches {school}'s {team}?",
    ], [
        "{school} {ko_team} 코치는 누구예요?",
        "{school} {ko_team} 감독이 누구야?",
    ], "{person} has coached the {school} {team} since {year}."),
    _f("school sports", [
        "What was the final score when {school} played {place2} in the {comp}?",
        "By how much did the {school} {team} win the {comp} final?",
        "What was the score of the {comp} final between {school} and {place2}?",
        "{school} vs {place2} final score",
        "how many points did {school} score in the {comp} final",
    ], [
        "{school}와 {place2}의 결승 점수는?",
    ], "{school} beat {place2} {m}-{n} in the {comp} final in {year}."),
    # school events and policy
    _f("school events", [
        "When is the {school} {event} held?",
        "What date was the {event} at {school}?",
        "When did {school} hold its {event} in {year}?",
        "{school} {event} date",
        "when's the {event} at {school}",
        "On which day does the {event} of {school} take place?",
    ], [
        "{school} {ko_event}는 언제 열려요?",
        "{school} {ko_event} 날짜가 언제야?",
    ], "The {school} {event} was held on {month} {day}, {year}, in the main hall."),
    _f("school events", [
        "How many visitors came to the {school} {event}?",
        "How many people attended the {event} at {school}?",
        "What was the attendance at the {year} {event} of {school}?",
        "{school} {event} attendance",
        "how many came to the {event}",
    ], [
        "{school} {ko_event}에 몇 명이 왔나요?",
    ], "About {n}00 people came to the {school} {event} in {year}."),
    _f("school policy", [
        "Why did {school} introduce the {policy}?",
        "What was the reason for the {policy} at {school}?",
        "Why is {school} changing to a {policy}?",
        "reason for {school} {policy}",
        "why did the school bring in the {policy}",
        "What prompted {school} to adopt the {policy}?",
    ], [
        "{school}는 왜 {policy}를 도입했나요?",
        "{policy} 도입 이유가 뭐야?",
    ], "{school} introduced the {policy} in {year} {reason}, the principal, {person}, said."),
    _f("school policy", [
        "When does the {policy} at {school} start?",
        "From what date does {school}'s {policy} apply?",
        "When will the {policy} take effect at {school}?",
        "{school} {policy} start date",
        "when does the {policy} begin",
    ], [
        "{school} {policy}는 언제부터 시작돼요?",
    ], "The {policy} at {school} took effect on {month} {day}, {year}."),
    _f("school people", [
        "Who was elected student council president at {school} in {year}?",
        "Who won the {school} student council election?",
        "Who is the student council president of {school}?",
        "{school} student president {year}",
        "who won the student election at {school}",
    ], [
        "{school} 학생회장은 누구예요?",
        "{year}년 {school} 학생회장 선거에서 누가 이겼어?",
    ], "{person} won the {year} {school} student council election with {n}{m} votes."),
    # local government
    _f("local", [
        "When did the {place} City Council approve the {project}?",
        "What date did {place} approve its {project}?",
        "When was the {project} in {place} approved?",
        "{place} {project} approval date",
        "when did the council say yes to the {project}",
        "In which month did {place} councillors vote for the {project}?",
    ], [
        "{place} 시의회는 {project}를 언제 승인했나요?",
        "{place} {project} 승인 날짜는?",
    ], "The {place} City Council approved the {project} on {month} {day}, {year}, by {m} votes to {n}."),
    _f("local", [
        "How much will the {project} in {place} cost?",
        "What is the budget for {place}'s {project}?",
        "How much money was set aside for the {project} in {place}?",
        "{place} {project} budget",
        "cost of the {project}",
    ], [
        "{place} {project} 예산은 얼마예요?",
    ], "The {project} in {place} has a budget of {n}.{m} million dollars, approved in {year}."),
    _f("local", [
        "Why did {place} build the {project}?",
        "What is the purpose of the {project} in {place}?",
        "Why was the {project} proposed in {place}?",
        "reason for the {place} {project}",
        "what's the point of the {project} in {place}",
    ], [
        "{place}는 왜 {project}를 만들었나요?",
    ], "{place} started the {project} in {year} {reason}, according to mayor {person}."),
    _f("local people", [
        "Who is the mayor of {place}?",
        "Who was elected mayor of {place} in {year}?",
        "Who won the {year} mayoral election in {place}?",
        "{place} mayor name",
        "who runs {place} city hall",
    ], [
        "{place} 시장은 누구인가요?",
    ], "{person} was elected mayor of {place} in {year} with {n}{m} percent of the vote."),
    _f("local", [
        "When does the {org} open on weekends?",
        "What are the opening hours of the {org}?",
        "What time does the {org} close on Saturdays?",
        "{org} hours",
        "is the {org} open on sunday",
    ], [
        "{org} 주말 운영 시간은?",
    ], "Since {year}, the {org} has opened from {n} a.m. to {m} p.m. on weekends."),
    # science and environment
    _f("science", [
        "What did researchers at {place} University discover in {year}?",
        "What was found by the {place} University research team?",
        "What discovery did scientists from {place} announce?",
        "{place} University discovery",
        "what did the {place} scientists find",
    ], [
        "{place} 대학교 연구팀은 무엇을 발견했나요?",
    ], "In {month} {year}, a team led by {person} at {place} University reported {discovery}."),
    _f("science", [
        "Who led the team that found {discovery} near {place}?",
        "Which scientist discovered {discovery}?",
        "Who was behind the discovery of {discovery} in {place}?",
        "{discovery} discovered by",
        "who found {discovery}",
    ], [
        "{place}에서 {discovery}를 발견한 사람은?",
    ], "{person} of {place} University led the team that reported {discovery} in {year}."),
    _f("environment", [
        "How much rubbish was collected in the {place} river clean-up?",
        "How many volunteers joined the {place} river clean-up?",
        "What did the {year} {place} clean-up achieve?",
        "{place} river cleanup results",
        "how much trash did they pick up in {place}",
    ], [
        "{place} 하천 정화 활동에 몇 명이 참여했나요?",
    ], "{n}{m}0 volunteers collected {m}.{n} tonnes of rubbish along the {place} river in {month} {year}."),
    # technology and economy
    _f("technology", [
        "When did {company} launch its {product}?",
        "What is the release date of the {company} {product}?",
        "When was {company}'s new {product} released?",
        "{company} {product} launch date",
        "when did the {product} from {company} come out",
        "In which month did {company} start selling the {product}?",
    ], [
        "{company} {product} 출시일은 언제예요?",
        "{company}가 {product}를 언제 내놨어?",
    ], "{company} launched the {product} on {month} {day}, {year}."),
    _f("technology", [
        "How much does the {company} {product} cost?",
        "What is the price of {company}'s {product}?",
        "How expensive is the new {product} by {company}?",
        "{company} {product} price",
        "how much is the {product}",
    ], [
        "{company} {product} 가격은 얼마예요?",
    ], "The {company} {product} went on sale in {year} for {n}{m}9 dollars."),
    _f("economy", [
        "How many jobs will the new {company} factory in {place} create?",
        "How many workers will the {company} plant in {place} employ?",
        "What will the {company} factory mean for jobs in {place}?",
        "{company} {place} factory jobs",
        "how many jobs from the {company} plant",
    ], [
        "{company} {place} 공장은 일자리를 몇 개 만드나요?",
    ], "The {company} factory in {place}, opened in {year}, employs about {n},{m}00 people."),
    _f("economy", [
        "Why did {company} move its headquarters to {place}?",
        "What made {company} relocate to {place}?",
        "Why is {company} now based in {place}?",
        "{company} headquarters move reason",
        "why did {company} leave for {place}",
    ], [
        "{company}는 왜 본사를 {place}로 옮겼나요?",
    ], "{company} moved its headquarters to {place} in {year} {reason}."),
    _f("economy", [
        "Who is the chief executive of {company}?",
        "Who runs {company}?",
        "Who became CEO of {company} in {year}?",
        "{company} CEO",
        "who is the boss of {company}",
    ], [
        "{company}의 대표는 누구예요?",
    ], "{person} has been chief executive of {company} since {year}."),
    # culture, health, transport, weather
    _f("culture", [
        "When is the {place} {culture}?",
        "What are the dates of the {year} {place} {culture}?",
        "When did the {culture} in {place} take place?",
        "{place} {culture} dates",
        "when's the {culture} in {place}",
    ], [
        "{place} {culture}는 언제 열려요?",
    ], "The {place} {culture} ran from {month} {day} to {month} {day2}, {year}."),
    _f("culture", [
        "Who won the top prize at the {place} {culture}?",
        "Who was the winner of the {year} {place} {culture}?",
        "Which artist won the {place} {culture}?",
        "{place} {culture} winner",
        "who won at the {culture}",
    ], [
        "{place} {culture} 대상 수상자는 누구인가요?",
    ], "{person} won the top prize at the {year} {place} {culture}."),
    _f("health", [
        "Where can students get the {health} in {place}?",
        "Where is the {place} {health} being held?",
        "Which clinics take part in the {health} in {place}?",
        "{place} {health} location",
        "where do i go for the {health}",
    ], [
        "{place} {health}는 어디서 하나요?",
    ], "The {year} {health} in {place} ran at the {org} and {n} local clinics."),
    _f("health", [
        "How many people took part in the {place} {health}?",
        "What was the turnout for the {health} in {place}?",
        "How many residents joined the {year} {health}?",
        "{place} {health} participants",
    ], [
        "{place} {health}에 몇 명이 참여했어요?",
    ], "{n},{m}00 people in {place} took part in the {health} in {year}."),
    _f("transport", [
        "When will the new {transport} in {place} open?",
        "When did the {place} {transport} open to the public?",
        "What is the opening date of the {transport} in {place}?",
        "{place} {transport} opening date",
        "when does the {transport} open",
        "How long did it take to build the {place} {transport}?",
    ], [
        "{place} {transport}는 언제 개통하나요?",
        "{place} {transport} 개통일은?",
    ], "The {place} {transport} opened on {month} {day}, {year}, after {n} years of construction."),
    _f("transport", [
        "How much does a ride on the {place} {transport} cost?",
        "What is the fare for the {transport} in {place}?",
        "Is the {place} {transport} free for students?",
        "{place} {transport} fare",
    ], [
        "{place} {transport} 요금은 얼마예요?",
    ], "A ride on the {place} {transport} costs {n}.{m}0 dollars; students pay half since {year}."),
    _f("weather", [
        "When did the {weather} hit {place}?",
        "What date did the {weather} reach {place}?",
        "When was the {year} {weather} in {place}?",
        "{place} {weather} date",
        "when was the big {weather}",
    ], [
        "{place}에 {ko_weather}가 온 날은 언제예요?",
        "{year}년 {place} {ko_weather}는 언제였어?",
    ], "The {weather} hit {place} on {month} {day}, {year}."),
    _f("weather", [
        "How much damage did the {weather} cause in {place}?",
        "How many homes were damaged by the {weather} in {place}?",
        "What was the cost of the {year} {weather} in {place}?",
        "{place} {weather} damage",
        "how bad was the {weather}",
    ], [
        "{place} {ko_weather} 피해는 얼마나 됐나요?",
    ], "The {year} {weather} damaged {n}{m}0 homes in {place}; repairs cost {m} million dollars."),
    # world news, invented countries and bodies (shares the article's vocabulary on purpose)
    _f("world", [
        "When did {country} and {country2} hold their first {wevent}?",
        "What date was the {country}-{country2} {wevent}?",
        "When was the first {wevent} between {country} and {country2}?",
        "{country} {country2} {wevent} date",
        "when did {country} and {country2} meet",
    ], [
        "{country}와 {country2}의 첫 {ko_wevent}는 언제였나요?",
        "{country} {country2} {ko_wevent} 날짜는?",
    ], "{country} and {country2} held their first {wevent} in {city} on {month} {day}, {year}."),
    _f("world", [
        "Where did the {body} hold its {year} {wevent}?",
        "In which city was the {body} {wevent} held?",
        "Where was the {wevent} of the {body}?",
        "{body} {wevent} venue",
        "where did the {body} meet",
    ], [
        "{body} {ko_wevent}는 어디에서 열렸나요?",
    ], "The {body} held its {year} {wevent} in {city}, the capital of {country}."),
    _f("world", [
        "What did the {body} agree on at its {year} meeting?",
        "What agreement came out of the {body} {wevent}?",
        "What did members of the {body} sign in {year}?",
        "{body} agreement {year}",
        "what did the {body} decide",
    ], [
        "{body}는 무엇에 합의했나요?",
    ], "At its {year} {wevent} in {city}, the {body} agreed on {wtopic}."),
    _f("world", [
        "Why did {country} join the {body}?",
        "What was the reason for {country}'s membership of the {body}?",
        "Why did {country} apply to the {body} in {year}?",
        "{country} {body} membership reason",
        "why is {country} in the {body}",
    ], [
        "{country}는 왜 {body}에 가입했나요?",
    ], "{country} joined the {body} in {year} to take part in talks on {wtopic}."),
    _f("world", [
        "Who is the president of {country}?",
        "Who leads {country}?",
        "Who was elected leader of {country} in {year}?",
        "{country} president name",
        "who runs {country}",
    ], [
        "{country} 대통령은 누구예요?",
    ], "{person} became president of {country} in {year}."),
    _f("world", [
        "How many ships took part in the {country}-{country2} naval exercise?",
        "How many aircraft joined the {country} and {country2} air drill?",
        "How big was the {year} {country}-{country2} military exercise?",
        "{country} {country2} exercise size",
    ], [
        "{country}와 {country2} 연합훈련에는 몇 척이 참가했나요?",
    ], "{n}{m} ships and {m}{n} aircraft from {country} and {country2} took part in the {year} exercise."),
)

_FILLERS = {
    "school": lambda r, p: f"{p} {r.choice(_SCHOOL_KINDS)}",
    "team": lambda r, p: r.choice(_TEAMS),
    "comp": lambda r, p: r.choice(_COMPETITIONS),
    "event": lambda r, p: r.choice(_SCHOOL_EVENTS),
    "person": lambda r, p: f"{r.choice(_FIRST)} {r.choice(_LAST)}",
    "org": lambda r, p: f"{p} {r.choice(_ORG_KINDS)}",
    "project": lambda r, p: r.choice(_PROJECTS),
    "reason": lambda r, p: r.choice(_REASONS),
    "company": lambda r, p: f"{r.choice(_COMPANY_HEADS)}{r.choice(_COMPANY_TAILS)}",
    "product": lambda r, p: r.choice(_PRODUCTS),
    "discovery": lambda r, p: r.choice(_DISCOVERIES),
    "country": lambda r, p: r.choice(_COUNTRIES),
    "country2": lambda r, p: r.choice(_COUNTRIES),
    "body": lambda r, p: r.choice(_WORLD_BODIES),
    "wtopic": lambda r, p: r.choice(_WORLD_TOPICS),
    "wevent": lambda r, p: r.choice(_WORLD_EVENTS),
    "city": lambda r, p: _place(r),
    "culture": lambda r, p: r.choice(_CULTURE),
    "health": lambda r, p: r.choice(_HEALTH),
    "transport": lambda r, p: r.choice(_TRANSPORT),
    "weather": lambda r, p: r.choice(_WEATHER),
    "policy": lambda r, p: r.choice(_POLICIES),
}


def _place(rng: random.Random) -> str:
    return rng.choice(_PLACE_HEADS) + rng.choice(_PLACE_TAILS)


def _slots(rng: random.Random, frame: _Frame) -> dict[str, str]:
    place = _place(rng)
    values = {name: fill(rng, place) for name, fill in _FILLERS.items()}
    place2 = _place(rng)
    while place2 == place:
        place2 = _place(rng)
    if values["country2"] == values["country"]:
        values["country2"] = _COUNTRIES[(_COUNTRIES.index(values["country"]) + 1) % len(_COUNTRIES)]
    day = rng.randint(1, 26)
    values.update(
        place=place, place2=place2, year=str(rng.randint(2005, 2019)), month=rng.choice(_MONTHS),
        day=str(day), day2=str(day + rng.randint(1, 3)), n=str(rng.randint(2, 9)), m=str(rng.randint(1, 9)),
        ko_team=_KO_TEAM[values["team"]], ko_event=_KO_EVENT[values["event"]],
        ko_weather=_KO_WEATHER[values["weather"]], ko_wevent=_KO_WORLD_EVENT[values["wevent"]],
    )
    return values


def _entry(rng: random.Random, number: int) -> Entry:
    frame = _FRAMES[rng.randrange(len(_FRAMES))]
    values = _slots(rng, frame)
    canonical = rng.randrange(3)  # the first three phrasings of a frame are full questions
    english = [q for i, q in enumerate(frame.questions) if i != canonical]
    rng.shuffle(english)
    alternates_wanted = rng.randint(4, 6)
    korean_wanted = min(len(frame.korean), rng.choice((0, 0, 1, 1, 2)))
    english_wanted = alternates_wanted - korean_wanted
    if english_wanted > len(english):  # a frame short of English phrasings gives all its Korean ones
        korean_wanted = min(len(frame.korean), alternates_wanted - len(english))
    korean = rng.sample(frame.korean, korean_wanted)
    phrasings = [frame.questions[canonical].format_map(values)]
    phrasings += [q.format_map(values) for q in english[:english_wanted]]
    phrasings += [q.format_map(values) for q in korean]
    # Some members write in lower case without punctuation: keep a few phrasings that way.
    if rng.random() < 0.3:
        i = rng.randrange(1, len(phrasings))
        phrasings[i] = phrasings[i].lower().rstrip("?")
    question, alternates = phrasings[0], tuple(dict.fromkeys(phrasings[1:]))
    return Entry(
        id=f"{ID_PREFIX}{number:06d}",
        question=question,
        answer=frame.answer.format_map(values),
        alternates=alternates,
        source=None,
        tags=(TAG, *frame.tags),
    )


def iter_distractors(seed: int = SEED) -> Iterator[Entry]:
    """An endless, deterministic stream of distractor entries (ids syn-000001, syn-000002, ...)."""
    rng = random.Random(seed)
    number = 0
    while True:
        number += 1
        yield _entry(rng, number)


def distractors(n: int, seed: int = SEED) -> tuple[Entry, ...]:
    """The first n distractor entries of the stream for `seed`."""
    stream = iter_distractors(seed)
    return tuple(next(stream) for _ in range(max(0, n)))


def questions(n: int, seed: int = SEED + 1) -> list[str]:
    """n archive-style questions on other stories (for the latency mix): one phrasing of each of
    n fresh distractor entries from another seed, so they resemble, but rarely equal, KB entries."""
    out = []
    for entry in distractors(n, seed):
        phrasings = (entry.question, *entry.alternates)
        out.append(phrasings[int(entry.id[-6:]) % len(phrasings)])
    return out


def is_synthetic(entry_id: str | None) -> bool:
    return bool(entry_id) and entry_id.startswith(ID_PREFIX)
