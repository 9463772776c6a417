"""The conversation view and what an advisor does with a queue item.

take → reply → return to the bot (or close). Each action checks the item in
one short database session, then talks to the gateway, then records the
outcome; every action is audited. Forms post and redirect back with a message
code (no user text is reflected); fetch() callers asking for JSON get JSON.
"""
from __future__ import annotations

import functools
import logging
import re
from typing import Awaitable, Callable, Optional

from aiohttp import web

from bot import clock
from bot.advisor import attach, labels
from bot.advisor.db import run_db
from bot.advisor.present import advisor_names, handoff_detail, message
from bot.advisor.render import render
from bot.advisor.security import current_advisor, wants_json
from bot.advisor.service_views import REVEAL_PHONE, callback_target
from bot.gateway import texts as user_texts
from bot.i18n import to_script
from bot.store import handoffs
from bot.store.advisors import SessionInfo, audit, has_audited, list_advisors
from bot.store.conversations import conversation_language
from bot.store.db import row_id
from bot.store.models import OPEN_HANDOFF_STATUSES, Advisor, Handoff
from bot.store.transcripts import messages_of

log = logging.getLogger(__name__)

# Message codes of the redirect after an action; "ok" codes are shown as success.
FLASH = {
    "taken": (True, "已接手。用户之后的消息会显示在下方。"),
    "replied": (True, "已发送给用户。"),
    "returned": (True, "已交回机器人，机器人已提示用户接下来可以办理的事。"),
    "closed": (True, "会话已结束，机器人已恢复服务。"),
    "noted": (True, "备注已保存。"),
    "outcome": (True, "申诉结果已记录，并已通知用户。"),
    "with_insurer": (True, "已标记为已提交保险公司，并已告诉用户大约多久会有答复。"),
    "with_insurer_no_chat": (True, "已标记为已提交保险公司。这个申诉没有在线会话，没有给用户发消息。"),
    "with_insurer_not_told": (False, "已标记为已提交保险公司，但消息没能送达用户，请稍后电话告知。"),
    "not_opened": (False, "只有刚提出、还没提交的申诉可以标记为已提交保险公司。"),
    "finished": (False, "这个会话已经结束，不能再操作。"),
    "taken_by_other": (False, "这个会话已由其他顾问接手。"),
    "empty_reply": (False, "回复内容不能为空。"),
    "empty_note": (False, "备注不能为空。"),
    "no_conversation": (False, "这一项没有在线会话（例如预约回电），不能发消息，请电话联系用户。"),
    "delivery_failed": (False, "消息没能送达用户，请稍后重试。"),
    "bot_unavailable": (False, "人工服务已结束，但机器人暂时没有响应；请稍后留意这个用户。"),
    "callback_done": (True, "已记录回电，这一项已结束。"),
    "phone_revealed": (True, "已显示完整号码；这次查看已记入审计日志。"),
    "empty_callback_note": (False, "请填写回电情况备注。"),
    # bot.advisor.attach: a file the user sent during the hand-off, put on a claim
    "file_attached": (True, "文件已收进案件，也已告诉用户。"),
    "file_unusable": (False, "文件已收进案件，但检查发现不能用（太小或太模糊），已请用户重发清晰的。"),
    "file_duplicate": (False, "这个文件已经在这个案件里了，没有重复收。"),
    "file_refused": (False, "这个文件不能作为理赔材料（格式不对、空文件、超过20MB、损坏或加密的PDF），没有收进案件，请让用户重新发送。"),
    "file_type_needed": (False, "从说明和文件名看不出这是哪种材料，请在“材料类型”里选一种再收。"),
    "file_missing": (False, "找不到这个文件（可能已清理），请让用户重新发送。"),
    "file_claim_closed": (False, "这个案件已结案或已撤销，不能再补充材料。"),
    "file_claim_not_found": (False, "这个案件不在这位用户名下。"),
    "file_no_customer": (False, "用户还没有核实身份，不知道是谁的案件，不能收进案件。"),
    "file_attached_not_told": (False, "文件已收进案件，但消息没能送达用户，请稍后告诉用户。"),
    "assigned": (True, "已转交，这一项现在由对方处理，会显示在队列里。"),
    "assigned_not_told": (False, "已转交，但没能告诉用户换了顾问，请新顾问回复时说明。"),
    "unknown_advisor": (False, "请选择要转交给哪位顾问。"),
    "already_theirs": (False, "这一项已经由这位顾问处理。"),
    # bot.advisor.identity: the advisor verifies a user the bot could not
    "user_verified": (True, "身份已核实。交回机器人后，机器人会按这位客户继续服务。"),
    "verify_mismatch": (False, "手机号和身份证后4位对不上任何客户，请和用户再核对。"),
    "already_verified": (False, "这位用户的身份已经核实过了。"),
}
ADVISOR_ID = re.compile(r"[0-9]{1,18}")

