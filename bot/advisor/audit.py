"""The audit log (操作日志): filters in the query string, keyset paging and the CSV export.

A filter that cannot be read (a bad date, an unknown advisor or action, a
start after the end) is ignored and the page says so; nothing here answers 500
to what a URL says. The export takes the same filters and is itself audited.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping, Optional

from aiohttp import web

from bot import clock
from bot.advisor import labels
from bot.advisor.db import run_db
from bot.advisor.present import advisor_names
from bot.advisor.render import render
from bot.advisor.security import current_advisor
from bot.store.advisors import AuditFilter, audit, audit_search
from bot.store.db import row_id
from bot.store.models import AuditEntry

PAGE_SIZE = 50
CSV_LIMIT = 100_000
CSV_COLUMNS = ["时间", "顾问", "操作", "对象", "详情"]
EARLIEST, LATEST = date(1970, 1, 1), date(9998, 12, 31)  # a day outside is a typo (and past datetime's range)
ID_RE = re.compile(r"[0-9]{1,30}")  # ASCII digits only: str.isdigit() accepts "²"

HINT_ADVISOR = "没有这位顾问，已忽略顾问条件。"
HINT_ACTION = "没有这种操作，已忽略操作条件。"
HINT_DATE = "{which}格式不对，已忽略（请用 年-月-日，例如 2026-11-23）。"
HINT_DATE_ORDER = "开始日期晚于结束日期，已忽略日期条件。"
HINT_BEFORE = "翻页参数不对，已显示最新的记录。"


@dataclass
class AuditQuery:
    """The filters read from a query string, with what had to be ignored."""

    where: AuditFilter = field(default_factory=AuditFilter)
    before: Optional[int] = None
    form: dict[str, str] = field(default_factory=dict)  # the filters in force, as the form and links carry them
    hints: list[str] = field(default_factory=list)  # Chinese, one per ignored parameter


def read_query(query: Mapping[str, str], names: dict[int, str]) -> AuditQuery:
    """The audit filters of `query`; `names`: the advisors (id → display name) one may pick."""
    asked = AuditQuery()
    advisor = query.get("advisor", "").strip()
    advisor_id = row_id(advisor) if ID_RE.fullmatch(advisor) else None
    if advisor and advisor_id not in names:
        asked.hints.append(HINT_ADVISOR)
        advisor_id = None
    action = query.get("action", "").strip()
    if action and action not in labels.AUDIT_ACTIONS:
        asked.hints.append(HINT_ACTION)
        action = ""
    text = query.get("q", "").strip()
    date_from = _day(query, "from", "开始日期", asked.hints)
    date_to = _day(query, "to", "结束日期", asked.hints)
    if date_from and date_to and date_from > date_to:
        asked.hints.append(HINT_DATE_ORDER)
        date_from = date_to = None
    before = query.get("before", "").strip()
    if before and not ID_RE.fullmatch(before):
        asked.hints.append(HINT_BEFORE)
    asked.before = row_id(before) if ID_RE.fullmatch(before) else None
    asked.where = AuditFilter(advisor_id=advisor_id, action=action, text=text, date_from=date_from, date_to=date_to)
    asked.form = {"advisor": "" if advisor_id is None else str(advisor_id), "action": action, "q": text,
                  "from": date_from.isoformat() if date_from else "", "to": date_to.isoformat() if date_to else ""}
    return asked


def _day(query: Mapping[str, str], name: str, which: str, hints: list[str]) -> Optional[date]:
    text = query.get(name, "").strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or not EARLIEST <= day <= LATEST:
        hints.append(HINT_DATE.format(which=which))
        return None
    return day


def entry_row(entry: AuditEntry, names: dict[int, str]) -> dict:
    """One line of the page and of the CSV."""
    return {"id": entry.id, "time": labels.full_time(entry.at), "at": entry.at.isoformat(),
            "advisor": names.get(entry.advisor_id, "—"), "action_code": entry.action,
            "action": labels.AUDIT_ACTIONS.get(entry.action, entry.action),
            "target": entry.target, "detail": entry.detail}


def _links(request: web.Request, asked: AuditQuery, older_than: Optional[int]) -> dict[str, str]:
    params = {name: value for name, value in asked.form.items() if value}
    page = request.app.router["audit"].url_for()
    return {
        "clear_url": str(page),
        "csv_url": str(request.app.router["audit_csv"].url_for().with_query(params)),
        "newest_url": str(page.with_query(params)) if asked.before is not None else "",
        "older_url": str(page.with_query({**params, "before": str(older_than)})) if older_than else "",
    }


async def audit_page(request: web.Request) -> web.Response:
    query = dict(request.query)

    def load(session):
        names = advisor_names(session)
        asked = read_query(query, names)
        found = audit_search(session, asked.where, asked.before, PAGE_SIZE)
        return names, asked, found.total, found.more, [entry_row(entry, names) for entry in found.entries]

    names, asked, total, more, rows = await run_db(request, load)
    return render(request, "audit.html", {
        "nav": "audit", "entries": rows, "total": total, "page_size": PAGE_SIZE, "form": asked.form,
        "hints": asked.hints,
        "advisors": sorted(names.items(), key=lambda item: (item[1], item[0])),
        "actions": list(labels.AUDIT_ACTIONS.items()),
        **_links(request, asked, rows[-1]["id"] if more else None),
    })


async def audit_csv(request: web.Request) -> web.Response:
    """Every matching entry (up to CSV_LIMIT), newest first, as UTF-8 CSV with a BOM (for Excel)."""
    query = dict(request.query)
    advisor = current_advisor(request)

    def export(session):
        names = advisor_names(session)
        asked = read_query(query, names)
        found = audit_search(session, asked.where, size=CSV_LIMIT)
        used = ", ".join(f"{name}={value}" for name, value in asked.form.items() if value) or "none"
        audit(session, advisor.advisor_id, "export_audit", "audit_log",
              f"filters: {used}; rows: {len(found.entries)} of {found.total}")
        return [entry_row(entry, names) for entry in found.entries]

    rows = await run_db(request, export)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    writer.writerows([row["time"], *(_cell(row[key]) for key in ("advisor", "action", "target", "detail"))]
                     for row in rows)
    return web.Response(body=("\ufeff" + buffer.getvalue()).encode("utf-8"), headers={
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": f'attachment; filename="audit-{clock.today():%Y%m%d}.csv"',
        "Cache-Control": "no-store",
    })


def _cell(text: str) -> str:
    """Text Excel must not run as a formula (a typed username lands in a target): a leading ' keeps it text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
