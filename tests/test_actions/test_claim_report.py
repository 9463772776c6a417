"""Claim report form: extraction, validation, summary, submission, cancellation, failures."""
from decimal import Decimal

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from actions.claim_report import ActionAskClaimConfirmed, ActionAskClaimPolicy, ActionCancelClaimReport, ActionSubmitClaim
from actions.claim_report_form import ValidateClaimReportForm
from bot.store import policies
from bot.store.db import session_scope
from bot.store.models import Claim

from .conftest import load_domain, make_tracker, texts, verified_slots

FORM = ValidateClaimReportForm()


def policy_number(customer: str, policy_type: str) -> str:
    slots = verified_slots(customer)
    with session_scope() as session:
        for policy in policies.visible_policies(session, int(slots["customer_id"])):
            if policy.policy_type == policy_type:
                return policy.policy_number
    raise AssertionError(f"{customer} has no {policy_type} policy")


def entity(name, value, start=0, end=1, **extra):
    return {"entity": name, "value": value, "start": start, "end": end, **extra}


def events_as_slots(events):
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def test_several_answers_in_one_message_fill_several_slots(database):
    tracker = make_tracker(
        slots=verified_slots(),
        text="我昨天在朝阳医院住院花了八千，想报销",
        intent="report_claim",
        entities=[entity("date", "2026-11-23"), entity("hospital", "朝阳医院", 4, 8), entity("amount", "8000.00", 12, 14)],
        active_loop="claim_report_form",
    )
    slots = events_as_slots(await FORM.run(CollectingDispatcher(), tracker, load_domain()))
    assert slots["incident_date"] == "2026-11-23" and slots["hospital"] == "朝阳医院" and slots["claim_amount"] == "8000.00"


async def test_a_digression_fills_nothing(database):
    tracker = make_tracker(
        slots=verified_slots(), text="私立医院能报吗", intent="ask_coverage",
        entities=[entity("hospital_ownership", "private")], active_loop="claim_report_form", requested_slot="hospital",
    )
    assert events_as_slots(await FORM.run(CollectingDispatcher(), tracker, load_domain())) == {}


async def test_the_only_policy_is_chosen_without_asking(database):
    tracker = make_tracker(slots=verified_slots("李建国"), text="我要报案", intent="report_claim", active_loop="claim_report_form")
    dispatcher = CollectingDispatcher()
    result = await FORM.extract_claim_policy(dispatcher, tracker, load_domain())
    assert result == {"claim_policy": policy_number("李建国", "medical")} and "将为您的保单报案" in texts(dispatcher)


async def test_policy_chosen_by_relationship_or_ordinal_or_kind(database):
    slots = verified_slots("张伟")
    daughter = make_tracker(slots=slots, text="给我女儿的", entities=[entity("relationship", "child")],
                            active_loop="claim_report_form", requested_slot="claim_policy")
    with session_scope() as session:
        visible = policies.visible_policies(session, int(slots["customer_id"]))
        external = [p.policy_number for p in visible if p.source == "external"][0]
    assert await FORM.extract_claim_policy(CollectingDispatcher(), daughter, load_domain()) == {"claim_policy": external}
    by_kind = make_tracker(slots=verified_slots(), text="医疗险那个", active_loop="claim_report_form", requested_slot="claim_policy")
    assert await FORM.extract_claim_policy(CollectingDispatcher(), by_kind, load_domain()) == {
        "claim_policy": policy_number("王丽", "medical")
    }


def test_someone_elses_policy_is_refused_without_saying_it_exists(database):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=verified_slots("王丽"), active_loop="claim_report_form")
    result = FORM.validate_claim_policy(policy_number("李建国", "medical"), dispatcher, tracker, load_domain())
    assert result == {"claim_policy": None} and "没能确定是哪一份保单" in texts(dispatcher)


def test_illness_on_an_accident_policy_asks_for_another_policy(database):
    dispatcher = CollectingDispatcher()
    slots = {**verified_slots(), "claim_policy": policy_number("王丽", "accident")}
    result = FORM.validate_incident_type("illness", dispatcher, make_tracker(slots=slots), load_domain())
    assert result == {"incident_type": "illness", "claim_policy": None} and "意外险" in texts(dispatcher)