Work = Callable[..., object]


def handoff_id(request: web.Request) -> int:
    return row_id(request.match_info["id"])  # the route only matches digits


async def handoff_page(request: web.Request) -> web.Response:
    return await show_handoff(request, handoff_id(request))


async def show_handoff(request: web.Request, item_id: int, *, error: str = "", outcome_form: Optional[dict] = None,
                       status: int = 200) -> web.Response:
    """The page; the dispute outcome handler re-renders it with a validation error and the typed values."""
    viewer = current_advisor(request)

    def load(session):
        handoff = handoffs.get_handoff(session, item_id)
        if handoff is None:
            return None
        names = advisor_names(session)
        rows = messages_of(session, handoff.sender_id) if handoff.sender_id else []
        revealed = handoff.callback is not None and has_audited(
            session, viewer.advisor_id, REVEAL_PHONE, callback_target(handoff.callback))
        files = {"files": attach.sent_files(session, handoff), "claims": attach.claim_choices(session, handoff),
                 "materials": attach.MATERIAL_CHOICES}
        others = [{"id": a.id, "name": a.display_name} for a in list_advisors(session)
                  if a.active and a.id != handoff.taken_by]  # whom the item can be given to
        return handoff_detail(handoff, clock.now(), names, revealed), [message(row, names) for row in rows], files, others

    loaded = await run_db(request, load)
    if loaded is None:
        raise web.HTTPNotFound(text="找不到这个会话。")
    item, messages, files, others = loaded
    ok, flash = FLASH.get(request.query.get("msg", ""), (True, ""))
    return render(request, "handoff.html", {
        "nav": "queue", "item": item, "messages": messages, "last_id": messages[-1]["id"] if messages else 0,
        "flash": flash, "flash_ok": ok, "error": error,
        "outcome_form": outcome_form or {"outcome": "", "amount": "", "note": ""},
        "outcomes": labels.OUTCOMES, "sent": files, "assignable": others,
    }, status=status)


async def messages_json(request: web.Request) -> web.Response:
    """New transcript messages (id > after) and the item's status, for the page's 2-second poll."""
    after = request.query.get("after", "0")
    after_id = int(after) if after.isdigit() else 0

    def load(session):
        handoff = handoffs.get_handoff(session, handoff_id(request))
        if handoff is None:
            return None
        rows = messages_of(session, handoff.sender_id, after_id) if handoff.sender_id else []
        names = advisor_names(session)
        return {"status": handoff.status, "status_label": labels.STATUSES.get(handoff.status, handoff.status),
                "messages": [message(row, names) for row in rows]}

    data = await run_db(request, load)
    if data is None:
        return web.json_response({"error": "找不到这个会话。"}, status=404)
    for shown in data["messages"]:
        if shown["has_file"]:
            shown["file_url"] = str(request.app.router["upload"].url_for(id=str(shown["id"])))
    return web.json_response(data)


# --- actions ---

