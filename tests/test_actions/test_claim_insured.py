"""A report request that names a relative ("我妈住院了，帮我报案") is filed on that relative's policy, or the user
is told that none of theirs is on file before picking one (actions/claim_insured.py). Real seeded database:
王丽 has only her own policies; 张伟 has his own and his daughter 张小雨's."""
from rasa_sdk.executor import CollectingDispatcher

from actions.claim_report import ActionAskClaimPolicy
from actions.claim_report_form import ValidateClaimReportForm
from bot.store import policies, session_scope

from .conftest import load_domain, make_tracker, texts, verified_slots

FORM = ValidateClaimReportForm()


def starting(customer, text, intent="report_claim", **slots):
    """The turn the claim form starts in: the user's message, then the form's activation."""
    tracker = make_tracker(slots={**verified_slots(customer), **slots}, text=text, intent=intent,
                           active_loop="claim_report_form")
    tracker.events.append({"event": "active_loop", "name": "claim_report_form"})
    return tracker


async def test_no_policy_of_the_relative_is_said_before_the_users_own_are_offered(database):
    dispatcher = CollectingDispatcher()
    await ActionAskClaimPolicy().run(dispatcher, starting("王丽", "上周三我妈住院了，帮我报案"), load_domain())
    assert texts(dispatcher).startswith("您说的是您母亲看病，但您这里还没有您母亲的保单")
    assert "添加家人保单" in texts(dispatcher) and len(dispatcher.messages[-1]["buttons"]) == 2
    dispatcher = CollectingDispatcher()  # English, and after verification (the request waited)
    tracker = starting("王丽", "0026", intent="inform", language="en", pending_task="report_claim",
                       pending_question="my husband was in hospital last week, I want to claim")
    await ActionAskClaimPolicy().run(dispatcher, tracker, load_domain())
    assert texts(dispatcher).startswith("You said this is about your husband, but there is no policy of your husband's")


async def test_said_once_and_never_for_the_users_own_or_two_people(database):
    for text in ("我住院了，帮我报案", "我和我妈都住院了，帮我报案", "帮我报案"):
        dispatcher = CollectingDispatcher()
        await ActionAskClaimPolicy().run(dispatcher, starting("王丽", text), load_domain())
        assert len(dispatcher.messages) == 1 and "您母亲" not in texts(dispatcher), text
    later = make_tracker(slots={**verified_slots("王丽"), "pending_task": "report_claim",
                                "pending_question": "我妈住院了，帮我报案"}, text="不知道", active_loop="claim_report_form")
    later.events.insert(0, {"event": "active_loop", "name": "claim_report_form"})  # started turns ago
    dispatcher = CollectingDispatcher()
    await ActionAskClaimPolicy().run(dispatcher, later, load_domain())
    assert len(dispatcher.messages) == 1


async def test_the_relatives_only_policy_is_used_and_said(database):
    slots = verified_slots("张伟")
    with session_scope() as session:
        hers = [p.policy_number for p in policies.visible_policies(session, int(slots["customer_id"]))
                if p.source == "external"]
    dispatcher = CollectingDispatcher()
    result = await FORM.extract_claim_policy(dispatcher, starting("张伟", "我女儿发烧住院了，帮我报案"), load_domain())
    assert result == {"claim_policy": hers[0]}
    assert texts(dispatcher) == "将为您女儿的保单报案：张小雨 · 启明少儿医疗险（医疗险，其他平台购买）"
    dispatcher = CollectingDispatcher()  # a son named: not her, so the policy question leads with nobody's
    result = await FORM.extract_claim_policy(dispatcher, starting("张伟", "我儿子住院了，帮我报案"), load_domain())
    assert result == {} and dispatcher.messages == []


async def test_a_coverage_question_about_a_relative_is_answered_from_their_policies(database):
    from actions.interpret import ActionAnswerCoverage

    dispatcher = CollectingDispatcher()  # 王丽 has no policy of her mother's: her own do not cover her mother
    tracker = make_tracker(slots=verified_slots("王丽"), text="我妈妈上个月住院了，她的保险能报吗", intent="ask_coverage")
    events = await ActionAnswerCoverage().run(dispatcher, tracker, load_domain())
    assert texts(dispatcher).startswith("您问的是您母亲的情况，但您这里还没有您母亲的保单")
    assert [e["value"] for e in events if e.get("name") == "asked_facts"] == [None]  # never on a claim of 王丽's
    assert "安康百万医疗险" not in texts(dispatcher)
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/add_family_policy"
    dispatcher = CollectingDispatcher()  # 张伟's daughter: her policy only
    tracker = make_tracker(slots=verified_slots("张伟"), text="我女儿住院能报吗", intent="ask_coverage")
    await ActionAnswerCoverage().run(dispatcher, tracker, load_domain())
    assert "【张小雨 · 启明少儿医疗险" in texts(dispatcher) and "【张伟" not in texts(dispatcher)
    dispatcher = CollectingDispatcher()  # about the user: "老人" describes them
    tracker = make_tracker(slots=verified_slots("王丽"), text="我是老人，住院能报吗", intent="ask_coverage")
    await ActionAnswerCoverage().run(dispatcher, tracker, load_domain())
    assert "【王丽 · 安康百万医疗险" in texts(dispatcher)


async def test_a_report_right_after_a_question_about_a_relative_is_theirs(database):
    tracker = starting("王丽", "那帮我报案")
    question = {"event": "user", "text": "我妈妈上个月住院了，她的保险能报吗",
                "parse_data": {"intent": {"name": "ask_coverage"}, "entities": []}}
    verification = [{"event": "user", "text": text, "parse_data": {"intent": {"name": "inform"}}}
                    for text in ("13800138000", "0026")]
    tracker.events = [question, *verification, *tracker.events]
    dispatcher = CollectingDispatcher()
    await ActionAskClaimPolicy().run(dispatcher, tracker, load_domain())
    assert texts(dispatcher).startswith("您说的是您母亲看病")
    tracker.events = [question, {"event": "user", "text": "查理赔进度", "parse_data": {"intent": {"name": "ask_claim_status"}}},
                      *tracker.events[3:]]  # another request in between: the report is not about her
    dispatcher = CollectingDispatcher()
    await ActionAskClaimPolicy().run(dispatcher, tracker, load_domain())
    assert len(dispatcher.messages) == 1
