"""Rule-based entity extraction for claims chat, as a spaCy pipeline.

The pipeline is `spacy.blank("zh")` (one token per character, works offline)
plus the `claims_entities` component, which runs the finders of the sibling
modules, resolves overlaps and sets `doc.ents`; each Span carries its
normalised value in `Span._.value` (and `Span._.approximate` for amounts).
The reference time travels on the Doc as `Doc._.reference_time`.

spaCy is imported and the pipeline built on first use, once per process:
`parse_amount`, `parse_date` and `valid_id_number` never need it.
"""
from __future__ import annotations

import warnings
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bot import clock
from bot.nlu.amounts import find_amounts
from bot.nlu.candidates import Candidate, resolve
from bot.nlu.dates import find_dates, find_loose_dates
from bot.nlu.dates_en import find_english_dates, find_loose_english_dates
from bot.nlu.identifiers import (
    find_case_numbers,
    find_id_numbers,
    find_mobiles,
    valid_id_number,
)
from bot.nlu.lexicon import find_hospitals, find_lexicon_entities
from bot.nlu.lexicon_en import find_english_hospitals, find_english_lexicon_entities
from bot.nlu.normalizer import normalize_chars

__all__ = ["extract_entities", "parse_amount", "parse_date", "valid_id_number", "get_nlp"]

EXTRACTOR_NAME = "ClaimsEntityExtractor"
COMPONENT_NAME = "claims_entities"

_nlp: Any = None


def find_candidates(text: str, today: date, bare_amount: bool = False) -> list[Candidate]:
    """All non-overlapping entities in already-normalised text (no spaCy)."""
    candidates = (
        find_id_numbers(text)
        + find_mobiles(text)
        + find_case_numbers(text)
        + find_dates(text, today)
        + find_english_dates(text, today)
        + find_amounts(text, bare=bare_amount)
        + find_hospitals(text)
        + find_english_hospitals(text)
        + find_lexicon_entities(text)
        + find_english_lexicon_entities(text)
    )
    return resolve(candidates)


def _claims_entities(doc: Any) -> Any:
    """spaCy component: candidates → `doc.ents` with values on the spans."""
    moment = doc._.reference_time or clock.now()
    spans = []
    for candidate in find_candidates(doc.text, moment.date()):
        span = doc.char_span(candidate.start, candidate.end, label=candidate.label)
        if span is None:  # cannot happen with per-character tokens; be safe
            continue
        span._.value = candidate.value
        span._.approximate = candidate.approximate
        spans.append(span)
    doc.ents = spans
    return doc


def get_nlp() -> Any:
    """The process-wide spaCy pipeline, built on first call."""
    global _nlp
    if _nlp is None:
        # spaCy's import chain (packaging → pyparsing 3.3) emits DeprecationWarnings
        # that are not ours to fix and that break runs with warnings-as-errors.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            import spacy
            from spacy.language import Language
            from spacy.tokens import Doc, Span

        for name in ("value", "approximate"):
            if not Span.has_extension(name):
                Span.set_extension(name, default=None)
        if not Doc.has_extension("reference_time"):
            Doc.set_extension("reference_time", default=None)
        if not Language.has_factory(COMPONENT_NAME):
            Language.component(COMPONENT_NAME, func=_claims_entities)
        nlp = spacy.blank("zh")  # default "char" segmenter: no model download
        nlp.add_pipe(COMPONENT_NAME)
        _nlp = nlp
    return _nlp


def extract_entities(text: str, now: datetime | None = None) -> list[dict]:
    """Rasa-style entity dicts found in `text`, sorted by start, non-overlapping.

    Offsets refer to `text` itself: normalisation here is length-preserving.
    """
    if not text:
        return []
    nlp = get_nlp()
    doc = nlp.make_doc(normalize_chars(text))
    doc._.reference_time = now or clock.now()
    for _, component in nlp.pipeline:
        doc = component(doc)
    entities = []
    for span in doc.ents:
        entity = {
            "entity": span.label_,
            "value": span._.value,
            "start": span.start_char,
            "end": span.end_char,
            "confidence_entity": 1.0,
            "extractor": EXTRACTOR_NAME,
        }
        if span.label_ == "amount":
            entity["approximate"] = bool(span._.approximate)
        entities.append(entity)
    return entities


def parse_amount(text: str) -> tuple[Decimal, bool] | None:
    """(value, approximate) of a whole reply such as "8000", "八千", "三千多", "about 8k".

    A bare number counts here because the form has just asked for an amount;
    None if there is no amount or more than one.
    """
    body = normalize_chars(text or "").strip()
    if not body:
        return None
    found = find_candidates(body, clock.today(), bare_amount=True)
    amounts = [c for c in found if c.label == "amount"]
    if len(amounts) != 1:
        return None
    covered = set().union(*(range(c.start, c.end) for c in found))
    if any(ch.isdigit() and i not in covered for i, ch in enumerate(body)):
        return None  # "3000到5000": another number we could not place
    return Decimal(amounts[0].value), bool(amounts[0].approximate)


def parse_date(text: str, today: date) -> date | None:
    """The one date in a whole reply ("昨天", "11月6号", "last Friday", also "6号" / "11.6" / "the 6th" alone)."""
    body = normalize_chars(text or "").strip()
    if not body:
        return None
    found = [c for c in find_candidates(body, today) if c.label == "date"]
    if not found:
        found = find_loose_dates(body, today) + find_loose_english_dates(body, today)
    values = {c.value for c in found}
    return date.fromisoformat(values.pop()) if len(values) == 1 else None
