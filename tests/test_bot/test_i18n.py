"""Languages: what a message shows (bot.i18n), the NLU components (bot.nlu.language) and the
Rasa responses in English and Traditional (bot.i18n.nlg)."""
import asyncio

import pytest
import yaml

from bot.i18n import (
    EN, ZH_HANS, ZH_HANT, detect, fixed_language, is_language_command, language_of_slots, localise_message, reply_language,
    requested_language, to_script,
)
from bot.settings import PROJECT_ROOT


@pytest.mark.parametrize("text, expected", [
    ("我要报案", ("zh", ZH_HANS)),
    ("我要報案", ("zh", ZH_HANT)),
    ("我要报销", ("zh", ZH_HANS)),
    ("發票丟了怎麼辦", ("zh", ZH_HANT)),
    ("好的", ("zh", None)),              # same in both scripts: the script is not shown
    ("我在医院花了8000", ("zh", ZH_HANS)),
    ("I want to file a claim", (EN, None)),
    ("claim status", (EN, None)),
    ("help", (EN, None)),                 # one English word of four letters or more
    ("ok", (None, None)),                 # typed by Chinese users too
    ("OK好的", ("zh", None)),
    ("hi 我要报案", ("zh", ZH_HANS)),
    ("我的PDF发不了", ("zh", ZH_HANS)),   # a Latin word in Chinese text
    ("13800138000", (None, None)),
    ("2", (None, None)),
    ("😀👍", (None, None)),
    ("", (None, None)),
    (None, (None, None)),
    ('/inform{"choice": "yes"}', (None, None)),  # button payloads show nothing
    ("/lang en", (None, None)),
    ("我在Chaoyang Hospital住院了，花了八千块钱", ("zh", ZH_HANS)),  # mostly Chinese
    ("I stayed at 朝阳医院 for a week and paid 8000 yuan", (EN, None)),  # mostly English
])
def test_detect(text, expected):
    assert detect(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("/lang en", EN), ("/lang zh", ZH_HANS), ("/lang zh-hant", ZH_HANT), ("/lang zh-hans", ZH_HANS),
    ("/LANG ZH-HANT", ZH_HANT), ("/lang tw", ZH_HANT),
    ("请用英文回复", EN), ("can you speak English", EN), ("說繁體中文", ZH_HANT), ("请用繁体", ZH_HANT),
    ("switch to Chinese please", ZH_HANS), ("请说中文", ZH_HANS), ("請說中文", ZH_HANT),
    ("switch to Traditional Chinese", ZH_HANT),
    ("我要报案", None), ("/lang", None), ("ok", None),
])
def test_requested_language(text, expected):
    assert requested_language(text) == expected


def test_language_command():
    assert all(is_language_command(t) for t in ["/lang", "/lang en", " /Lang zh-hant ", "/lang zh"])
    assert not any(is_language_command(t) for t in ["/language", "lang en", "/lang en please", "/set_language"])


def test_reply_language_follows_the_latest_message_unless_fixed():
    assert reply_language(None, None) == ZH_HANS
    assert reply_language(EN, None) == EN
    assert reply_language("zh", ZH_HANT) == ZH_HANT
    assert reply_language(EN, ZH_HANT, fixed="zh") == ZH_HANT  # fixed Chinese, in the script last seen
    assert reply_language("zh", ZH_HANT, fixed=EN) == EN
    assert reply_language("zh", ZH_HANS, fixed=ZH_HANT) == ZH_HANT  # the script asked for, whatever is written
    assert reply_language(EN, ZH_HANT, fixed=ZH_HANS) == ZH_HANS


def test_a_request_naming_the_script_fixes_it():
    assert fixed_language(ZH_HANT, "說繁體中文") == ZH_HANT
    assert fixed_language(ZH_HANT, "/lang zh-hant") == ZH_HANT
    assert fixed_language(ZH_HANS, "/lang zh") == ZH_HANS  # the 简 button
    assert fixed_language(ZH_HANS, '/set_language{"language_request": "zh-Hans"}') == ZH_HANS
    assert fixed_language(ZH_HANS, "switch to Chinese please") == "zh"
    assert fixed_language(ZH_HANT, "請用中文回覆") == "zh"
    assert fixed_language(ZH_HANS, "请用中文简单说") == "zh"
    assert fixed_language(EN, "please reply in English") == EN
    assert language_of_slots({"language": "zh", "chinese_script": ZH_HANT}) == ZH_HANT


