"""The audit page (操作日志): filters, paging, hints for bad input, and the CSV export."""
from __future__ import annotations

import csv
import html
import io
import re
from datetime import datetime, timedelta
from typing import Optional

import pytest

from bot import clock
from bot.store.advisors import audit, audit_log, find_advisor
from bot.store.db import session_scope

ROW_RE = re.compile(r'<tr data-testid="audit-entry" data-entry-id="(\d+)" data-action="(\w+)">(.*?)</tr>', re.S)
CELL_RE = re.compile(r"<td>(.*?)</td>", re.S)


def _advisor_id(url: str, username: str) -> int:
    with session_scope(url) as session:
        return find_advisor(session, username).id


def _write(url: str, entries: list[tuple], at: Optional[datetime] = None) -> None:
    """(username or None, action, target, detail) entries, at `at` or the frozen now."""
    with session_scope(url) as session, clock.freeze(at or clock.now()):
        for username, action, target, detail in entries:
            audit(session, find_advisor(session, username).id if username else None, action, target, detail)


def _rows(text: str) -> list[tuple[str, str]]:
    """(action code, target) of each row shown, top to bottom."""
    return [(action, html.unescape(CELL_RE.findall(cells)[3])) for _, action, cells in ROW_RE.findall(text)]


def _href(text: str, testid: str) -> Optional[str]:
    found = re.search(rf'<a [^>]*href="([^"]*)"[^>]* data-testid="{testid}"', text)
    return html.unescape(found.group(1)) if found else None


def _hints(text: str) -> list[str]:
    return re.findall(r'data-testid="audit-hint">([^<]*)<', text)


async def _page(advisor, query: str = ""):
    response = await advisor.client.get("/advisor/audit" + query)
    assert response.status == 200
    return await response.text()


@pytest.fixture
def entries(console_url):
    """Besides wang.fang's login: take, note, an outcome with a case number, an unknown name's failed login."""
    _write(console_url, [
        ("wang.fang", "take", "handoff:3", ""),
        ("zhao.lei", "note", "handoff:31", ""),
        ("zhao.lei", "outcome", "dispute:1", "C-1001 改判"),
        (None, "login_failed", "advisor:nobody", "unknown username"),
    ])


async def test_the_form_has_labelled_filters_and_shows_what_was_chosen(advisor, entries, console_url):
    zhao = _advisor_id(console_url, "zhao.lei")
    text = await _page(advisor, f"?advisor={zhao}&action=note&q=handoff&from=2026-11-01&to=2026-11-24")
    for name in ("advisor", "action", "q", "from", "to"):
        assert f'<label for="audit-{name}">' in text and f'id="audit-{name}" name="{name}"' in text
    assert f'<option value="{zhao}" selected>赵磊</option>' in text and "<option value=\"\">全部</option>" in text
    assert '<option value="note" selected>添加备注</option>' in text
    assert 'value="handoff"' in text and 'value="2026-11-01"' in text and 'value="2026-11-24"' in text
    assert ">查询</button>" in text and _href(text, "audit-clear") == "/advisor/audit"
    assert _rows(text) == [("note", "handoff:31")] and "共 1 条" in text and _hints(text) == []


@pytest.mark.parametrize("query, shown", [
    ("", [("login_failed", "advisor:nobody"), ("outcome", "dispute:1"), ("note", "handoff:31"),
          ("take", "handoff:3"), ("login", "advisor:wang.fang")]),
    ("?advisor={wang}", [("take", "handoff:3"), ("login", "advisor:wang.fang")]),
    ("?action=take", [("take", "handoff:3")]),
    ("?q=HANDOFF:3", [("note", "handoff:31"), ("take", "handoff:3")]),
    ("?q=c-1001", [("outcome", "dispute:1")]),
    ("?q=%25", []),  # a literal %, which nothing holds
    ("?advisor={zhao}&q=handoff", [("note", "handoff:31")]),
])
async def test_filters(advisor, entries, console_url, query, shown):
    ids = {"wang": _advisor_id(console_url, "wang.fang"), "zhao": _advisor_id(console_url, "zhao.lei")}
    text = await _page(advisor, query.format(**ids))
    assert _rows(text) == shown and f"共 {len(shown)} 条" in text
    assert ("没有符合条件的记录。" in text) == (not shown)


async def test_dates_are_local_days_and_times_show_date_and_seconds(advisor, console_url):
    _write(console_url, [(None, "note", "early", "")], datetime(2025, 11, 23, 23, 59, 59))
    _write(console_url, [(None, "note", "late", "")], datetime(2025, 11, 24, 0, 0, 1))
    text = await _page(advisor, "?from=2025-11-23&to=2025-11-23")
    assert _rows(text) == [("note", "early")]
    assert '<time datetime="2025-11-23T23:59:59+08:00">2025-11-23 23:59:59</time>' in text
    assert _rows(await _page(advisor, "?from=2025-11-24&to=2025-11-24")) == [("note", "late")]


