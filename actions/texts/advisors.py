"""Human advisors: the hand-off, the return to the bot, and call-backs."""
from __future__ import annotations

from typing import List

from actions.texts.general import Button, _choice

# --- human advisors: hand-off, return to the bot, call-backs ------------------------------
HANDOFF_INTROS = {
    "request_human": "好的，我这就请真人理赔顾问来帮您。",
    "complaint": "非常抱歉给您带来了不好的体验。您的意见我们很重视，已请理赔顾问优先处理。",
    "elderly": "好的，我请理赔顾问一对一帮您，会优先安排，您慢慢说就行。",
    "fallback": "抱歉，我一直没弄明白您的意思，我请真人理赔顾问来帮您。",
    "form_failures": "这一项好像不太好填，我请真人理赔顾问来帮您。您已经填好的内容都保留着。",
    "verification_failed": (
        "手机号和身份证后4位已连续3次对不上，为了安全我先不再继续核对。"
        "可能是当初投保时留的手机号不同，我已请真人理赔顾问帮您核实。"
    ),
    "dispute": "申诉已转给理赔顾问，会优先处理。",
}
HANDOFF_WAIT = "顾问的回复会直接发到这里，请不要关闭对话。预计等待：{wait}。"
HANDOFF_CLOSED = "{wait}。顾问的回复会直接发到这里。"
CALLBACK_OFFER = "如果不方便等，也可以预约顾问回电。"
CALLBACK_BUTTON: Button = {"title": "预约顾问回电", "payload": "/request_callback"}
BACK_TO_BOT = "顾问已把对话交回给我，有需要随时找我。"
VERIFIED_BY_ADVISOR = "顾问已帮您核实了身份，接下来不用再验证，可以直接办理。"
CONTINUE_FORM = {
    "claim_report_form": ("刚才报案填写的内容还保留着，需要的话可以接着办。", {"title": "接着报案", "payload": "/report_claim"}),
    "family_policy_form": ("刚才登记家人保单填写的内容还保留着。", {"title": "接着添加保单", "payload": "/add_family_policy"}),
    "dispute_form": ("刚才申诉填写的内容还保留着。", {"title": "接着申诉", "payload": "/dispute_decision"}),
}
CALLBACK_MOVED = "已为您取消排队等候，改为顾问回电。"

# --- call-backs --------------------------------------------------------------------------------
CB_DEFAULT_PHONE = "就打 {mobile} 可以吗？"
CB_DEFAULT_PHONE_BUTTONS: List[Button] = [_choice("可以，就打这个", "default_phone"), _choice("换一个号码", "other_phone")]
CB_ASK_PHONE = "请告诉我顾问打哪个电话找您？手机号，或带区号的座机（例如 010-12345678）。"
CB_ASK_WINDOW = "您希望顾问什么时候打来？"
CB_WINDOW_BUTTONS: List[Button] = [_choice("上午", "morning"), _choice("下午", "afternoon"), _choice("都可以", "any")]
CB_WINDOW_UNCLEAR = "请选上午、下午，或者都可以。"
CB_ASK_TOPIC = "想和顾问聊什么事？可以点下面的选项，也可以直接说。"
CB_TOPIC_BUTTONS: List[Button] = [
    _choice("理赔进度", "理赔进度"), _choice("材料", "理赔材料"), _choice("理赔结果", "理赔结果"), _choice("其他", "其他"),
]
CB_ACCOUNT_ONLY_AFTER_VERIFY = "顾问会先核对您的身份，再和您谈具体的保单和案件。"
CB_MANAGE = "要怎么改？"
CB_MANAGE_BUTTONS: List[Button] = [
    {"title": "改成上午打", "payload": '/manage_callback{"choice":"morning"}'},
    {"title": "改成下午打", "payload": '/manage_callback{"choice":"afternoon"}'},
    {"title": "换一个号码", "payload": '/request_callback{"choice":"other_phone"}'},
    {"title": "取消回电", "payload": '/manage_callback{"choice":"cancel"}'},
]
CB_UPDATE_EXISTING = "您已经预约过回电，这次填的会更新原来的预约。"
CB_CHANGE_HINT = "\n想改时间、换号码或取消，跟我说“改回电”或“取消回电”就行。"
CB_AFTER_FORM = "先把手上的事办完，之后说“预约回电”，我帮您约顾问打电话。"
CB_FORM_CANCELLED = "好的，这次不约回电了。需要时随时说“预约回电”。"

# --- moved from the actions (call-backs) ----------------------------------------------------------
CB_CONTINUE_TOPIC = "接着办：{form}"
