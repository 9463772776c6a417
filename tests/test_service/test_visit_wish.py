"""The day and time a user asks for when booking a counter visit: read forward from today."""
from __future__ import annotations

from datetime import date, time

import pytest

from bot.claims.visit_wish import AFTER, AM, BEFORE, PM, VisitWish, wish_in
from bot.nlu.normalizer import normalize_text

TUESDAY = date(2026, 11, 24)


@pytest.mark.parametrize("text, wish", [
    ("我想约周三上午去", VisitWish(date(2026, 11, 25), AM)),
    ("帮我约一下明天去网点", VisitWish(date(2026, 11, 25))),
    ("后天可以吗", VisitWish(date(2026, 11, 26))),
    ("给我约个下午去柜台的时间", VisitWish(None, PM)),
    ("周一", VisitWish(date(2026, 11, 30))),  # this week's Monday has passed: next week's
    ("这周二下午", VisitWish(date(2026, 11, 24), PM)),
    ("下周五下午两点", VisitWish(date(2026, 12, 4), PM, time(14, 0))),
    ("下下周一", VisitWish(date(2026, 12, 7))),
    ("12月3号上午10点半", VisitWish(date(2026, 12, 3), AM, time(10, 30))),
    ("十二月一日九点", VisitWish(date(2026, 12, 1), AM, time(9, 0))),
    ("11月20日", VisitWish(date(2027, 11, 20))),  # passed this year: next year's
    ("能约12/4吗", VisitWish(date(2026, 12, 4))),
    ("3号", VisitWish(date(2026, 12, 3))),  # this month's 3rd has passed
    ("约这个月30号", VisitWish(date(2026, 11, 30))),
    ("下个月5号下午", VisitWish(date(2026, 12, 5), PM)),
    ("明年3月1号", VisitWish(date(2027, 3, 1))),
    ("2027年1月4日", VisitWish(date(2027, 1, 4))),
    ("2点", VisitWish(None, PM, time(14, 0))),  # a bare 1-6 o'clock is in the afternoon
    ("上午9:30", VisitWish(None, AM, time(9, 30))),
    ("約後天下午3點", VisitWish(date(2026, 11, 26), PM, time(15, 0))),  # Traditional, normalised first
    ("週四上午十點一刻", VisitWish(date(2026, 11, 26), AM, time(10, 15))),
    ("周四十点半", VisitWish(date(2026, 11, 26), AM, time(10, 30))),  # 四 is the day's, not part of 四十
    ("next Friday at 2pm", VisitWish(date(2026, 12, 4), PM, time(14, 0))),
    ("tomorrow morning", VisitWish(date(2026, 11, 25), AM)),
    ("Dec 3 at 10:30", VisitWish(date(2026, 12, 3), AM, time(10, 30))),
    ("on the 3rd of December", VisitWish(date(2026, 12, 3))),
    ("Monday afternoon", VisitWish(date(2026, 11, 30), PM)),
    # ranges of days, the second read forward from the first
    ("周三到周五", VisitWish(date(2026, 11, 25), until=date(2026, 11, 27))),
    ("下周三到周五下午", VisitWish(date(2026, 12, 2), PM, until=date(2026, 12, 4))),
    ("周五至下周一", VisitWish(date(2026, 11, 27), until=date(2026, 11, 30))),
    ("12月3号至5号", VisitWish(date(2026, 12, 3), until=date(2026, 12, 5))),
    ("Wednesday to Friday", VisitWish(date(2026, 11, 25), until=date(2026, 11, 27))),
    ("帮我约周四到店", VisitWish(date(2026, 11, 26))),  # 到 with no day after it: one day
    ("明天到明年3月1号", VisitWish(date(2026, 11, 25))),  # past MAX_RANGE_DAYS: a slip, the first day
    # limits: every slot on that side of the time
    ("周四下午三点以后", VisitWish(date(2026, 11, 26), PM, time(15, 0), bound=AFTER)),
    ("十点后", VisitWish(None, None, time(10, 0), bound=AFTER)),
    ("上午十点前", VisitWish(None, AM, time(10, 0), bound=BEFORE)),
    ("next Monday after 3pm", VisitWish(date(2026, 11, 30), None, time(15, 0), bound=AFTER)),
    ("before 11am on Friday", VisitWish(date(2026, 11, 27), None, time(11, 0), bound=BEFORE)),
    # ranges of times: a window from the start on, before the end (bound AFTER, end)
    ("十点到十一点", VisitWish(None, None, time(10, 0), bound=AFTER, end=time(11, 0))),
    ("上午10点到11点之间", VisitWish(None, AM, time(10, 0), bound=AFTER, end=time(11, 0))),
    ("10点-11点", VisitWish(None, None, time(10, 0), bound=AFTER, end=time(11, 0))),
    ("10-11点", VisitWish(None, None, time(10, 0), bound=AFTER, end=time(11, 0))),
    ("10：00～11：00", VisitWish(None, None, time(10, 0), bound=AFTER, end=time(11, 0))),  # full-width
    ("下午两点至四点", VisitWish(None, PM, time(14, 0), bound=AFTER, end=time(16, 0))),
    ("周四下午2点到3点半", VisitWish(date(2026, 11, 26), PM, time(14, 0), bound=AFTER, end=time(15, 30))),
    ("週四上午十點到十一點", VisitWish(date(2026, 11, 26), AM, time(10, 0), bound=AFTER, end=time(11, 0))),
    ("三点到四点", VisitWish(None, None, time(15, 0), bound=AFTER, end=time(16, 0))),  # bare 1-6: afternoon
    ("十二点到两点", VisitWish(None, None, time(12, 0), bound=AFTER, end=time(14, 0))),
    ("上午11点到1点", VisitWish(None, None, time(11, 0), bound=AFTER, end=time(13, 0))),  # spans noon: no part
    ("10点到下午3点", VisitWish(None, None, time(10, 0), bound=AFTER, end=time(15, 0))),
    ("十一点到十点", VisitWish(None, None, time(10, 0), bound=AFTER, end=time(11, 0))),  # backwards: swapped
    ("十点到十点", VisitWish(None, AM, time(10, 0))),  # no range: the time
    ("十点以后十一点以前", VisitWish(None, None, time(10, 0), bound=AFTER, end=time(11, 0))),
    ("周三到周五下午两点到四点",
     VisitWish(date(2026, 11, 25), PM, time(14, 0), date(2026, 11, 27), AFTER, time(16, 0))),
    ("周三到周五下午两点以后", VisitWish(date(2026, 11, 25), PM, time(14, 0), date(2026, 11, 27), AFTER)),
    ("12月3号10点到11点", VisitWish(date(2026, 12, 3), None, time(10, 0), bound=AFTER, end=time(11, 0))),
    ("between 10 and 11am", VisitWish(None, None, time(10, 0), bound=AFTER, end=time(11, 0))),
    ("from 2 to 4pm", VisitWish(None, None, time(14, 0), bound=AFTER, end=time(16, 0))),
    ("10-11am", VisitWish(None, None, time(10, 0), bound=AFTER, end=time(11, 0))),
    ("11-1pm", VisitWish(None, None, time(11, 0), bound=AFTER, end=time(13, 0))),
    ("Thursday 10:00 - 11:30", VisitWish(date(2026, 11, 26), None, time(10, 0), bound=AFTER, end=time(11, 30))),
    ("between 10 and 11 in the morning on Friday",
     VisitWish(date(2026, 11, 27), AM, time(10, 0), bound=AFTER, end=time(11, 0))),
    ("Wednesday to Friday from 2 to 4pm",
     VisitWish(date(2026, 11, 25), None, time(14, 0), date(2026, 11, 27), AFTER, time(16, 0))),
    ("after 10 and before 11am", VisitWish(None, None, time(10, 0), bound=AFTER, end=time(11, 0))),
    ("Dec 3 to 5", VisitWish(date(2026, 12, 3))),  # days, not times
    ("from 3 to 5 Dec", VisitWish(date(2026, 12, 5))),
    # a day turned down, another named after it
    ("周四不行，周五呢", VisitWish(date(2026, 11, 27))),
    ("不要周四，周五下午吧", VisitWish(date(2026, 11, 27), PM)),
    ("那改成周五吧", VisitWish(date(2026, 11, 27))),
    ("not Thursday, Friday afternoon", VisitWish(date(2026, 11, 27), PM)),
])
def test_a_wish_reads_forward_from_today(text, wish):
    assert wish_in(normalize_text(text), TUESDAY) == wish


@pytest.mark.parametrize("text", ["预约到店时间", "柜台预约", "/book_appointment", "我手机号码是138", "this month",
                                  "book a visit", "2月30日", "13号码", "我周四来不了", "周四不行，周五也不行",
                                  "电话13800138000", "赔了1000-2000元", "保额10到20万", "3到5天", "1-2 weeks",
                                  "call 138-0013-8000", "between 10 and 20 dollars", "between 2 and 3 hours"])
def test_words_without_a_day_or_time_ask_for_nothing(text):
    assert not wish_in(normalize_text(text), TUESDAY)
