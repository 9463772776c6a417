"""Issue 8: the NLU data covers English and Traditional Chinese for every intent.

Reads data/nlu/**.yml as plain YAML (no Rasa import). The language of an example
is what bot.i18n.detect says, as for a user's message, so Chinese slipping into
the English files (or Simplified into data/nlu/zh_hant.yml) fails here.
"""
from __future__ import annotations

import collections
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest
import yaml

from bot.i18n import _CJK, EN, ZH_HANT, detect
from bot.nlu.normalizer import normalize_text

ROOT = Path(__file__).resolve().parents[2]
NLU = ROOT / "data" / "nlu"
ENGLISH_DIR = NLU / "en"
HANT_FILE = NLU / "zh_hant.yml"
MIN_ENGLISH_PER_INTENT = 20
MIN_ENGLISH_PER_GLOSSARY_TERM = 4
MIN_HANT_PER_INTENT = 3
RETRIEVAL_INTENT = "glossary"


def _examples(path: Path) -> Iterator[Tuple[str, str]]:
    """(intent, text) of every example in one NLU file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for block in data.get("nlu") or []:
        if "intent" not in block:
            continue
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                yield block["intent"], line[2:].strip()


def _all_examples() -> List[Tuple[Path, str, str]]:
    return [(path, intent, text) for path in sorted(NLU.rglob("*.yml")) for intent, text in _examples(path)]


def _domain_intents() -> List[str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return [i if isinstance(i, str) else next(iter(i)) for i in domain["intents"]]


def _glossary_terms() -> List[str]:
    return sorted({i for _, i, _ in _all_examples() if i.startswith(RETRIEVAL_INTENT + "/")})


def _english_counts() -> Dict[str, int]:
    counts: Dict[str, int] = collections.Counter()
    for _, intent, text in _all_examples():
        if detect(text)[0] == EN:
            counts[intent] += 1
    return counts


def _too_short_to_tell(text: str) -> bool:
    """"ok", "yup", "r u a bot": detect() gives no language (the conversation keeps its own)."""
    return detect(text)[0] is None and not _CJK.search(text)


@pytest.mark.parametrize("intent", [i for i in _domain_intents() if i != RETRIEVAL_INTENT])
def test_every_intent_has_enough_english_examples(intent: str) -> None:
    assert _english_counts()[intent] >= MIN_ENGLISH_PER_INTENT


def test_every_glossary_term_has_english_questions() -> None:
    counts = _english_counts()
    terms = _glossary_terms()
    assert len(terms) >= 29
    assert {t: counts[t] for t in terms if counts[t] < MIN_ENGLISH_PER_GLOSSARY_TERM} == {}


@pytest.mark.parametrize("path", sorted(ENGLISH_DIR.glob("*.yml")), ids=lambda p: p.name)
def test_english_files_hold_english_only(path: Path) -> None:
    wrong = [text for _, text in _examples(path) if detect(text)[0] != EN and not _too_short_to_tell(text)]
    assert wrong == []


def test_traditional_file_is_traditional_and_covers_every_intent() -> None:
    examples = list(_examples(HANT_FILE))
    assert [text for _, text in examples if detect(text) != ("zh", ZH_HANT)] == []
    counts = collections.Counter(intent for intent, _ in examples)
    intents = [i for i in _domain_intents() if i not in (RETRIEVAL_INTENT, "set_language")]
    assert {i: counts[i] for i in intents if counts[i] < MIN_HANT_PER_INTENT} == {}


def test_no_text_has_two_intents() -> None:
    """After normalisation (Traditional -> Simplified) one text must not train two intents."""
    seen: Dict[str, set] = collections.defaultdict(set)
    for _, intent, text in _all_examples():
        seen[normalize_text(text).lower()].add(intent)
    assert {text: sorted(i) for text, i in seen.items() if len(i) > 1} == {}