async def test_fifty_rows_a_page_with_links_older_and_back(advisor, console_url):
    _write(console_url, [("zhao.lei", "reply", f"handoff:{n}", "") for n in range(60)])
    _write(console_url, [("zhao.lei", "note", "handoff:99", "")])  # filtered out below
    first = await _page(advisor, "?action=reply&q=handoff")
    rows = ROW_RE.findall(first)
    assert len(rows) == 50 and "共 60 条" in first and _href(first, "audit-newest") is None
    older = _href(first, "audit-older")
    assert older == f"/advisor/audit?action=reply&q=handoff&before={min(int(i) for i, _, _ in rows)}"

    second = await _page(advisor, older.removeprefix("/advisor/audit"))
    assert [target for _, target in _rows(second)] == [f"handoff:{n}" for n in range(9, -1, -1)]
    assert "共 60 条" in second and _href(second, "audit-older") is None
    assert _href(second, "audit-newest") == "/advisor/audit?action=reply&q=handoff"


async def test_exactly_fifty_rows_have_no_older_link(advisor, console_url):
    _write(console_url, [(None, "reply", f"handoff:{n}", "") for n in range(49)])  # + the login: 50
    text = await _page(advisor)
    assert len(ROW_RE.findall(text)) == 50 and _href(text, "audit-older") is None
    assert 'data-testid="audit-pager"' not in text


@pytest.mark.parametrize("query, hint", [
    ("?from=2026-13-01", "开始日期格式不对"),
    ("?to=yesterday", "结束日期格式不对"),
    ("?from=0001-01-01", "开始日期格式不对"),
    ("?to=9999-12-31", "结束日期格式不对"),
    ("?from=2026-11-24&to=2026-11-01", "开始日期晚于结束日期，已忽略日期条件。"),
    ("?advisor=abc", "没有这位顾问，已忽略顾问条件。"),
    ("?advisor=%C2%B2", "没有这位顾问"),  # "²": a digit to str.isdigit, not to int()
    ("?advisor=999999", "没有这位顾问"),
    ("?action=drop_table", "没有这种操作，已忽略操作条件。"),
    ("?before=abc", "翻页参数不对，已显示最新的记录。"),
    ("?before=-5", "翻页参数不对"),
])
async def test_bad_input_is_ignored_with_a_hint(advisor, entries, query, hint):
    text = await _page(advisor, query)
    assert len(_hints(text)) == 1 and hint in _hints(text)[0]
    assert len(_rows(text)) == 5 and "共 5 条" in text  # the filter was ignored
    assert 'selected>' not in text.replace('<option value="" selected>', "")  # and is not shown as chosen


@pytest.mark.parametrize("query", ["?q=%00", "?q=%5C", "?before=" + "9" * 30, "?advisor=" + "9" * 30])
async def test_odd_but_harmless_input_gives_a_page(advisor, entries, query):
    await _page(advisor, query)


async def test_csv_export_has_the_filtered_rows_in_excel_friendly_utf8(advisor, entries, console_url):
    _write(console_url, [("zhao.lei", "note", "=HYPERLINK(\"http://evil.example\")", "写了\"引号\", 逗号")])
    page = await _page(advisor, "?action=note")
    assert _href(page, "audit-csv") == "/advisor/audit.csv?action=note"

    response = await advisor.client.get("/advisor/audit.csv?action=note")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="audit-20261124.csv"'
    body = await response.read()
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM: Excel then reads UTF-8
    rows = list(csv.reader(io.StringIO(body[3:].decode("utf-8"))))
    assert rows == [
        ["时间", "顾问", "操作", "对象", "详情"],
        ["2026-11-24 10:00:00", "赵磊", "添加备注", "'=HYPERLINK(\"http://evil.example\")", "写了\"引号\", 逗号"],
        ["2026-11-24 10:00:00", "赵磊", "添加备注", "handoff:31", ""],
    ]
    with session_scope(console_url) as session:
        export = audit_log(session, 1)[0]
        assert (export.action, export.target, export.detail) == (
            "export_audit", "audit_log", "filters: action=note; rows: 2 of 2")
        assert export.advisor_id == find_advisor(session, "wang.fang").id
    assert _rows(await _page(advisor, "?action=export_audit")) == [("export_audit", "audit_log")]
    assert "<td>导出操作日志</td>" in await _page(advisor)


async def test_csv_export_without_filters_ignores_bad_ones(advisor, entries, console_url):
    response = await advisor.client.get("/advisor/audit.csv?from=nonsense&action=nope")
    assert response.status == 200
    assert len(list(csv.reader(io.StringIO((await response.text()).lstrip("\ufeff"))))) == 1 + 5
    with session_scope(console_url) as session:
        assert audit_log(session, 1)[0].detail == "filters: none; rows: 5 of 5"


async def test_csv_export_needs_a_live_session(client, advisor, frozen_clock, console_url):
    with clock.freeze(frozen_clock + timedelta(hours=8)):  # the session has expired
        expired = await advisor.client.get("/advisor/audit.csv", allow_redirects=False)
    assert expired.status == 302 and expired.headers["Location"].startswith("/advisor/login?next=")
    advisor.client.session.cookie_jar.clear()
    anonymous = await client.get("/advisor/audit.csv", allow_redirects=False)
    assert anonymous.status == 302 and "时间" not in await anonymous.text()
    with session_scope(console_url) as session:
        assert "export_audit" not in [entry.action for entry in audit_log(session)]
