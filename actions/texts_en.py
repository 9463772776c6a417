"""The English catalogue: the same names as actions/texts.py, in English.

Any name not translated yet falls back to the Chinese text (the star import);
tests/test_actions/test_texts_en.py checks that none is left.
"""
from __future__ import annotations

from actions.texts import *  # noqa: F401,F403 - the fallback for names not translated yet