class Refused(Exception):
    """An action that cannot be done now; `code` is a FLASH key."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def action(handler: Callable[[web.Request], Awaitable[web.Response]]) -> Callable[[web.Request], Awaitable[web.Response]]:
    """A Refused raised anywhere in the action becomes its message for the advisor."""
    @functools.wraps(handler)
    async def run(request: web.Request) -> web.Response:
        try:
            return await handler(request)
        except Refused as refused:
            return respond(request, refused.code)

    return run


async def _on_item(request: web.Request, work: Work) -> object:
    """Run `work(session, handoff, advisor)` on the route's item, in one database session."""
    advisor = current_advisor(request)

    def run(session):
        handoff = handoffs.get_handoff(session, handoff_id(request))
        if handoff is None:
            raise web.HTTPNotFound(text="找不到这个会话。")
        return work(session, handoff, advisor)

    return await run_db(request, run)


def _require_open(handoff: Handoff) -> None:
    if handoff.status not in OPEN_HANDOFF_STATUSES:
        raise Refused("finished")


def _require_mine_or_free(handoff: Handoff, advisor: SessionInfo) -> None:
    if handoff.status == "active" and handoff.taken_by not in (None, advisor.advisor_id):
        raise Refused("taken_by_other")


def _take(session, handoff: Handoff, advisor: SessionInfo) -> None:
    handoffs.take_over(session, handoff, advisor.advisor_id)
    if not handoff.sender_id:  # a call-back: taking it means the advisor is calling the user now
        handoffs.mark_first_response(session, handoff)
    audit(session, advisor.advisor_id, "take", f"handoff:{handoff.id}")


def _target(handoff: Handoff) -> str:
    return f"handoff:{handoff.id}"


@action
async def take(request: web.Request) -> web.Response:
    def work(session, handoff, advisor):
        _require_open(handoff)
        _require_mine_or_free(handoff, advisor)
        if handoff.taken_by != advisor.advisor_id:
            _take(session, handoff, advisor)
        return "taken"

    return respond(request, await _on_item(request, work))


@action
async def reply(request: web.Request) -> web.Response:
    """The advisor's words to the user. A Traditional reader gets them converted (advisors type Simplified);
    the transcript keeps what the user saw. English and Simplified are sent as typed."""
    text = await _text_field(request, "empty_reply")

    def check(session, handoff, advisor):
        _require_open(handoff)
        if not handoff.sender_id:
            raise Refused("no_conversation")
        _require_mine_or_free(handoff, advisor)
        if handoff.status == "queued":  # replying is taking over
            _take(session, handoff, advisor)
        return handoff.sender_id, to_script(text, conversation_language(session, handoff.sender_id))

    sender_id, shown = await _on_item(request, check)
    advisor = current_advisor(request)
    sent = await call_gateway(request, lambda gateway: gateway.deliver(
        sender_id, [{"text": shown}], role="advisor", advisor_id=advisor.advisor_id))
    if not sent:
        raise Refused("delivery_failed")

    def record(session, handoff, advisor):
        handoffs.mark_first_response(session, handoff)
        audit(session, advisor.advisor_id, "reply", _target(handoff), f"{len(text)} characters")
        return "replied"

    return respond(request, await _on_item(request, record))


@action
async def return_to_bot(request: web.Request) -> web.Response:
    return await _finish(request, "returned", "return")


@action
async def close(request: web.Request) -> web.Response:
    """Closing also resumes the bot: a paused conversation must never be left without anyone answering."""
    return await _finish(request, "closed", "close", "advisor_closed")


async def _finish(request: web.Request, status: str, action: str, farewell: str = "") -> web.Response:
    """`farewell`: the key of what the user reads (bot.gateway.texts, in the user's language); the bot
    then says what it can do next."""
    def work(session, handoff, advisor):
        _require_open(handoff)
        handoffs.finish(session, handoff, status)
        audit(session, advisor.advisor_id, action, _target(handoff))
        if handoff.kind not in handoffs.CONVERSATION_KINDS or not handoff.sender_id:
            return None, ""
        language = conversation_language(session, handoff.sender_id)
        return handoff.sender_id, user_texts.text(farewell, language) if farewell else ""

    sender_id, farewell_text = await _on_item(request, work)
    code = status
    if sender_id:
        async def resume(gateway):
            if farewell_text:
                await gateway.deliver(sender_id, [{"text": farewell_text}], role="system")
            await gateway.return_to_bot(sender_id)

        if not await call_gateway(request, resume):
            code = "bot_unavailable"
    return respond(request, code)


