"""A reply that describes one of the offered claims ("阑尾炎那个", "被拒的那个", "the rejected one") picks it.

Real seeded database (王丽: C-1001 rejected, a cut hand at a private hospital; C-1002 paid, 急性阑尾炎),
frozen clock (conftest)."""
from rasa_sdk.executor import CollectingDispatcher

from actions.choices import ActionPickNumber
from actions.claim_choice import claim_buttons
from bot.store import claims as claim_store, session_scope

from .conftest import make_tracker, texts, verified_slots, with_bot_turn


def offered(customer: str = "王丽", intent: str = "explain_decision"):
    slots = verified_slots(customer)
    with session_scope() as session:
        options = claim_store.visible_claims(session, int(slots["customer_id"]))
        return slots, claim_buttons(options, intent)


async def pick(text, slots, buttons, intent="choose_number"):
    tracker = with_bot_turn(make_tracker(slots=slots, text=text, intent=intent), buttons)
    tracker.latest_message["intent_ranking"].append({"name": "ask_claim_status", "confidence": 0.4})
    dispatcher = CollectingDispatcher()
    events = await ActionPickNumber().run(dispatcher, tracker, {})
    return dispatcher, events


def picked_case(events):
    assert [e["event"] for e in events] == ["rewind", "action", "user"]
    parse = events[2]["parse_data"]
    assert parse["intent"]["name"] == "explain_decision"
    return [e["value"] for e in parse["entities"] if e["entity"] == "case_number"]


async def test_the_diagnosis_the_state_or_the_hospital_picks_the_claim(database):
    slots, buttons = offered()
    for text, case in (("阑尾炎那个", "C-1002"), ("被拒的那个", "C-1001"), ("就阑尾炎那个吧", "C-1002"),
                       ("手那个", "C-1001"), ("赔了的那个", "C-1002"), ("the rejected one", "C-1001"),
                       ("闌尾炎那個", "C-1002"), ("我的", None)):
        dispatcher, events = await pick(text, slots, buttons)
        if case is None:  # both are hers: asked again with both
            assert texts(dispatcher) == "有2项符合“我的”，请问是哪一个？点下面的按钮，或回复序号都可以。"
            assert dispatcher.messages[0]["buttons"] == buttons
            continue
        assert picked_case(events) == [case], text
        assert dispatcher.messages == []


async def test_words_that_fit_no_claim_ask_again_with_every_button(database):
    slots, buttons = offered()
    dispatcher, events = await pick("骨折那个", slots, buttons)
    assert events == []
    assert texts(dispatcher) == "没找到和“骨折那个”对得上的一项。请点下面的按钮，或回复序号（1或2）。"
    assert dispatcher.messages[0]["buttons"] == buttons
    dispatcher, _ = await pick("the fracture one", {**slots, "language": "en"}, buttons)
    assert texts(dispatcher).startswith("I couldn't find an option that fits \"the fracture one\"")


async def test_a_relation_picks_the_relatives_claim(database):
    slots, buttons = offered("张伟", "ask_claim_status")
    with_own = buttons + [{"title": "C-1999 · 张伟", "payload": '/ask_claim_status{"case_number": "C-1999"}'}]
    for text in ("我女儿那个", "孩子的", "the one for my daughter"):
        _, events = await pick(text, slots, with_own)
        assert events[2]["parse_data"]["entities"] == [{"entity": "case_number", "value": "C-1004"}], text
    dispatcher, events = await pick("我妈那个", slots, with_own)
    assert events == [] and "没找到" in texts(dispatcher)


async def test_another_users_case_in_a_button_is_never_described(database):
    slots, _ = offered()
    foreign = [{"title": "C-1003 · 李建国 · 社区获得性肺炎", "payload": '/explain_decision{"case_number": "C-1003"}'},
               {"title": "C-1002 · 王丽", "payload": '/explain_decision{"case_number": "C-1002"}'}]
    dispatcher, events = await pick("肺炎那个", slots, foreign)
    assert events == [] and "没找到" in texts(dispatcher)


async def test_other_buttons_are_described_by_their_title(database):
    buttons = [{"title": "上午（9:00-12:00）", "payload": '/inform{"choice":"morning"}'},
               {"title": "下午（13:30-17:30）", "payload": '/inform{"choice":"afternoon"}'}]
    _, events = await pick("下午那个", {}, buttons)
    assert events[2]["parse_data"]["entities"] == [{"entity": "choice", "value": "afternoon"}]


async def test_without_buttons_the_message_is_what_the_model_read(database):
    tracker = make_tracker(slots=verified_slots(), text="阑尾炎那个", intent="choose_number")
    tracker.latest_message["intent_ranking"].append({"name": "ask_claim_status", "confidence": 0.4})
    events = await ActionPickNumber().run(CollectingDispatcher(), tracker, {})
    assert events[2]["text"] == "阑尾炎那个" and events[2]["parse_data"]["intent"]["name"] == "ask_claim_status"


async def test_a_title_is_matched_without_its_spaces(database):
    buttons = [{"title": "公立 三甲", "payload": '/inform{"hospital_grade":"3A","hospital_ownership":"public"}'},
               {"title": "公立 二级", "payload": '/inform{"hospital_grade":"2","hospital_ownership":"public"}'}]
    _, events = await pick("公立三甲那个", {}, buttons)
    assert {e["entity"]: e["value"] for e in events[2]["parse_data"]["entities"]} == {
        "hospital_grade": "3A", "hospital_ownership": "public"}
