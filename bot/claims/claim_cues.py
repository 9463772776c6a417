"""Which claim the user means by words: "被拒的那个", "我妈那个", "阑尾炎那个", "the rejected one".

A description has up to four cues: the claim's state ("被拒", "还没到账",
"paid"), whose claim it is (a relation word, "我妈", "女儿", "my mum"; "我的"
and "mine" are the user's own), the most recent one ("最近", "latest"), and
any other words, looked up in the claim's case number, insured person,
diagnosis and hospital. A claim fits when it fits every cue the words give;
words that give none fit nothing (the user is asked again).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import List, Optional, Sequence, Tuple

from bot.claims.family_policy import relations_in
from bot.nlu.normalizer import normalize_text

# What the user said of the claim's fate, and the states it names (the first pattern that matches wins);
# also in questions ("为什么被拒", "still waiting"), so none of them is a question word ("赔了吗").
STATUS_WORDS: Tuple[Tuple[re.Pattern, Tuple[str, ...]], ...] = (
    (re.compile(r"拒赔|被拒|拒绝|拒了|不给赔|不予赔|没给赔|reject\w*|refus\w*|declin\w*|denied|turned down", re.I), ("rejected",)),
    (re.compile(r"部分赔|只赔了|赔少了|partly paid|partial", re.I), ("partly_paid",)),
    (re.compile(r"还没到账|没到账|还没赔|还没到|未到账|还在审|审核中|not (yet )?(been )?paid|haven'?t (been )?paid|still waiting|"
                r"pending|in review|under review", re.I),
     ("reported", "materials_incomplete", "submitted", "under_review")),
)
# In a description of one claim ("赔了的那个", "the paid one") "paid" is a state too.
DESCRIBED_STATUS = STATUS_WORDS + ((re.compile(r"已赔付|赔付了|已经赔|赔了|到账了|已到账|\bpaid\b", re.I), ("paid", "partly_paid")),)
LATEST = re.compile(r"最近|最新|刚报|刚刚|上次|上一次|latest|most recent|newest|recent|last time", re.I)
OWN = re.compile(r"^(?:我|我的|我自己|本人|my own|mine|me|myself)$", re.I)
# Words that carry no cue: particles and the words for "claim" / "one".
FILLER = re.compile(r"(?:的|那个|这个|那|这|还|已经|了|案件|案子|理赔|申请|单子|一下|\bthe\b|\bone\b|\bclaim\b|\bfor\b|\babout\b|"
                    r"\bwith\b|\bof\b|\bmy\b|'s\b|’s\b|[\s,，。.!！、·])", re.I)


@dataclass(frozen=True)
class ClaimFacts:
    """What a claim can be told apart by."""
    case_number: str
    status: str
    relation: str  # of the insured person to the user: self, spouse, parent, child or other
    gender: str  # the insured person's, "F" / "M"
    description: str  # case number, insured person, diagnosis, hospital, state labels (normalised, lower case)
    created_at: datetime


def describe(*parts: Optional[str]) -> str:
    """The searchable description of a claim from its parts."""
    return normalize_text(" ".join(part for part in parts if part)).lower()


def statuses_named(words: str, patterns=STATUS_WORDS) -> Optional[Tuple[str, ...]]:
    """The states the words name ("被拒" → rejected), else None."""
    return next((statuses for pattern, statuses in patterns if pattern.search(words)), None)


def _strip_status(words: str) -> str:
    pattern = next((pattern for pattern, _ in DESCRIBED_STATUS if pattern.search(words)), None)
    return pattern.sub(" ", words) if pattern else words


def _relation_cue(words: str) -> Tuple[Optional[Tuple[str, Optional[str]]], str]:
    """(relation code, gender or None) the words name, and the words without it."""
    found = relations_in(words)
    kinds = set(found.values())
    if len(kinds) == 1:
        for word in found:
            words = re.sub(re.escape(word), " ", words, flags=re.I)
        return kinds.pop(), words
    return None, words


def fitting(claims: Sequence[ClaimFacts], words: str) -> List[ClaimFacts]:
    """The claims that fit every cue in `words` (in the given order); [] when the words give no cue."""
    text = normalize_text(words)
    cues = 0
    options = list(claims)
    statuses = statuses_named(text, DESCRIBED_STATUS)
    if statuses:
        cues += 1
        options = [c for c in options if c.status in statuses]
        text = _strip_status(text)
    if LATEST.search(text):
        cues += 1
        text = LATEST.sub(" ", text)
        options = sorted(options, key=lambda c: c.created_at, reverse=True)[:1]
    rest = FILLER.sub("", text).strip()
    if OWN.match(rest) or OWN.match(text.strip()):
        return [c for c in options if c.relation == "self"]
    relation, text = _relation_cue(text)
    if relation is not None:
        cues += 1
        code, gender = relation
        options = [c for c in options if c.relation == code and gender in (None, c.gender)]
    rest = re.sub(r"^我", "", FILLER.sub("", text).strip().lower())  # "我阑尾炎那个": the user's own words
    if rest:
        cues += 1
        options = [c for c in options if rest in c.description]
    return options if cues else []
