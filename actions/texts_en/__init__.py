"""The English catalogue: the same names as actions/texts/, in English.

Every public name of actions/texts/ is defined here too, with the same {placeholders},
the same button payloads and the same dict keys (tests/test_actions/test_texts_en.py).
Only what the user reads changes: slot values and payloads stay canonical.

The same topic modules as actions/texts/ (general.py here is the English of
actions/texts/general.py, and so on); every name of every topic is an attribute
of this package too: texts_en.MENU, texts_en.BACK_END (English only, in services.py).
"""
from __future__ import annotations

from actions.texts_en import advisors, claims, disputes, elderly, forms, general, services

for _topic in (general, forms, claims, disputes, advisors, elderly, services):
    globals().update((name, value) for name, value in vars(_topic).items() if not name.startswith("__"))
