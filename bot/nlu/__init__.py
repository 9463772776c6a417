"""NLU helpers: text normalisation and rule-based entity extraction (Chinese and English).

- `bot.nlu.normalizer`: `normalize_text()` and the Rasa `TextNormalizer` component.
- `bot.nlu.entities`: `extract_entities()`, `parse_amount()`, `parse_date()`,
  `valid_id_number()` (spaCy pipeline over the finders in the sibling modules).
- `bot.nlu.components`: the Rasa `ClaimsEntityExtractor` component.
- English finders beside the Chinese ones, same labels and values:
  `numerals_en` (number words), `dates_en`, `lexicon_en`; amounts, case numbers,
  choices and complaint words read both languages in their own modules.

Nothing heavy (Rasa, spaCy) is imported by this package itself.
"""
