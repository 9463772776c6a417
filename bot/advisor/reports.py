"""The metrics page (the audit log is in bot/advisor/audit.py)."""
from __future__ import annotations

from aiohttp import web

from bot import clock
from bot.advisor import labels
from bot.advisor.charts import bar_chart
from bot.advisor.db import run_db
from bot.advisor.render import render
from bot.claims.money import yuan
from bot.store.metrics import Summary, summary


async def metrics_page(request: web.Request) -> web.Response:
    figures = await run_db(request, lambda session: summary(session, clock.now()))
    return render(request, "metrics.html", {"nav": "metrics", "figures": _figures(figures), "charts": _charts(figures)})


def _figures(figures: Summary) -> list[dict]:
    """The five headline figures with a line saying what each counts."""
    won = (f"{figures.disputes_won} / {figures.disputes_decided}" if figures.disputes_decided else "—")
    share = figures.sla_share
    return [
        {"id": "cases-served", "label": "已服务案件", "value": str(figures.cases_served),
         "hint": "顾问接手或回复过的会话（回电按理赔案件计）"},
        {"id": "amount-recovered", "label": "申诉追回金额", "value": yuan(figures.amount_recovered),
         "hint": "改判和部分改判的申诉追回的赔款合计"},
        {"id": "disputes-won", "label": "申诉成功", "value": won,
         "hint": "改判或部分改判 / 已有结果的申诉"},
        {"id": "median-first-response", "label": "首次响应时间（中位数）",
         "value": labels.duration(figures.median_first_response), "hint": "从转人工到顾问第一次回复"},
        {"id": "sla-met", "label": "按时响应率",
         "value": "—" if share is None else f"{share * 100:.0f}%",
         "hint": f"在承诺时间内首次响应 {figures.sla_met} / {figures.sla_counted}（已超时未响应的算未达标）"},
    ]


def _charts(figures: Summary) -> list:
    days = [(f"{d.day.month}/{d.day.day}", d) for d in figures.days]
    per_day = bar_chart("每日转人工数量", "件", [(label, float(d.handoffs)) for label, d in days])
    response = bar_chart("每日首次响应时间（中位数）", "分钟", [
        (label, None if d.median_first_response is None else round(d.median_first_response.total_seconds() / 60, 1))
        for label, d in days])
    return [per_day, response]