def test_traditional_conversion_is_phrase_level_and_keeps_payloads():
    assert to_script("理赔需要发票", ZH_HANT) == "理賠需要發票"
    assert to_script("审核理赔程序和证明文件", ZH_HANT) == "審核理賠程序和證明文件"  # not 稽核, 程式, 檔案
    assert to_script("理赔需要发票", ZH_HANS) == "理赔需要发票"
    assert to_script("理赔需要发票", EN) == "理赔需要发票"
    message = {"text": "请选择", "buttons": [{"title": "查理赔进度", "payload": '/inform{"choice": "理赔"}'}]}
    assert localise_message(message, ZH_HANT) == {
        "text": "請選擇", "buttons": [{"title": "查理賠進度", "payload": '/inform{"choice": "理赔"}'}]}
    assert localise_message(message, ZH_HANS) is message


# --- NLU components -------------------------------------------------------------------------------------

def parse(text, *components):
    from rasa.shared.nlu.training_data.message import Message

    message = Message(data={"text": text})
    for component in components:
        component.process([message])
    return message


def entity_values(message):
    return {e["entity"]: e["value"] for e in message.get("entities") or []}


def test_language_detector_adds_entities_of_the_original_text():
    from bot.nlu.language import LanguageDetector
    from bot.nlu.normalizer import TextNormalizer

    detector, normalizer = LanguageDetector(), TextNormalizer()
    message = parse("說繁體中文", detector, normalizer)
    assert message.get("text") == "说繁体中文"  # the normaliser runs after: the script was seen first
    assert entity_values(message) == {"language": "zh", "chinese_script": ZH_HANT, "language_request": ZH_HANT}
    assert entity_values(parse("can you speak English", detector)) == {"language": EN, "language_request": EN}
    assert entity_values(parse("我要报案", detector)) == {"language": "zh", "chinese_script": ZH_HANS}
    assert entity_values(parse("2", detector)) == {}
    assert entity_values(parse("/lang zh-hant", detector)) == {"language_request": ZH_HANT}
    found = parse("我要報案", detector).get("entities")
    assert all(e["start"] == 0 and e["end"] == 4 and e["extractor"] == "LanguageDetector" for e in found)


def test_lang_commands_force_set_language():
    from bot.nlu.language import LanguageCommandClassifier

    classifier = LanguageCommandClassifier()
    for text in ["/lang en", "/lang zh", "/lang zh-hant", "/lang"]:
        message = parse(text, classifier)
        assert message.get("intent") == {"name": "set_language", "confidence": 1.0}, text
    assert parse("/elder", classifier).get("intent") is None
    assert parse("please reply in English", classifier).get("intent") is None  # left to DIET


def test_the_detector_runs_first_and_the_command_classifier_last():
    pipeline = [c["name"] for c in yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]]
    assert pipeline[0] == "bot.nlu.language.LanguageDetector"
    assert pipeline.index("bot.nlu.normalizer.TextNormalizer") == 1
    assert pipeline[-1] == "bot.nlu.language.LanguageCommandClassifier"


def test_language_entities_never_change_the_dialogue():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    entities = {list(e)[0]: e[list(e)[0]] for e in domain["entities"] if isinstance(e, dict)}
    for name in ("language", "chinese_script", "language_request"):
        assert entities[name] == {"influence_conversation": False}
    for slot in ("language", "chinese_script", "language_fixed"):
        assert domain["slots"][slot]["influence_conversation"] is False


# --- Rasa responses in the reply language ----------------------------------------------------------------

def chinese_responses():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
    glossary = yaml.safe_load((PROJECT_ROOT / "data/nlu/glossary.yml").read_text(encoding="utf-8"))["responses"]
    return {**domain, **glossary}


def nlg():
    from bot.i18n.nlg import LocalisedNLG

    return LocalisedNLG(responses=chinese_responses())


def render(generator, action, slots):
    return generator.generate_from_slots(action, slots, "rest")


