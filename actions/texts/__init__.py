"""What the assistant says from its actions: form questions and messages.

Kept in Python rather than domain responses because only actions send them
(Rasa's validator flags responses that no story uses) and because one
catalogue is easier to localise.

One module per topic (general, forms, claims, disputes, advisors, elderly,
services), mirrored file by file by the English catalogue in actions/texts_en/.
Every name of every topic is an attribute of this package too: texts.MENU,
`from actions.texts import FORM_QUESTIONS`, texts.pick(lang).MENU.
"""
from __future__ import annotations

import sys

from actions.texts import advisors, claims, disputes, elderly, forms, general, services

for _topic in (general, forms, claims, disputes, advisors, elderly, services):
    globals().update((name, value) for name, value in vars(_topic).items() if not name.startswith("__"))


def pick(language: str):
    """The catalogue for a reply language: actions/texts_en/ for English, else this one.

    Traditional Chinese uses this catalogue too: replies are converted on the way
    out (bot.i18n.localise_message, applied to every action's messages).
    """
    if language == "en":
        from actions import texts_en

        return texts_en
    return sys.modules[__name__]
