"""The queue page: open hand-offs, disputes and call-backs, the most urgent first."""
from __future__ import annotations

from aiohttp import web

from bot import clock
from bot.advisor.db import run_db
from bot.advisor.present import queue_item
from bot.advisor.render import render
from bot.store import handoffs


async def queue_page(request: web.Request) -> web.Response:
    def load(session):
        now = clock.now()
        return [queue_item(handoff, now) for handoff in handoffs.queue(session)]  # priority, then SLA

    items = await run_db(request, load)
    return render(request, "queue.html", {"nav": "queue", "items": items, "overdue": sum(item["overdue"] for item in items)})