@action
async def add_note(request: web.Request) -> web.Response:
    text = await _text_field(request, "empty_note")

    def work(session, handoff, advisor):
        note = handoffs.add_note(session, handoff, advisor.advisor_id, text)
        audit(session, advisor.advisor_id, "note", _target(handoff), f"note:{note.id}")
        return "noted"

    return respond(request, await _on_item(request, work))


@action
async def attach_file(request: web.Request) -> web.Response:
    """Put a file the user sent during the hand-off on one of their claims, with the bot's checks; tell the user."""
    case, code = await attach.read_form(request)
    message_id = row_id(request.match_info["message_id"])

    def work(session, handoff, advisor):
        _require_open(handoff)
        _require_mine_or_free(handoff, advisor)
        result, told = attach.attach(session, handoff, advisor.advisor_id, message_id, case, code)
        return result, handoff.sender_id, told

    result, sender_id, told = await _on_item(request, work)
    advisor = current_advisor(request)
    if told and not await call_gateway(request, lambda gateway: gateway.deliver(
            sender_id, [{"text": told}], role="advisor", advisor_id=advisor.advisor_id)):
        result = "file_attached_not_told"
    return respond(request, result)


@action
async def assign(request: web.Request) -> web.Response:
    """Give the item to another advisor (or to oneself), e.g. at the end of a shift; audited. A user
    whose advisor changes is told in their language."""
    chosen = str((await request.post()).get("advisor_id", "")).strip()

    def work(session, handoff, advisor):
        _require_open(handoff)
        target = session.get(Advisor, row_id(chosen)) if ADVISOR_ID.fullmatch(chosen) else None
        if target is None or not target.active:
            raise Refused("unknown_advisor")
        if handoff.taken_by == target.id:
            raise Refused("already_theirs")
        before = advisor_names(session).get(handoff.taken_by) if handoff.taken_by else None
        handoffs.take_over(session, handoff, target.id)
        audit(session, advisor.advisor_id, "assign", _target(handoff), f"{before or '排队中'} → {target.display_name}")
        if before is None or not handoff.sender_id or handoff.kind not in handoffs.CONVERSATION_KINDS:
            return handoff.sender_id, ""
        return handoff.sender_id, user_texts.text("advisor_changed", conversation_language(session, handoff.sender_id))

    sender_id, told = await _on_item(request, work)
    if told and not await call_gateway(request, lambda gateway: gateway.deliver(
            sender_id, [{"text": told}], role="system")):
        return respond(request, "assigned_not_told")
    return respond(request, "assigned")


async def _text_field(request: web.Request, empty_code: str) -> str:
    text = str((await request.post()).get("text", "")).strip()
    if not text:
        raise Refused(empty_code)
    return text


async def call_gateway(request: web.Request, call: Callable[[object], Awaitable[object]]) -> bool:
    """Run a call on the gateway; False (logged) when it fails, so the advisor sees a message, not a 500."""
    try:
        await call(request.config_dict["gateway"])
    except Exception:  # noqa: BLE001 - Rasa down, a channel error ...: the advisor is told and can retry
        log.exception("gateway call from the advisor console failed (%s)", request.path)
        return False
    return True


def respond(request: web.Request, code: str, item_id: Optional[int] = None) -> web.Response:
    ok, text = FLASH[code]
    if wants_json(request):
        return web.json_response({"ok": ok, "code": code, "message": text}, status=200 if ok else 409)
    item_id = item_id if item_id is not None else handoff_id(request)
    url = request.app.router["handoff"].url_for(id=str(item_id)).with_query(msg=code)
    raise web.HTTPSeeOther(url)
