"""The web chat page's own words (bot/gateway/static/texts.js): every language has every key the page
uses, and Traditional is exactly the Simplified converted (so the two never drift apart)."""
from __future__ import annotations

import json
import re

from bot.gateway.routes import STATIC_DIR
from bot.i18n import to_script

PREFIX = "window.CHAT_TEXTS = "


def catalogue() -> dict:
    source = (STATIC_DIR / "texts.js").read_text(encoding="utf-8")
    return json.loads(source[source.index(PREFIX) + len(PREFIX):].rstrip().rstrip(";"))


def test_every_language_has_every_key_and_traditional_is_converted():
    texts = catalogue()
    assert set(texts) == {"zh-Hans", "zh-Hant", "en"}
    assert set(texts["zh-Hans"]) == set(texts["zh-Hant"]) == set(texts["en"])
    for key, simplified in texts["zh-Hans"].items():
        assert texts["zh-Hant"][key] == to_script(simplified, "zh-Hant"), key
        assert not re.search(r"[\u4e00-\u9fff]", texts["en"][key]), key  # English has no Chinese left


def test_the_page_uses_only_keys_the_catalogue_has():
    keys = set(catalogue()["zh-Hans"])
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    script = (STATIC_DIR / "chat.js").read_text(encoding="utf-8")
    used = set(re.findall(r'data-i18n(?:-[a-z-]+)?="([a-z_0-9]+)"', page)) | set(re.findall(r'\bt\("([a-z_0-9]+)"\)', script))
    used |= set(re.findall(r'\bt\("([a-z_0-9]+)",', script))
    used |= {"who_" + role for role in ("bot", "advisor", "system")} | {"error_rate_limited"}
    assert used <= keys, used - keys
    assert re.search(r'<script src="/static/texts.js" defer></script>\s*<script src="/static/chat.js" defer>', page)
