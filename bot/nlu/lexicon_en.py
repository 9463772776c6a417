"""English word-list entities, with the same labels and values as bot.nlu.lexicon.

"car accident" → incident_type accident, "fever" → illness, "my wife" → spouse,
"grade 3A" / "class A tertiary" → hospital_grade 3A, "public hospital" →
hospital_ownership public, "Beijing Chaoyang Hospital" → hospital.
As in Chinese, missing beats wrong: negated mentions ("not an accident",
"wasn't injured") and look-alikes ("accident insurance", "grade 3 disability",
"childbirth", "paid it myself") are skipped.
"""
from __future__ import annotations

import re

from bot.nlu.candidates import Candidate

# A word ends where no letter follows; "\b" would not do next to Chinese characters.
_B = r"(?<![A-Za-z])"
_E = r"(?![A-Za-z])"


def _words(*words: str) -> str:
    """Regex alternation of whole words, longer first."""
    return _B + "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")" + _E


# "not an accident", "wasn't really injured", "didn't get hurt", "no injury".
_NEGATED = re.compile(r"(?:(?:\bnot|\bnever|\bwithout|n['’]t)(?:\s+[A-Za-z]+){0,2}|\bno)\s+$", re.IGNORECASE)
_NEGATION_WINDOW = 40
# Insurance words after which an incident word names a kind of cover ("accident insurance").
_COVER = r"(?!\s+(?:insurance|cover|coverage|policy|policies|plan|benefit|rider|product))"
# After these a grade is no hospital grade ("grade 3 disability", "grade 2 burn").
_NOT_HOSPITAL_GRADE = r"(?!\s+(?:disab\w*|nursing|care|burns?|injur\w*|tumou?rs?|cancer|fracture|sprain))"
# A bare code ("3A", "IIIA") is a grade only before "hospital" or at the end of a clause ("it's 3A.").
# Not "Room 3A", "Ward 2B".
_CODE_BEFORE = r"(?<!room )(?<!ward )(?<!bed )(?<!floor )(?<!building )(?<!block )(?<!unit )(?<!form )"
_CODE_CONTEXT = r"(?=\s*(?:hospital|one|[,.!?;)]|$))"
# "public hospital", "private 3A clinic", "it's public.": ownership words about a hospital.
_OWNERSHIP_CONTEXT = (r"(?=\s+(?:hospital|clinic|one|medical|healthcare|health|grade|level|class|tertiary|"
                      r"secondary|primary|general|specialist|top|[123]|iii?)(?![A-Za-z])|\s*[,.!?;]|\s*$)")