def test_future_date_is_refused(database):
    dispatcher = CollectingDispatcher()
    slots = {**verified_slots(), "claim_policy": policy_number("王丽", "medical"), "incident_type": "illness"}
    result = FORM.validate_incident_date("2026-11-25", dispatcher, make_tracker(slots=slots), load_domain())
    assert result == {"incident_date": None} and "不能晚于今天" in texts(dispatcher)


def test_waiting_period_is_flagged_for_a_new_critical_illness_policy(database):
    dispatcher = CollectingDispatcher()
    slots = {**verified_slots("张伟"), "claim_policy": policy_number("张伟", "critical_illness"), "incident_type": "illness"}
    result = FORM.validate_incident_date("2026-11-20", dispatcher, make_tracker(slots=slots), load_domain())
    assert result == {"incident_date": "2026-11-20"} and "等待期为90天" in texts(dispatcher)


def test_private_hospital_warns_at_once_and_mentions_the_emergency(database):
    dispatcher = CollectingDispatcher()
    slots = {**verified_slots(), "claim_policy": policy_number("王丽", "medical"), "hospital_ownership": "private"}
    result = FORM.validate_hospital_grade("unknown", dispatcher, make_tracker(slots=slots), load_domain())
    assert result == {"hospital_grade": "unknown", "hospital_ownership": "private"}
    assert "二级及以上公立医院" in texts(dispatcher) and "120" in texts(dispatcher)


def test_amount_checks(database):
    slots = {**verified_slots(), "claim_policy": policy_number("王丽", "accident")}
    dispatcher = CollectingDispatcher()
    assert FORM.validate_claim_amount("60000", dispatcher, make_tracker(slots=slots), load_domain()) == {"claim_amount": None}
    assert "保额¥50,000.00" in texts(dispatcher)
    dispatcher = CollectingDispatcher()
    assert FORM.validate_claim_amount("abc", dispatcher, make_tracker(slots=slots), load_domain()) == {"claim_amount": None}
    assert "没看懂这个金额" in texts(dispatcher)
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=slots, text="三千多", entities=[entity("amount", "3000.00", approximate=True)])
    assert FORM.validate_claim_amount("3000.00", dispatcher, tracker, load_domain()) == {"claim_amount": "3000.00"}
    assert "约¥3,000.00" in texts(dispatcher)

    for text in ("$500", "花了300美元", "HK$2,000", "500 euros"):  # another currency is not yuan
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(slots=slots, text=text, entities=[entity("amount", "500.00")])
        assert FORM.validate_claim_amount("500.00", dispatcher, tracker, load_domain()) == {"claim_amount": None}
        assert "请按人民币告诉我" in texts(dispatcher)
    for text in ("¥500", "RMB 500", "500块"):
        tracker = make_tracker(slots=slots, text=text, entities=[entity("amount", "500.00")])
        assert FORM.validate_claim_amount("500.00", CollectingDispatcher(), tracker, load_domain()) == {
            "claim_amount": "500.00"}


def test_free_text_answers_are_checked(database):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=verified_slots())
    assert FORM.validate_diagnosis("😀", dispatcher, tracker, load_domain()) == {"diagnosis": None}
    assert FORM.validate_diagnosis("啊" * 201, dispatcher, tracker, load_domain()) == {"diagnosis": None}
    assert FORM.validate_hospital("？？", dispatcher, tracker, load_domain()) == {"hospital": None}
    assert FORM.validate_hospital("北京朝阳医院。", dispatcher, tracker, load_domain()) == {"hospital": "北京朝阳医院"}
    assert FORM.validate_incident_type("?", dispatcher, tracker, load_domain()) == {"incident_type": None}


async def test_confirmation_deny_and_field_correction(database):
    tracker = make_tracker(slots=verified_slots(), text="不对", intent="deny", active_loop="claim_report_form", requested_slot="claim_confirmed")
    assert await FORM.extract_claim_confirmed(CollectingDispatcher(), tracker, load_domain()) == {
        "claim_confirmed": None, "claim_correcting": True
    }
    tracker = make_tracker(slots=verified_slots(), text="/inform", entities=[entity("form_field", "hospital")],
                           active_loop="claim_report_form", requested_slot="claim_confirmed")
    assert await FORM.extract_claim_confirmed(CollectingDispatcher(), tracker, load_domain()) == {
        "claim_confirmed": None, "hospital": None, "claim_correcting": False
    }
    # A cleared field is asked again without an error message.
    dispatcher = CollectingDispatcher()
    assert FORM.validate_hospital(None, dispatcher, tracker, load_domain()) == {"hospital": None}
    assert dispatcher.messages == []


