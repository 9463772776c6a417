"""Chinese labels and small formatters for the console's pages."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Optional

from bot import clock

KINDS = {"handoff": "人工接入", "dispute": "申诉", "callback": "回电"}
REASONS = {
    "request_human": "用户要求人工",
    "dispute": "对理赔决定有异议",
    "fallback": "机器人连续没听懂",
    "form_failures": "多次填写失败",
    "elderly": "老年用户",
    "complaint": "投诉",
    "verification_failed": "身份核实失败",
    "overdue_claim": "理赔超期",
    "callback": "预约回电",
    "other": "其他",
}
STATUSES = {"queued": "排队中", "active": "处理中", "returned": "已交回机器人", "closed": "已结束"}
PRIORITIES = {1: "优先", 2: "普通", 3: "回电"}
ROLES = {"user": "用户", "bot": "机器人", "advisor": "顾问", "system": "系统"}
# The user's language (bot.i18n.LANGUAGE_NAMES: each in its own script) and what the advisor should do about it.
LANGUAGE_FIXED = "（用户指定）"
LANGUAGE_HINTS = {"en": "用户使用英文，请用英文回复。", "zh-Hant": "用户使用繁体中文：您的回复会自动转成繁体，用简体输入即可。"}
DISPUTE_STATUSES = {
    "opened": "已受理", "with_insurer": "已提交保险公司", "upheld": "维持原决定",
    "overturned": "改判赔付", "partly_overturned": "部分改判", "withdrawn": "已撤回",
}
OUTCOMES = {"upheld": "维持原决定（未改判）", "overturned": "改判，全额赔付", "partly_overturned": "部分改判"}
AUDIT_ACTIONS = {
    "login": "登录", "login_failed": "登录失败", "lockout": "账户锁定", "login_refused_locked": "锁定期间尝试登录",
    "logout": "退出登录", "take": "接手", "reply": "回复用户", "return": "交回机器人", "close": "结束会话",
    "note": "添加备注", "outcome": "记录申诉结果", "with_insurer": "申诉已提交保险公司",
    "callback_done": "已回电", "reveal_phone": "显示完整号码", "view_document": "查看材料", "view_upload": "查看用户发来的文件",
    "mailing_status": "更新保单邮寄状态", "mailing_cancel": "取消保单邮寄", "attach_upload": "把用户发来的文件收进案件", "assign": "转交给其他顾问",
    "verify_customer": "替机器人核实用户身份",
    "advisor_created": "新建顾问账户（命令行）", "unlock": "解锁账户（命令行）",
    "export_audit": "导出操作日志",
}


def local(moment: Optional[datetime]) -> Optional[datetime]:
    return moment.astimezone(clock.tz()) if moment else None


def clock_time(moment: Optional[datetime]) -> str:
    """"10:05" today, "11月23日 10:05" on other days."""
    if moment is None:
        return ""
    moment = local(moment)
    if moment.date() == clock.today():
        return moment.strftime("%H:%M")
    return f"{moment.month}月{moment.day}日 {moment:%H:%M}"


def full_time(moment: datetime) -> str:
    """"2026-11-23 10:05:03" (local time): unambiguous across days and years."""
    return f"{local(moment):%Y-%m-%d %H:%M:%S}"


def days_since(moment: datetime) -> str:
    """Calendar days from `moment` to today (local time): "今天", "3天"."""
    days = (clock.today() - local(moment).date()).days
    return "今天" if days <= 0 else f"{days}天"


def duration(span: Optional[timedelta]) -> str:
    """"45秒", "5分钟", "2小时5分钟"; "—" when unknown."""
    if span is None:
        return "—"
    seconds = int(span.total_seconds())
    if seconds < 60:
        return f"{seconds}秒"
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours}小时{minutes}分钟" if hours else f"{minutes}分钟"
