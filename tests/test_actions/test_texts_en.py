"""The English catalogue matches the Chinese one: every name, placeholder, payload and key; no Chinese left."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import string
import types
import typing

import pytest

from actions import texts, texts_en

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
NOT_CATALOGUE = {"pick", "annotations"}  # the selector itself, and the __future__ import
TOPICS = ["advisors", "claims", "disputes", "elderly", "forms", "general", "services"]  # each package's modules


def public_names(module) -> list:
    return sorted(
        name for name, value in vars(module).items()
        if not name.startswith("_") and name not in NOT_CATALOGUE
        and not isinstance(value, types.ModuleType)
        and getattr(value, "__module__", module.__name__) not in ("typing",)
        and not (typing.get_origin(value) is not None and name != "Button")
    )


def topic_modules(package) -> list:
    return [importlib.import_module(f"{package.__name__}.{info.name}") for info in pkgutil.iter_modules(package.__path__)]


def placeholders(text: str) -> list:
    return sorted(field for _, field, _, _ in string.Formatter().parse(text) if field is not None)


def compare(zh, en, where: str, payloads_only: bool = False) -> None:
    """Walk both values together: same shape, same keys and payloads, same placeholders, English text."""
    if isinstance(zh, str):
        assert isinstance(en, str), where
        if payloads_only and not (where.endswith("['payload']") and not zh.startswith("/")):
            assert en == zh, where  # an intent payload or a canonical value: identical
            return
        # else a text, or a payload that is a canned question the user sends: in English
        assert placeholders(en) == placeholders(zh), where
        assert not CJK.search(en), f"{where}: {en!r}"
    elif isinstance(zh, dict):
        assert isinstance(en, dict) and set(en) == set(zh), where
        for key in zh:
            compare(zh[key], en[key], f"{where}[{key!r}]", payloads_only=payloads_only or key == "payload")
    elif isinstance(zh, (list, tuple)):
        assert type(en) is type(zh) and len(en) == len(zh), where
        if where.startswith("DISPUTE_GROUND_BUTTONS"):  # (code, title) pairs
            for i, ((code, title), (en_code, en_title)) in enumerate(zip(zh, en)):
                assert en_code == code, where
                compare(title, en_title, f"{where}[{i}]")
            return
        for i, (a, b) in enumerate(zip(zh, en)):
            compare(a, b, f"{where}[{i}]", payloads_only)
    else:
        assert en == zh, where


def test_every_public_name_is_defined_in_the_english_module_itself():
    names = public_names(texts)
    assert "MENU" in names and "FORM_QUESTIONS" in names and "dispute_button" in names
    for topic in [texts_en] + topic_modules(texts_en):
        source = inspect.getsource(topic)
        assert "import *" not in source  # no fallback to the Chinese catalogue
        assert not re.search(r"\bactions\.texts\b(?!_en)|from actions import texts\b(?!_en)", source), topic.__name__
    missing = [name for name in names if name not in vars(texts_en)]
    assert not missing


@pytest.mark.parametrize("name", public_names(texts))
def test_each_name_has_the_same_shape_placeholders_and_payloads(name):
    zh, en = getattr(texts, name), getattr(texts_en, name)
    if name == "Button":
        assert en == zh
    elif callable(zh):
        compare(zh("C-1001"), en("C-1001"), name)
    elif name == "PLAIN_WORDS":  # a different glossary for each language
        assert en and all(not CJK.search(k + v) for k, v in en.items())
    elif name == "FORM_QUESTIONS":
        assert set(en) == set(zh)
        for key in zh:
            compare(zh[key], en[key], f"{name}[{key}]")
    elif name == "GAP":
        assert (zh, en) == ("", " ")
    else:
        compare(zh, en, name)


@pytest.mark.parametrize("package", [texts, texts_en], ids=["zh", "en"])
def test_the_package_re_exports_every_name_of_every_topic_module(package):
    topics = topic_modules(package)
    assert sorted(topic.__name__.rsplit(".", 1)[1] for topic in topics) == TOPICS
    for topic in topics:
        for name in public_names(topic):
            assert vars(package)[name] is vars(topic)[name], f"{topic.__name__}.{name}"


@pytest.mark.parametrize("topic", TOPICS)
def test_each_topic_module_has_the_same_names_in_both_languages(topic):
    """The two catalogues mirror each other file by file: the English of texts/forms.py is in texts_en/forms.py."""
    zh, en = set(public_names(getattr(texts, topic))), set(public_names(getattr(texts_en, topic)))
    assert en - zh == ({"BACK_END"} if topic == "services" else set())
    assert zh - en == set()


def test_pick_returns_the_catalogue_of_the_reply_language():
    assert texts.pick("en") is texts_en
    assert texts.pick("zh-Hans") is texts and texts.pick("zh-Hant") is texts and texts.pick(None) is texts


def test_dates_render_in_english():
    from datetime import date

    note = texts_en.DISPUTE_WON_NOTE["overturned"].format(case="C-1", day=date(2026, 11, 3), amount="¥100.00")
    assert "on 3 Nov 2026" in note


def test_only_the_back_end_renderings_are_english_only():
    extra = {name for name in vars(texts_en) if not name.startswith("_") and name not in vars(texts)}
    assert extra == {"BACK_END"}
    assert all(not CJK.search(text) for text in texts_en.BACK_END.values())


def test_chinese_copies_match_their_sources():
    """Texts moved into the catalogue keep the exact wording the other modules use."""
    from bot.claims.appeal_letter import GROUND_TITLES
    from bot.documents.intake import MESSAGES, NOT_FOUND

    assert texts.DISPUTE_GROUND_TITLES == GROUND_TITLES
    assert texts.CASE_NOT_FOUND == MESSAGES[NOT_FOUND]