def complete_slots(customer="王丽", policy_type="medical"):
    return {
        **verified_slots(customer),
        "claim_policy": policy_number(customer, policy_type),
        "incident_type": "accident",
        "incident_date": "2026-11-20",
        "hospital": "北京朝阳医院",
        "hospital_grade": "3A",
        "hospital_ownership": "public",
        "diagnosis": "右手割伤，缝了五针",
        "claim_amount": "3200.00",
        "claim_confirmed": True,
    }


async def test_summary_shows_every_answer(database):
    dispatcher = CollectingDispatcher()
    await ActionAskClaimConfirmed().run(dispatcher, make_tracker(slots=complete_slots()), load_domain())
    summary = texts(dispatcher)
    for part in ["出险原因：意外", "2026年11月20日", "北京朝阳医院（公立 三级甲等）", "右手割伤，缝了五针", "¥3,200.00"]:
        assert part in summary
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/affirm", "/deny", "/cancel"]


async def test_submission_creates_the_claim_with_a_case_number_and_materials(database):
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitClaim().run(dispatcher, make_tracker(slots=complete_slots()), load_domain())
    assert "案件号是 C-1005" in texts(dispatcher) and "意外事故证明" in texts(dispatcher)
    assert events_as_slots(events)["current_claim"] == "C-1005"
    assert events_as_slots(events)["claim_policy"] is None
    with session_scope() as session:
        claim = session.execute(select(Claim).where(Claim.case_number == "C-1005")).scalar_one()
        assert claim.amount_claimed == Decimal("3200.00") and claim.status == "reported"
        assert claim.inpatient is False  # "缝了五针": a visit, so no discharge summary is asked for
    assert "出院小结" not in texts(dispatcher) and "费用明细清单" not in texts(dispatcher)


async def test_a_stay_told_in_the_diagnosis_asks_for_the_discharge_summary(database):
    slots = {**complete_slots(), "diagnosis": "急性阑尾炎，做了手术，住院5天", "incident_type": "illness"}
    dispatcher = CollectingDispatcher()
    await ActionSubmitClaim().run(dispatcher, make_tracker(slots=slots), load_domain())
    said = texts(dispatcher)
    assert "出院小结：" in said and "（住院治疗时需要）" not in said
    told_before = {**complete_slots(), "diagnosis": "肺炎", "pending_task": "report_claim",
                   "pending_question": "我爸上个月住院了，想报销"}
    dispatcher = CollectingDispatcher()
    await ActionSubmitClaim().run(dispatcher, make_tracker(slots=told_before), load_domain())
    assert "出院小结：" in texts(dispatcher) and "（住院治疗时需要）" not in texts(dispatcher)


async def test_submission_for_a_child_lists_guardian_proof(database):
    slots = {**complete_slots("张伟", "medical"), "incident_type": "illness"}
    dispatcher = CollectingDispatcher()
    await ActionSubmitClaim().run(dispatcher, make_tracker(slots=slots), load_domain())
    assert "监护关系证明" in texts(dispatcher)


async def test_policy_buttons_include_family_policies(database):
    dispatcher = CollectingDispatcher()
    await ActionAskClaimPolicy().run(dispatcher, make_tracker(slots=verified_slots("张伟")), load_domain())
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert len(titles) == 2 and any("张小雨" in t and "其他平台购买" in t for t in titles)


async def test_cancel_clears_the_answers():
    dispatcher = CollectingDispatcher()
    events = await ActionCancelClaimReport().run(dispatcher, make_tracker(slots={"hospital": "x"}), load_domain())
    assert events_as_slots(events)["hospital"] is None and "已取消" in texts(dispatcher)


