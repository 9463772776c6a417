"""An advisor gives a queue item to a colleague (e.g. at the end of a shift), or takes it from one."""
from __future__ import annotations

import re

from sqlalchemy import select

from bot.store import handoffs
from bot.store.conversations import set_conversation_language
from bot.store.db import session_scope
from bot.store.models import Advisor, AuditEntry, Handoff


def ids(url) -> dict:
    with session_scope(url) as session:
        return dict(session.execute(select(Advisor.display_name, Advisor.id)).all())


def holder(url, item_id):
    with session_scope(url) as session:
        handoff = session.get(Handoff, item_id)
        return handoff.status, handoff.taken_by


async def assign(advisor, item_id, advisor_id) -> str:
    response = await advisor.post(f"/advisor/handoffs/{item_id}/assign", {"advisor_id": str(advisor_id)})
    return re.search(r"msg=(\w+)", response.headers["Location"]).group(1)


async def test_a_taken_item_goes_to_a_colleague_and_the_user_is_told(advisor, gateway, queued, console_url):
    people, item = ids(console_url), queued["normal"]
    await advisor.post(f"/advisor/handoffs/{item}/take")
    page = await (await advisor.client.get(f"/advisor/handoffs/{item}")).text()
    options = re.findall(r'<option value="(\d+)">([^<]+)</option>', page.split('data-testid="assign-to"')[1])
    assert options == [(str(people["赵磊"]), "赵磊")]  # not the holder herself

    assert await assign(advisor, item, people["赵磊"]) == "assigned"
    assert holder(console_url, item) == ("active", people["赵磊"])
    assert gateway.delivered == [("web-wang", ["已为您转给另一位顾问继续处理，请稍候，顾问会直接在这里回复您。"], "system", None)]
    with session_scope(console_url) as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "assign"))
        assert (entry.advisor_id, entry.target, entry.detail) == (people["王芳"], f"handoff:{item}", "王芳 → 赵磊")
    # 王芳 may no longer answer it, but can take it back.
    replied = await advisor.post(f"/advisor/handoffs/{item}/reply", {"text": "您好"})
    assert replied.headers["Location"].endswith("msg=taken_by_other")
    assert await assign(advisor, item, people["王芳"]) == "assigned"
    assert holder(console_url, item) == ("active", people["王芳"])


async def test_a_queued_item_is_given_without_a_message_and_english_users_read_english(
        advisor, gateway, queued, console_url):
    people = ids(console_url)
    assert await assign(advisor, queued["elderly"], people["赵磊"]) == "assigned"  # nobody held it: nothing to say
    assert holder(console_url, queued["elderly"]) == ("active", people["赵磊"]) and gateway.delivered == []
    with session_scope(console_url) as session:
        set_conversation_language(session, "web-li", "en")
    assert await assign(advisor, queued["elderly"], people["王芳"]) == "assigned"
    assert gateway.delivered[-1][1] == ["Another advisor is taking over your conversation. Please wait: they will reply here."]
    gateway.fail = True
    assert await assign(advisor, queued["elderly"], people["赵磊"]) == "assigned_not_told"


async def test_bad_choices_and_finished_items_are_refused(advisor, gateway, queued, console_url):
    people, item = ids(console_url), queued["normal"]
    for bogus in ("", "abc", "²", "999999", "1" * 40):
        assert await assign(advisor, item, bogus) == "unknown_advisor"
    with session_scope(console_url) as session:
        session.get(Advisor, people["赵磊"]).active = False
    assert await assign(advisor, item, people["赵磊"]) == "unknown_advisor"  # a disabled account takes nothing
    await advisor.post(f"/advisor/handoffs/{item}/take")
    assert await assign(advisor, item, people["王芳"]) == "already_theirs"
    with session_scope(console_url) as session:
        handoffs.finish(session, session.get(Handoff, item), "closed")
    assert await assign(advisor, item, people["王芳"]) == "finished"
    assert gateway.delivered == []
