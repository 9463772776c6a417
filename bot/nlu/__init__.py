"""Chinese NLU helpers: text normalisation and rule-based entity extraction.

- `bot.nlu.normalizer`: `normalize_text()` and the Rasa `TextNormalizer` component.
- `bot.nlu.entities`: `extract_entities()`, `parse_amount()`, `parse_date()`,
  `valid_id_number()` (spaCy pipeline over the finders in the sibling modules).
- `bot.nlu.components`: the Rasa `ClaimsEntityExtractor` component.

Nothing heavy (Rasa, spaCy) is imported by this package itself.
"""