async def test_a_database_failure_gets_an_apology_not_silence(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'missing' / 'no-tables.db'}")
    from bot.store.db import reset_engines

    reset_engines()
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitClaim().run(dispatcher, make_tracker(slots={"verified": True, "customer_id": "1", "claim_policy": "X"}), {})
    assert "系统刚才出了点问题" in texts(dispatcher)
    # Back to the confirmation question: a second 确认提交 submits again instead of being a stray "yes".
    assert {"event": "active_loop", "name": "claim_report_form"} in [
        {k: e.get(k) for k in ("event", "name")} for e in events]
    assert events_as_slots(events) == {"claim_confirmed": None, "requested_slot": "claim_confirmed"}
    reset_engines()


def confirmed_at(slots, stamp: float, earlier_events=()):
    """A tracker whose latest message, sent at `stamp`, confirmed the report."""
    tracker = make_tracker(slots=slots, text="/affirm", intent="affirm")
    tracker.events = [*earlier_events, {**tracker.events[0], "timestamp": stamp}]
    return tracker


def failed_submission(tracker):
    """The events of a submission that apologised and reopened the confirmation (confirm_again)."""
    return [*tracker.events,
            {"event": "action", "name": "action_submit_claim"},
            {"event": "bot", "text": "抱歉，系统刚才出了点问题"},
            {"event": "slot", "name": "claim_confirmed", "value": None},
            {"event": "active_loop", "name": "claim_report_form"},
            {"event": "slot", "name": "requested_slot", "value": "claim_confirmed"},
            {"event": "action", "name": "claim_report_form"},
            {"event": "action", "name": "action_listen"}]


async def test_confirming_again_after_an_unclear_failure_finds_the_claim_instead_of_making_another(database):
    # The first 确认提交 made the claim, but the action failed after (say, the connection dropped on COMMIT).
    first = confirmed_at(complete_slots(), 1000.0)
    await ActionSubmitClaim().run(CollectingDispatcher(), first, load_domain())
    again = CollectingDispatcher()  # the user saw the apology and the summary, and confirms again
    await ActionSubmitClaim().run(again, confirmed_at(complete_slots(), 1060.0, failed_submission(first)), load_domain())
    assert "案件号是 C-1005" in texts(again)
    # The same facts confirmed in another conversation, or later without a failure, are another report.
    other = confirmed_at(complete_slots(), 1000.0)
    other.sender_id = "another-chat"
    later = CollectingDispatcher()
    await ActionSubmitClaim().run(later, other, load_domain())
    assert "案件号是 C-1006" in texts(later)
    with session_scope() as session:
        assert session.query(Claim).filter(Claim.submission_key.is_not(None)).count() == 2


async def test_confirming_again_after_a_failure_that_made_nothing_makes_the_claim(database):
    first = confirmed_at(complete_slots(), 1000.0)  # its COMMIT did not happen: no claim with its key
    again = CollectingDispatcher()
    await ActionSubmitClaim().run(again, confirmed_at(complete_slots(), 1060.0, failed_submission(first)), load_domain())
    assert "案件号是 C-1005" in texts(again)


