"""Identity verification: mobile, then the last 4 characters of the ID number."""
from rasa_sdk.executor import CollectingDispatcher

from actions.common import polite_name
from actions.identity import FAILED, ActionAfterIdentity, ValidateIdentityForm

from .conftest import load_domain, make_tracker, texts

FORM = ValidateIdentityForm()


def validate_last4(value, slots, database):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=slots, active_loop="identity_form", requested_slot="id_last4")
    return FORM.validate_id_last4(value, dispatcher, tracker, load_domain()), dispatcher


def test_right_mobile_and_last4_verify_the_customer(database):
    result, _ = validate_last4("0026", {"mobile": "13800138000"}, database)
    assert result["verified"] is True and result["customer_name"] == "王女士" and result["customer_id"]


def test_lower_case_x_is_accepted(database):
    result, _ = validate_last4("003x", {"mobile": "13900139000"}, database)
    assert result["verified"] is True and result["customer_name"] == "李先生"


def test_wrong_last4_counts_an_attempt_and_starts_again(database):
    result, dispatcher = validate_last4("1234", {"mobile": "13800138000", "verify_attempts": 1}, database)
    assert result == {"mobile": None, "id_last4": None, "verify_attempts": 2}
    assert "还可以再试1次" in texts(dispatcher)
    assert "verified" not in result


def test_unknown_mobile_gives_the_same_answer_as_a_wrong_last4(database):
    """Never reveal whether a mobile number is a customer's."""
    known, d1 = validate_last4("9999", {"mobile": "13800138000"}, database)
    unknown, d2 = validate_last4("9999", {"mobile": "13911112222"}, database)
    assert known == unknown and texts(d1) == texts(d2)


def test_third_failure_ends_the_form_unverified(database):
    result, _ = validate_last4("1234", {"mobile": "13800138000", "verify_attempts": 2}, database)
    assert result == {"mobile": FAILED, "id_last4": FAILED, "verified": False, "verify_attempts": 3}


def test_after_three_failures_nothing_is_checked_any_more(database):
    result, _ = validate_last4("0026", {"mobile": "13800138000", "verify_attempts": 3}, database)
    assert result["verified"] is False


def test_badly_formed_answers_are_explained():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(active_loop="identity_form", requested_slot="mobile")
    assert FORM.validate_mobile("1380013", dispatcher, tracker, load_domain()) == {"mobile": None}
    assert "11位数字" in texts(dispatcher)
    assert FORM.validate_mobile("8613800138000", dispatcher, tracker, load_domain()) == {"mobile": "13800138000"}
    dispatcher = CollectingDispatcher()
    assert FORM.validate_id_last4("12", dispatcher, tracker, load_domain()) == {"id_last4": None}
    assert "最后4位" in texts(dispatcher)


async def test_last4_is_read_from_a_sentence():
    tracker = make_tracker(text="身份证后四位是003x", active_loop="identity_form", requested_slot="id_last4")
    assert await FORM.extract_id_last4(CollectingDispatcher(), tracker, load_domain()) == {"id_last4": "003X"}


async def test_a_question_is_not_taken_as_an_answer():
    tracker = make_tracker(text="你是机器人吗", intent="bot_challenge", active_loop="identity_form", requested_slot="mobile")
    assert await FORM.extract_mobile(CollectingDispatcher(), tracker, load_domain()) == {}


async def test_after_identity_greets_or_hands_off(database):
    dispatcher = CollectingDispatcher()
    events = await ActionAfterIdentity().run(dispatcher, make_tracker(slots={"verified": True, "customer_name": "王女士"}), {})
    assert "王女士您好" in texts(dispatcher) and events[0]["value"] is True
    dispatcher = CollectingDispatcher()
    events = await ActionAfterIdentity().run(dispatcher, make_tracker(slots={"verified": False}), {})
    assert texts(dispatcher).startswith("手机号和身份证后4位已连续3次") and "顾问" in texts(dispatcher)
    assert {e["name"]: e["value"] for e in events if e["event"] == "slot"}["pending_task"] is None
    assert events[-1]["event"] == "pause"


def test_polite_name():
    assert polite_name("王丽", "F") == "王女士" and polite_name("张伟", "M") == "张先生" and polite_name("Alex", None) == "Alex"