# (label, value, pattern, may be negated)
_RULES: list[tuple[str, str, str, bool]] = [
    ("hospital_grade", "3A",
     rf"{_B}(?:(?:grade|level|class)[\s-]*(?:3|III|three)[\s-]*(?-i:A)|{_CODE_BEFORE}(?:3|III)-?(?-i:A){_CODE_CONTEXT}"
     rf"|class[\s-]*(?-i:A)[\s-]*tertiary|tertiary[\s-]*(?:grade|class|level)?[\s-]*(?-i:A)|top[\s-]tier)"
     rf"{_E}{_NOT_HOSPITAL_GRADE}", True),
    ("hospital_grade", "3",
     rf"{_B}(?:(?:grade|level|class)[\s-]*(?:3|III|three)(?:[\s-]*(?-i:[BC]))?|{_CODE_BEFORE}(?:3|III)-?(?-i:[BC]){_CODE_CONTEXT}"
     rf"|tertiary(?:[\s-]*(?:grade|class|level)?[\s-]*(?-i:[BC]))?|third[\s-]level)"
     rf"{_E}{_NOT_HOSPITAL_GRADE}", True),
    ("hospital_grade", "2",
     rf"{_B}(?:(?:grade|level|class)[\s-]*(?:2|II|two)(?:[\s-]*(?-i:[ABC]))?|{_CODE_BEFORE}(?:2|II)-?(?-i:[AB]){_CODE_CONTEXT}"
     rf"|secondary[\s-]*(?:grade|class|level)?[\s-]*(?-i:[AB])|secondary(?:[\s-]level)?(?=\s+hospital)"
     rf"|second[\s-]level)"
     rf"{_E}{_NOT_HOSPITAL_GRADE}", True),
    ("hospital_grade", "1",
     rf"{_B}(?:(?:grade|level|class)[\s-]*(?:1|I|one)(?:[\s-]*(?-i:[ABC]))?"
     rf"|primary(?:[\s-]level)?(?=\s+hospital)|first[\s-]level)"
     rf"{_E}{_NOT_HOSPITAL_GRADE}", True),
    ("hospital_grade", "unrated",
     _words("unrated", "ungraded", "not rated", "not graded", "no grade", "no rating", "without a grade",
            "not been rated", "not been graded", "has no grade"), False),
    ("hospital_ownership", "private",
     rf"{_B}(?:non-?public|not-for-profit private|privately[\s-](?:run|owned|funded)"
     rf"|private{_OWNERSHIP_CONTEXT})", True),
    ("hospital_ownership", "public",
     rf"{_B}(?:state[\s-](?:run|owned)|government[\s-](?:run|owned)|publicly[\s-](?:run|owned|funded)"
     rf"|public{_OWNERSHIP_CONTEXT})", True),
    ("incident_type", "accident", _words(
        "accident", "accidents", "accidental injury", "injury", "injuries", "injured",
        "got hurt", "hurt myself", "hurt himself", "hurt herself", "hurt his", "hurt her", "hurt my",
        "fracture", "fractured", "broke my", "broke his", "broke her", "broken leg", "broken arm",
        "broken wrist", "broken ankle", "broken bone", "broken hip", "broken rib", "broken nose",
        "sprain", "sprained", "twisted my ankle", "fell down", "fell over", "fell off", "had a fall",
        "slipped", "tripped", "car crash", "bike crash", "crashed my car", "hit by a car", "knocked down", "knocked over",
        "cut my", "cut his", "cut her", "cut myself", "got cut", "burned", "burnt", "burns", "scalded",
        "dog bite", "bitten by a dog", "bit by a dog", "drowning", "nearly drowned", "trauma",
        "work injury",
    ) + _COVER, True),
    ("incident_type", "illness", _words(
        "ill", "illness", "sick", "sickness", "disease", "fever", "flu", "influenza", "caught a cold",
        "have a cold", "had a cold", "has a cold", "pneumonia", "appendicitis", "gastritis", "gastroenteritis", "kidney stones",
        "kidney stone", "gallstones", "gallstone", "cancer", "tumor", "tumour", "leukemia",
        "leukaemia", "hypertension", "high blood pressure", "diabetes", "heart disease", "heart attack",
        "stroke", "asthma", "bronchitis", "hepatitis", "covid", "covid-19", "coronavirus",
        "pancreatitis", "infection", "diagnosed", "cerebral hemorrhage", "cerebral haemorrhage",
    ) + _COVER, True),
    ("relationship", "self",
     _B + r"(?:myself|me myself|i am the insured|i['’]m the insured|self(?![\s-]*(?:pay|paid|fund|financ|employ)))"
     + _E, True),
    ("relationship", "spouse", _words("wife", "husband", "spouse", "hubby", "missus"), True),
    ("relationship", "parent",
     _words("mother", "mom", "mum", "mommy", "mummy", "mama", "father", "dad", "daddy", "papa",
            "parent", "parents", "old man") + r"(?![\s-]in[\s-]law)", True),
    ("relationship", "child",
     _words("son", "daughter", "kid", "kids", "child", "children", "my baby", "our baby")
     + r"(?![\s-]in[\s-]law)(?!['’]?s\s+hospital)", True),
]
_COMPILED = [(label, value, re.compile(pattern, re.IGNORECASE), negatable)
             for label, value, pattern, negatable in _RULES]