async def test_the_summary_comes_with_the_policy_number_while_the_database_is_unreachable(database, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("SELECT", {}, Exception("could not connect to server: Connection refused"))

    monkeypatch.setattr(policies, "get_visible_policy", unreachable)
    slots = complete_slots()
    dispatcher = CollectingDispatcher()
    await ActionAskClaimConfirmed().run(dispatcher, make_tracker(slots=slots), load_domain())
    assert f"保单：{slots['claim_policy']}" in texts(dispatcher) and "北京朝阳医院" in texts(dispatcher)
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/affirm", "/deny", "/cancel"]


async def test_a_date_mistaken_for_small_talk_is_still_an_answer(database):
    """'明天' reads like '明天见' (goodbye) to the classifier; in the date question it is a date."""
    tracker = make_tracker(slots=verified_slots(), text="明天", intent="goodbye",
                           active_loop="claim_report_form", requested_slot="incident_date")
    assert await FORM.extract_incident_date(CollectingDispatcher(), tracker, load_domain()) == {"incident_date": "future"}
    dispatcher = CollectingDispatcher()
    assert FORM.validate_incident_date("future", dispatcher, tracker, load_domain()) == {"incident_date": None}
    assert "不能晚于今天" in texts(dispatcher)
    goodbye = make_tracker(slots=verified_slots(), text="再见", intent="goodbye",
                           active_loop="claim_report_form", requested_slot="incident_date")
    assert await FORM.extract_incident_date(CollectingDispatcher(), goodbye, load_domain()) == {}


async def test_facts_told_before_verification_fill_the_form_once(database):
    """'我上周五手割伤了，120送到了华康医院' then mobile and ID: the form starts with those facts."""
    slots = {**verified_slots(), "pending_facts": {"date": "2026-11-20", "hospital": "北京华康医院", "incident_type": "accident"}}
    tracker = make_tracker(slots=slots, text="0026", active_loop="claim_report_form")
    events = await FORM.get_extraction_events(CollectingDispatcher(), tracker, load_domain())
    filled = events_as_slots(events)
    assert filled["incident_date"] == "2026-11-20" and filled["hospital"] == "北京华康医院"
    assert filled["incident_type"] == "accident" and filled["pending_facts"] is None


async def test_helper_slots_survive_a_whole_form_run(database):
    """rasa-sdk keeps only the form's own slots by default: 'no' must still open the correction menu,
    and the facts told before verification are used once, then cleared."""
    deny = make_tracker(slots=complete_slots() | {"claim_confirmed": None}, text="不对", intent="deny",
                        active_loop="claim_report_form", requested_slot="claim_confirmed")
    assert events_as_slots(await FORM.run(CollectingDispatcher(), deny, load_domain()))["claim_correcting"] is True

    slots = {**verified_slots(), "pending_facts": {"date": "2026-11-20"}}
    start = make_tracker(slots=slots, text="0026", active_loop="claim_report_form")
    filled = events_as_slots(await FORM.run(CollectingDispatcher(), start, load_domain()))
    assert filled["incident_date"] == "2026-11-20" and filled["pending_facts"] is None


async def test_while_correcting_a_fact_counts_whatever_the_intent(database):
    slots = complete_slots() | {"claim_confirmed": None, "claim_correcting": True}
    tracker = make_tracker(slots=slots, text="金额是13000", intent="explain_decision",
                           entities=[entity("amount", "13000.00")], active_loop="claim_report_form", requested_slot="claim_confirmed")
    filled = events_as_slots(await FORM.run(CollectingDispatcher(), tracker, load_domain()))
    assert filled["claim_amount"] == "13000.00" and filled["claim_correcting"] is False


async def test_private_hospital_ownership_is_kept_after_the_form_run(database):
    slots = {**verified_slots(), "claim_policy": policy_number("王丽", "medical")}
    tracker = make_tracker(slots=slots, text="民营医院", entities=[entity("hospital_ownership", "private")],
                           active_loop="claim_report_form", requested_slot="hospital_grade")
    filled = events_as_slots(await FORM.run(CollectingDispatcher(), tracker, load_domain()))
    assert filled["hospital_grade"] == "unknown" and filled["hospital_ownership"] == "private"


async def test_the_form_reopened_after_a_failed_submission_asks_again_instead_of_confirming_by_itself(database):
    slots = {**complete_slots(), "claim_confirmed": None}
    tracker = make_tracker(slots=slots, text="/affirm", intent="affirm", active_loop="claim_report_form",
                           requested_slot="claim_confirmed")
    assert events_as_slots(await FORM.run(CollectingDispatcher(), tracker, load_domain()))["claim_confirmed"] is True
    reopened = make_tracker(slots=slots, text="/affirm", intent="affirm", active_loop="claim_report_form",
                            requested_slot="claim_confirmed")
    reopened.events = failed_submission(reopened)[:-2]  # the same "/affirm", then the failed submission
    assert "claim_confirmed" not in events_as_slots(await FORM.run(CollectingDispatcher(), reopened, load_domain()))


async def test_a_date_told_with_the_request_is_refused_once_when_the_only_policy_is_chosen_at_the_same_time(database):
    """李建国 has one policy: it is chosen in the same run that checks the date, which is said to be wrong once."""
    tracker = make_tracker(slots=verified_slots("李建国"), text="2024年12月3日看病花了3418，帮我报案", intent="report_claim",
                           entities=[entity("date", "2024-12-03"), entity("amount", "3418.00", 11, 15)],
                           active_loop="claim_report_form")
    dispatcher = CollectingDispatcher()
    filled = events_as_slots(await FORM.run(dispatcher, tracker, load_domain()))
    assert filled["claim_policy"] == policy_number("李建国", "medical") and filled["incident_date"] is None
    assert texts(dispatcher).count("还没有保障") == 1
