"""Elderly mode ("simple mode" in English): one thing at a time, choices by number, plain words."""
from __future__ import annotations

from typing import Dict, List

from actions.texts.general import Button

# --- elderly mode ------------------------------------------------------------------------------
ELDERLY_ON = "好的，已为您打开长辈模式：我每次只说一件事、只问一个问题，有选项时回复数字就可以。"
ELDERLY_ON_AUTO = ("为了方便您，已为您打开长辈模式：每次只说一件事，回复数字就能选。"
                   "不想打字的话，说“打电话给我”，顾问会给您回电。不需要长辈模式的话，说“关闭长辈模式”。")
ELDERLY_OFFER = "不想打字的话，也可以让顾问打电话给您，或者现在就找真人顾问。"
ELDERLY_OFFER_BUTTONS: List[Button] = [
    {"title": "请顾问给我回电话", "payload": "/request_callback"},
    {"title": "现在找真人顾问", "payload": "/request_human"},
    {"title": "我自己来，继续", "payload": "/help"},
]
ELDERLY_OFF = "好的，已关闭长辈模式。需要时说“长辈模式”就能再打开。"
ELDERLY_OFF_ALREADY = "现在就是普通模式。需要时说“长辈模式”就能打开。"
ELDERLY_STEP_DONE = "好的，这一项记下了。"
ELDERLY_STRUGGLE = "这一项不好填也没关系。可以请顾问打电话给您，帮您一起填。"
ELDERLY_STRUGGLE_BUTTONS: List[Button] = [
    {"title": "请顾问给我回电话", "payload": "/request_callback"},
    {"title": "找真人顾问", "payload": "/request_human"},
]
ELDERLY_REPLY_DIGIT = "请回复数字{digits}，或直接点选。"
# Insurance words replaced by plain words in elderly mode (the term stays in brackets the first time).
PLAIN_WORDS: Dict[str, str] = {
    "免赔额": "自己先承担的那部分钱",
    "等待期": "保单刚生效、还不能赔的那段日子",
    "赔付比例": "能报销的比例",
    "报销比例": "能报销的比例",
    "既往症": "投保前就有的病",
    "保额": "最多能赔的钱",
    "被保险人": "受保障的人",
    "投保人": "买保险的人",
    "出险": "生病或受伤",
    "核定": "审核",
    "理赔申请书": "理赔申请表",
    "社保目录外": "医保不报的",
    "社保": "医保",
}
NUMBER_NOT_OFFERED = "刚才没有可以选的选项。请直接告诉我您想办的事。"
NUMBER_OUT_OF_RANGE = "没有第{number}项，请回复{digits}中的一个数字。"