# "I paid it myself", "covered it myself": who paid, not who was insured (as 自己付的).
_PAID_BEFORE = re.compile(r"(?:paid|pay|paying|covered|spent|bought)\b[^.,;!?]*$", re.IGNORECASE)


def _negated(text: str, start: int) -> bool:
    return bool(_NEGATED.search(text[max(0, start - _NEGATION_WINDOW):start]))


def find_english_lexicon_entities(text: str) -> list[Candidate]:
    found = []
    for label, value, pattern, negatable in _COMPILED:
        for m in pattern.finditer(text):
            if negatable and _negated(text, m.start()):
                continue
            if value == "self" and _PAID_BEFORE.search(text[:m.start()]):
                continue
            found.append(Candidate(m.start(), m.end(), label, value))
    return found


# --- hospital names ---------------------------------------------------------------
_NAME_SUFFIX = re.compile(
    _B + r"(?:hospital|clinic|medical (?:center|centre)|(?:community )?health (?:service )?(?:center|centre)|"
    r"maternity and child health (?:care )?hospital)" + _E,
    re.IGNORECASE,
)
# "Community health (service) centre" is a name even alone, like 社区卫生服务中心.
_SELF_SUFFICIENT = re.compile(r"community health (?:service )?(?:center|centre)", re.IGNORECASE)
_NAME_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&.-]*$")
_MAX_NAME_WORDS = 8
# Words that end the part before a name: articles, pronouns, prepositions, verbs.
_STOP = set("""
a an the this that these those which what whose any some every each another other others no
to at in into from for with by near of on and or but than then as if so
i me my we our us you your he him his she her they them their it its mine ours yours
is was were are be been being am do does did can could should would will must may might
go goes went going gone get got getting take took taken send sent admitted transferred stayed stay
visited visit saw see seen called named call name treated treatment seen stayed go there here
need needs want wants say said says tell told ask asked about which where when whether how
wife husband spouse mother mom mum father dad parents son daughter kid kids child
""".split())
# A "name" made only of these is a kind of hospital ("a big public hospital"), not a name.
_GENERIC = set("""
big small large good bad best better nearest nearby closest local same different new old whole
public private non-public privately state-run government-run general specialist specialty
emergency maternity children's women's dental eye rehab rehabilitation psychiatric mental
teaching designated approved partner network in-network out-of-network insurer's
community village level grade class tertiary secondary primary top-tier 3a 3b 2a 2b iiia
tcm traditional chinese medicine western medical proper real usual regular normal
run owned funded state-owned government-owned publicly
""".split())
# Grade codes and numbers are generic too: "a level 1 hospital", "grade III hospital".
_GENERIC_CODE = re.compile(r"\d+[a-c]?|i{1,3}[a-c]?|one|two|three", re.IGNORECASE)


def _is_in(word: str, words: set[str]) -> bool:
    """`word` or the same without a possessive ("mom's") is one of `words`."""
    word = word.lower().replace("’", "'").strip(".")
    return word in words or word.removesuffix("'s") in words


def find_english_hospitals(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    floor = 0  # never reach back into the previous hospital name
    for match in _NAME_SUFFIX.finditer(text):
        start, words = match.start(), []
        while len(words) < _MAX_NAME_WORDS:
            head = text[floor:start].rstrip(" ")
            word = _NAME_WORD.search(head)
            if not word or len(head) == start - floor or _is_in(word.group(), _STOP):
                break  # the "len" test: a word must be separated by a space
            words.insert(0, word.group())
            start = floor + word.start()
        if _SELF_SUFFICIENT.fullmatch(match.group()) or (
            words and not all(_is_in(w, _GENERIC) or _GENERIC_CODE.fullmatch(w) for w in words)
        ):
            found.append(Candidate(start, match.end(), "hospital", text[start:match.end()]))
            floor = match.end()
    return found
