"""action_set_language, and the action server's hook that says every action's messages in Traditional."""
import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

import actions  # noqa: F401 - installs the hooks on the executor
from actions.identity import ValidateIdentityForm
from actions.language import ActionSetLanguage
from bot.i18n import EN, ZH_HANS, ZH_HANT, to_script
from bot.settings import PROJECT_ROOT
from bot.store import migrate, reset_engines, session_scope
from bot.store.models import Conversation


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'claims.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    reset_engines()
    migrate(url)
    with session_scope(url) as session:
        session.add(Conversation(sender_id="web-1", channel="web"))
    yield url
    reset_engines()


def tracker(text, entities=(), slots=None, sender_id="web-1"):
    latest = {"text": text, "intent": {"name": "set_language", "confidence": 1.0}, "entities": list(entities)}
    return Tracker(sender_id, slots or {}, latest, [{"event": "user", "text": text, "parse_data": latest}],
                   False, None, {}, "action_listen")


async def set_language(text, entities=(), sender_id="web-1"):
    dispatcher = CollectingDispatcher()
    events = await ActionSetLanguage().run(dispatcher, tracker(text, entities, sender_id=sender_id), {})
    return {e["name"]: e["value"] for e in events}, [m["text"] for m in dispatcher.messages], dispatcher.messages


def conversation(url, sender_id="web-1"):
    with session_scope(url) as session:
        return session.get(Conversation, sender_id)


async def test_english_is_fixed_confirmed_in_english_and_recorded(database):
    slots, said, _ = await set_language("请用英文回复", [{"entity": "language_request", "value": EN}])
    assert slots == {"language_fixed": EN}
    assert said == ["OK, I'll reply in English from now on. To switch back to Chinese, send /lang zh or say “请用中文”."]
    row = conversation(database)
    assert (row.language, row.language_fixed) == (EN, EN)


async def test_traditional_and_simplified_set_the_script(database):
    slots, said, _ = await set_language("/lang zh-hant", [{"entity": "language_request", "value": ZH_HANT}])
    assert slots == {"language_fixed": ZH_HANT, "chinese_script": ZH_HANT}  # the script named is kept
    assert said[0].startswith("好的，以後我用繁體中文回覆您")
    row = conversation(database)
    assert (row.language, row.language_script, row.language_fixed) == (ZH_HANT, ZH_HANT, ZH_HANT)
    slots, said, _ = await set_language("switch to Chinese please")  # no entity: the words decide
    assert slots == {"language_fixed": "zh", "chinese_script": ZH_HANS}  # Chinese, script left to the user
    assert said[0].startswith("好的，以后我用简体中文回复您")
    button = '/set_language{"language_request": "zh-Hant"}'
    slots, _, _ = await set_language(button, [{"entity": "language_request", "value": ZH_HANT}])
    assert slots["language_fixed"] == ZH_HANT


async def test_no_language_named_asks_which_one(database):
    slots, said, messages = await set_language("/lang")
    assert slots == {}
    assert [b["payload"] for b in messages[0]["buttons"]] == [
        '/set_language{"language_request": "zh-Hans"}', '/set_language{"language_request": "zh-Hant"}',
        '/set_language{"language_request": "en"}']


async def test_a_conversation_the_gateway_never_saw_is_left_alone(database):
    slots, _, _ = await set_language("/lang en", [{"entity": "language_request", "value": EN}], sender_id="shell")
    assert slots == {"language_fixed": EN}
    assert conversation(database, "shell") is None


# --- the executor hook --------------------------------------------------------------------------------------

def action_call(action, slots, text, active_loop=None):
    latest = {"text": text, "intent": {"name": "inform", "confidence": 1.0}, "entities": []}
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    return {"next_action": action, "sender_id": "web-1", "domain": domain,
            "tracker": {"sender_id": "web-1", "slots": slots, "latest_message": latest,
                        "events": [{"event": "user", "text": text, "parse_data": latest}], "paused": False,
                        "latest_event_time": None, "followup_action": None,
                        "active_loop": {"name": active_loop} if active_loop else {},
                        "latest_action_name": "action_listen"}}


async def run(action_class, slots, text, active_loop=None):
    executor = ActionExecutor()
    executor.register_action(action_class)
    return await executor.run(action_call(action_class().name(), slots, text, active_loop))


async def test_form_validators_speak_traditional_when_the_user_writes_it(database):
    asked = {"requested_slot": "mobile", "verify_attempts": 0}
    simplified = await run(ValidateIdentityForm, asked, "123", "identity_form")
    traditional = await run(ValidateIdentityForm, {**asked, "language": "zh", "chinese_script": ZH_HANT}, "123",
                            "identity_form")
    english_slots = {**asked, "language": EN, "chinese_script": ZH_HANT}
    untouched = await run(ValidateIdentityForm, english_slots, "123", "identity_form")  # English: the catalogue's job
    texts = [m["text"] for m in simplified["responses"]]
    assert texts and [m["text"] for m in traditional["responses"]] == [to_script(t, ZH_HANT) for t in texts] != texts
    assert traditional["events"] == simplified["events"]
    assert untouched["responses"] != traditional["responses"]


async def test_the_hook_follows_a_language_the_action_just_set(database):
    """The confirmation of "/lang zh-hant" is said after the switch; button payloads never change."""
    response = await run(ActionSetLanguage, {"language": "zh", "chinese_script": ZH_HANT}, "/lang")
    buttons = response["responses"][0]["buttons"]
    assert [b["title"] for b in buttons] == ["簡體中文", "繁體中文", "English"]
    assert buttons[0]["payload"] == '/set_language{"language_request": "zh-Hans"}'
    call = action_call("action_set_language", {"language": "zh", "chinese_script": ZH_HANT}, "/lang zh")
    call["tracker"]["latest_message"]["entities"] = [{"entity": "language_request", "value": ZH_HANS}]
    executor = ActionExecutor()
    executor.register_action(ActionSetLanguage)
    response = await executor.run(call)
    assert response["responses"][0]["text"].startswith("好的，以后我用简体中文回复您")  # not converted: Simplified now