def test_every_response_has_an_english_version_with_the_same_buttons():
    from bot.i18n.nlg import english_responses

    english = english_responses()
    assert set(english) == set(chinese_responses())
    for name, variations in chinese_responses().items():
        payloads = [[b["payload"] for b in v.get("buttons") or []] for v in variations]
        assert [[b["payload"] for b in v.get("buttons") or []] for v in english[name]] == payloads, name
        assert all(detect(v["text"])[0] == EN for v in english[name]), name


def test_responses_in_english_traditional_and_simplified():
    generator = nlg()
    chinese = chinese_responses()["utter_glossary/deductible"][0]["text"]
    assert render(generator, "utter_glossary/deductible", {"language": EN})["text"].startswith("The deductible is")
    assert render(generator, "utter_glossary/deductible", {"language": "zh", "chinese_script": ZH_HANT})["text"] \
        == to_script(chinese, ZH_HANT) != chinese
    assert render(generator, "utter_glossary/deductible", {})["text"] == chinese
    # A fixed language wins over the language of the latest message.
    assert render(generator, "utter_greet", {"language": "zh", "language_fixed": EN})["text"].startswith("Hello")
    assert render(generator, "utter_greet", {"language": EN, "language_fixed": "zh"})["text"] == chinese_responses()[
        "utter_greet"][0]["text"]
    assert render(generator, "utter_unknown", {"language": EN}) is None


@pytest.mark.parametrize("action, payloads", [
    ("utter_help", ["/report_claim", "/ask_claim_status", "/ask_required_documents", "/request_callback"]),
    ("utter_bot_challenge", ["/request_human"]),
    ("utter_out_of_scope", ["/help", "/request_callback"]),
])
def test_elderly_mode_gets_rasas_own_answers_short_with_numbered_choices(action, payloads):
    """The action server's hook adapts actions' messages; these domain responses have their own variants."""
    generator = nlg()
    for slots, reply_digits in (({}, "请回复数字"), ({"language": "zh", "chinese_script": ZH_HANT}, to_script("请回复数字", ZH_HANT)),
                                ({"language": EN}, "eply")):
        elderly = render(generator, action, {**slots, "elderly_mode": True})
        assert [b["payload"] for b in elderly["buttons"]] == payloads
        assert [b["title"].split(". ")[0] for b in elderly["buttons"]] == [str(n) for n in range(1, len(payloads) + 1)]
        assert reply_digits in elderly["text"]
        for off in (False, None):  # switched off, or never switched on: the usual answer
            usual = render(generator, action, {**slots, "elderly_mode": off})
            assert not usual.get("buttons") and reply_digits not in usual["text"]
            assert len(elderly["text"]) < len(usual["text"])


def test_a_response_without_english_falls_back_to_chinese():
    from bot.i18n.nlg import LocalisedNLG

    generator = LocalisedNLG(responses={"utter_new": [{"text": "新的回复"}]})
    assert render(generator, "utter_new", {"language": EN}) == {"text": "新的回复"}


def test_rasa_builds_the_nlg_from_the_endpoints_files(tmp_path):
    from rasa.core.nlg import NaturalLanguageGenerator
    from rasa.core.utils import AvailableEndpoints
    from rasa.shared.core.domain import Domain

    from bot.i18n.nlg import LocalisedNLG
    from bot.scale import write_endpoints

    generated = write_endpoints(tmp_path, ["http://127.0.0.1:5055/webhook"], f"sqlite:///{tmp_path / 't.db'}")[0]
    for path in (PROJECT_ROOT / "endpoints.yml", generated):
        endpoints = AvailableEndpoints.read_endpoints(str(path))
        generator = NaturalLanguageGenerator.create(endpoints.nlg, Domain.from_dict({"responses": chinese_responses()}))
        assert isinstance(generator, LocalisedNLG), path
        tracker_slots = {"language": EN}
        assert asyncio.run(_generate(generator, "utter_thank", tracker_slots))["text"].startswith("You're welcome")


async def _generate(generator, action, slots):
    from rasa.shared.core.events import SlotSet
    from rasa.shared.core.slots import TextSlot
    from rasa.shared.core.trackers import DialogueStateTracker

    tracker = DialogueStateTracker("s", [TextSlot(name, mappings=[]) for name in slots])
    for name, value in slots.items():
        tracker.update(SlotSet(name, value))
    return await generator.generate(action, tracker, "rest")
