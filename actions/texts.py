"""What the assistant says from its actions: form questions and messages.

Kept in Python rather than domain responses because only actions send them
(Rasa's validator flags responses that no story uses) and because one
catalogue is easier to localise.
"""
from __future__ import annotations

import sys
from typing import Dict, List, Tuple

Button = Dict[str, str]

HOTLINE = "400-800-1234（工作日 9:00-18:00）"
GAP = ""  # between sentences joined in code (English puts a space)

NEED_IDENTITY = "为了保护您的个人信息，查看保单和理赔前需要先核实身份。"
ACTION_FAILED = "抱歉，系统刚才出了点问题，您刚才填写的内容都还在。请稍后再发一次，或说“转人工”。"
CLAIM_REPORT_CANCELLED = "好的，这次报案已取消，您填写的信息没有提交。需要时随时可以重新开始。"
ASK_REPHRASE = "抱歉，我没太明白。能换个说法再说一次吗？例如“我要报案”或“需要哪些材料”。"
DEFAULT_FALLBACK = "抱歉，我还是没弄明白您的意思。您可以换个说法，或者请真人顾问帮您。"

MENU = (
    "我可以帮您：\n1. 报案理赔（帮您申请）\n2. 查询理赔进度\n3. 看看需要准备哪些材料\n4. 解释保险公司的理赔结果\n"
    "请直接告诉我您想办的事，或点下面的按钮。"
)
MENU_BUTTONS: List[Button] = [
    {"title": "我要报案理赔", "payload": "/report_claim"},
    {"title": "查理赔进度", "payload": "/ask_claim_status"},
    {"title": "需要哪些材料", "payload": "/ask_required_documents"},
    {"title": "找人工顾问", "payload": "/request_human"},
]

HUMAN_BUTTON: Button = {"title": "转人工顾问", "payload": "/request_human"}
HELP_BUTTON: Button = {"title": "看看能做什么", "payload": "/help"}


def _inform(title: str, payload: str) -> Button:
    return {"title": title, "payload": f"/inform{payload}"}


def _choice(title: str, value: str) -> Button:
    """A button answering the form's current question (entity `choice`)."""
    return _inform(title, f'{{"choice":"{value}"}}')


PP_ASK_PROVINCE_TEXT = "寄到哪里？可以一次说完整地址，例如“北京市朝阳区建国路88号3号楼201”；也可以先说省（或直辖市）。"

# (form, slot) -> (question, buttons). A form asks its next question through
# the matching action_ask_<form>_<slot> (actions/form_questions.py).
FORM_QUESTIONS: Dict[Tuple[str, str], Tuple[str, List[Button]]] = {
    ("identity_form", "mobile"): ("请输入您在投保时留的手机号码（11位）。", []),
    ("identity_form", "id_last4"): ("请输入被保险人或投保人身份证号码的最后4位（最后一位是X的请输入X）。", []),
    ("claim_report_form", "incident_type"): (
        "这次是因为意外受伤，还是生病？",
        [_inform("意外受伤", '{"incident_type":"accident"}'), _inform("生病", '{"incident_type":"illness"}')],
    ),
    ("claim_report_form", "incident_date"): ("是哪一天发生（或开始就诊）的？可以说“昨天”、“11月3号”或“2026年11月3日”。", []),
    ("claim_report_form", "hospital"): ("在哪家医院就诊的？请告诉我医院全称，例如“北京朝阳医院”。", []),
    ("claim_report_form", "hospital_grade"): (
        "这家医院是什么性质和等级？不清楚也没关系，选“不清楚”即可。",
        [
            _inform("公立 三甲", '{"hospital_grade":"3A","hospital_ownership":"public"}'),
            _inform("公立 二级", '{"hospital_grade":"2","hospital_ownership":"public"}'),
            _inform("公立 一级/社区", '{"hospital_grade":"1","hospital_ownership":"public"}'),
            _inform("民营/私立医院", '{"hospital_ownership":"private"}'),
            _inform("不清楚", '{"hospital_grade":"unknown"}'),
        ],
    ),
    ("claim_report_form", "diagnosis"): ("医生的诊断或受伤情况是什么？例如“急性阑尾炎，做了手术”或“右手割伤，缝了针”。", []),
    ("claim_report_form", "claim_amount"): ("医疗费用一共大约多少钱？说个大概数也可以，例如“八千”或“13418元”。", []),
    ("family_policy_form", "fp_insurer"): ("这份保单是哪家保险公司承保的？电子保单抬头就有，例如“众安在线财产保险”。", []),
    ("family_policy_form", "fp_product"): ("产品名称是什么？例如“尊享e生2023版”。", []),
    ("family_policy_form", "fp_policy_number"): ("保单号是多少？在电子保单第一页，由字母和数字组成。", []),
    ("family_policy_form", "fp_insured_name"): ("被保险人（受保障的人）叫什么名字？", []),
    ("family_policy_form", "fp_relationship"): (
        "被保险人是您的什么人？",
        [_choice("本人", "self"), _choice("配偶", "spouse"), _choice("父母", "parent"), _choice("子女", "child")],
    ),
    ("family_policy_form", "fp_policy_type"): (
        "这是哪一类保险？",
        [_choice("医疗险", "medical"), _choice("意外险", "accident"), _choice("重疾险", "critical_illness"), _choice("其他", "other")],
    ),
    ("family_policy_form", "fp_start_date"): ("保单从哪天开始生效？例如“2026年3月1日”。", []),
    ("family_policy_form", "fp_end_date"): ("保障到哪天为止？一年期的一般是生效日一年后的前一天，例如“2027年2月28日”。", []),
    ("family_policy_form", "fp_deductible"): (
        "每年的免赔额是多少？不清楚可以点“不知道”跳过。",
        [_choice("没有免赔额", "0"), _choice("1万元", "10000"), _choice("不知道", "不知道")],
    ),
    ("family_policy_form", "fp_ratio"): (
        "用社保（医保）结算后，报销比例是多少？不清楚可以跳过。",
        [_choice("100%", "1.00"), _choice("80%", "0.80"), _choice("不知道", "不知道")],
    ),
    ("dispute_form", "dispute_statement"): (
        "请用您自己的话说说当时的经过，以及为什么觉得这个决定不合理。顾问会据此帮您写申诉书。", []),
    ("paper_policy_form", "pp_province"): (PP_ASK_PROVINCE_TEXT, []),
    ("paper_policy_form", "pp_city"): ("哪个城市？例如“杭州市”。", []),
    ("paper_policy_form", "pp_district"): ("哪个区或县？例如“西湖区”。", []),
    ("paper_policy_form", "pp_street"): ("详细地址是什么？街道、小区、楼号和门牌号，例如“文三路90号3号楼201”。", []),
    ("family_policy_form", "fp_hospital_requirement"): (
        "对就诊医院有什么要求？",
        [_choice("二级及以上公立医院", "public_grade2_plus"), _choice("不限医院", "any"), _choice("不知道", "不知道")],
    ),
}

# --- help review: materials, uploads, submission, status ------------------------------
HOW_TO_SEND = "直接把材料的照片或PDF发给我就行（网页聊天点📎，Telegram里直接发图片或文件，终端聊天输入 /file 文件路径）。一次发一份，拍清楚四个角。"
ASK_CLAIM_KIND = "您想了解哪一类理赔需要的材料？"
ALREADY_REPORTED_BUTTON: Button = {"title": "已报案，核对我的材料", "payload": "/ask_claim_status"}
GENERAL_CHECKLIST_NOTE = "已经报过案的话，核实身份后我可以按您的案件逐项核对：哪些收到了、还缺什么，一次说清。"
NO_CLAIMS = "您名下还没有理赔案件。需要的话我现在就帮您报案。"
REPORT_BUTTON: Button = {"title": "我要报案理赔", "payload": "/report_claim"}
CHOOSE_CLAIM = "您名下有{count}个案件，请问是哪一个？点下面的按钮，或回复序号、案件号都可以。"
READY_TO_SUBMIT = "必需材料已经齐全。确认后我们就把材料提交给保险公司。"
AFTER_VERIFICATION = "先完成身份核实，核实后我马上帮您{task}。"
AFTER_FORM = "先把{form}办完，然后我马上帮您{task}。"
BACK_TO_FORM = "我们接着刚才的事继续。"
TASK_NAMES = {
    "report_claim": "报案",
    "ask_claim_status": "查理赔进度",
    "upload_document": "收材料",
    "submit_claim": "提交材料",
    "explain_decision": "解读理赔结果",
    "ask_coverage": "解答保障问题",
    "add_family_policy": "添加家人保单",
    "dispute_decision": "申诉",
    "request_callback": "预约顾问回电",
    "book_appointment": "预约到店时间",
    "manage_appointment": "查看到店预约",
    "request_paper_policy": "申请纸质保单",
    "paper_policy_status": "查纸质保单寄到哪了",
}
FORM_NAMES = {"claim_report_form": "这次报案", "family_policy_form": "这份家人保单的登记", "dispute_form": "这次申诉",
              "callback_form": "回电预约", "paper_policy_form": "纸质保单的申请"}
FORM_TASKS = {"claim_report_form": "report_claim", "family_policy_form": "add_family_policy",
              "dispute_form": "dispute_decision", "callback_form": "request_callback",
              "paper_policy_form": "request_paper_policy"}
OVERDUE = "⚠ 保险公司已经超过时限：{basis}。我们可以请理赔顾问帮您催办。"

# --- help interpret ---------------------------------------------------------------------
NOT_DECIDED = "案件 {case} 保险公司还没有作出决定，出结果后我再逐项给您解释。现在可以先看看进度。"
FIGURES_DISAGREE = (
    "案件 {case} 保险公司记录的各项金额加起来和赔付金额对不上，我不能随便给您一个数。"
    "我请理赔顾问核对原始理赔通知书后给您逐项说明。"
)
NO_POLICIES = "您名下还没有保单记录。如果保单是在其他平台买的，可以先添加进来，我再帮您看保障。"
ADD_FAMILY_BUTTON: Button = {"title": "添加其他平台的保单", "payload": "/add_family_policy"}
ASK_COVERAGE_TOPIC = "您想了解保单的哪方面？也可以直接问，例如“私立医院看病能报吗”。"
COVERAGE_TOPIC_BUTTONS: List[Button] = [
    {"title": "免赔额还剩多少", "payload": "免赔额还剩多少"},
    {"title": "门诊能不能报", "payload": "门诊能报吗"},
    {"title": "私立医院能不能报", "payload": "私立医院看病能报吗"},
    {"title": "等待期过了没有", "payload": "等待期过了吗"},
    {"title": "保额还剩多少", "payload": "保额还剩多少"},
]
COVERAGE_UNKNOWN = "有些问题保单记录里查不到确切答案，我不会替保险公司下结论。需要的话，顾问可以对照完整条款帮您确认。"


def dispute_button(case_number: str) -> Button:
    return {"title": "我有异议，想申诉", "payload": f'/dispute_decision{{"case_number":"{case_number}"}}'}
FAMILY_POLICY_ADDED = (
    "已添加保单 {number}（标记为其他平台购买）。之后问保障、报案、查进度都可以用这份保单。"
    "保单里的免赔额、报销比例等条款如果没有填全，回答保障问题时我会说明哪些需要顾问核对。"
)

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

# --- help mediate: disputes -----------------------------------------------------------------
DISPUTE_GROUND_BUTTONS: List[Tuple[str, str]] = [
    ("emergency_admission", "急诊/120送医"),
    ("misapplied_clause", "条款适用有误"),
    ("wrong_amount", "金额算错"),
    ("waiting_period", "等待期算错"),
    ("pre_existing", "既往症认定有误"),
    ("other", "其他"),
]
DISPUTE_GROUNDS_DONE = "done"
ASK_DISPUTE_CASE = "您想对哪个案件的理赔结果提出申诉？"
NO_DISPUTABLE_CLAIMS = "您名下还没有保险公司已经作出决定的案件，暂时没有可以申诉的结果。如果对进度有疑问，我可以帮您查进度。"
ASK_DISPUTE_GROUNDS = "您觉得保险公司的决定哪里不对？可以多选，选好后点“完成”；也可以直接用一句话告诉我。"
DISPUTE_GROUNDS_PICKED = "已选：{picked}。还有别的理由吗？选好了点“完成”。"
DISPUTE_GROUNDS_UNCLEAR = "请点下面的按钮选择理由（可以多选），或者说“急诊”“条款”“金额”“等待期”“既往症”这样的关键词。"
DISPUTE_STATEMENT_TOO_SHORT = "请用您自己的话把经过和理由多说几句（至少{min}个字），比如“当时是120急救车把我送到这家医院的，我没法选医院”。顾问会据此帮您写申诉书。"
DISPUTE_STATEMENT_TOO_LONG = "说得很详细，谢谢！不过请控制在{max}字以内，把最重要的经过和理由说清楚就可以，其余的可以稍后告诉顾问。"
ASK_DISPUTE_EVIDENCE = "有能证明的材料吗？比如120急救出车记录、急诊病历、费用明细。" + HOW_TO_SEND + "没有的话点“跳过”。"
DISPUTE_EVIDENCE_RECEIVED = "申诉证据已收到：{names}。还有其他证据吗？发完了点“证据发完了”。"
DISPUTE_EVIDENCE_SKIP: Button = _choice("跳过", "skip")
DISPUTE_EVIDENCE_DONE: Button = _choice("证据发完了", "done")
DISPUTE_EVIDENCE_UNCLEAR = "请直接发送证据的照片或PDF；发完了点“证据发完了”，没有的话点“跳过”。"
DISPUTE_ALREADY_OPEN = "案件 {case} 已经在申诉中了，顾问正在跟进。如果想补充情况，可以说“转人工”直接告诉顾问。"
DISPUTE_NOT_DECIDED = "案件 {case} 保险公司还没有作出决定，等结果出来后，如果有异议再申诉。"
DISPUTE_CONFIRM_BUTTONS: List[Button] = [
    {"title": "确认提交申诉", "payload": "/affirm"},
    {"title": "重新填写理由", "payload": "/deny"},
    {"title": "不申诉了", "payload": "/cancel"},
]
DISPUTE_CONFIRM_UNCLEAR = "请点“确认提交申诉”，或点“重新填写理由”修改。"
DISPUTE_SUBMITTED = (
    "申诉已登记（案件 {case}）。接下来：理赔顾问会根据您的理由和证据整理申诉书，代您向保险公司提出，"
    "一般在1～2个工作日内提交；保险公司通常在收到申诉后15～30天内答复，有结果我们会第一时间在这里通知您。"
)
DISPUTE_CANCELLED = "好的，这次不申诉了，您填写的内容没有提交。之后想申诉，随时说“我要申诉”就可以。"

# --- after a won dispute ---------------------------------------------------------------------
DISPUTE_WON_NOTE = {
    "overturned": "案件 {case}：您申诉后，保险公司在{day:%Y年%m月%d日}改变了原来的决定，同意赔付 {amount}。",
    "partly_overturned": "案件 {case}：您申诉后，保险公司在{day:%Y年%m月%d日}部分改变了原来的决定，追回赔付 {amount}。",
}
ORIGINAL_DECISION = "下面是保险公司原来的决定和当时的理由，供您对照：\n"

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

# --- service centre ----------------------------------------------------------------------------
SC_BUTTONS: List[Button] = [
    {"title": "预约到店时间", "payload": "/book_appointment"},
    {"title": "我约的是几点", "payload": "/manage_appointment"},
]
SC_CHOOSE_SLOT = "下面是最近可以预约的时间（半小时一个时段），选一个就行："
SC_CHOOSE_NEW_SLOT = "要改到哪个时间？选一个新的时段："
SC_NO_SLOTS = "最近几天的时段都约满了。可以预约顾问回电，或者直接到店取号。"
SC_SLOT_GONE = "不好意思，这个时段刚被约满了。下面是现在还有空位的时间，请再选一个："
SC_MANAGE_BUTTONS = "要改时间或取消的话，点下面的按钮。"
SC_NOTHING_TO_CANCEL = "您现在没有到服务中心的预约。"

# --- paper policy by post -----------------------------------------------------------------------
PP_ASK_POLICY = "要寄哪一份保单的纸质版？"
PP_NO_POLICIES = "您名下还没有通过我们投保的保单，没有可以打印的纸质保单。"
PP_ASK_RECIPIENT = "收件人叫什么名字？"
PP_RECIPIENT_SELF: Button = _choice("寄给我本人", "self")
PP_ASK_MOBILE = "收件人的手机号是多少？快递员会打这个电话。"
PP_MOBILE_SELF: Button = _choice("用我验证过的手机号", "self")
PP_CONFIRM = "请核对寄送信息：\n保单：{policy}\n寄给：{address}\n邮寄免费，一般3个工作日内寄出。"
PP_CONFIRM_BUTTONS: List[Button] = [
    {"title": "确认寄送", "payload": "/affirm"},
    {"title": "地址要改", "payload": "/deny"},
    {"title": "不寄了", "payload": "/cancel"},
]
PP_CONFIRM_UNCLEAR = "请点“确认寄送”，或点“地址要改”重新填写地址。"
PP_CANCELLED = "好的，这次不寄了，没有登记。需要时随时说“我要纸质保单”。"
PP_NO_REQUESTS = "您还没有申请过纸质保单。需要的话，说“我要纸质保单”就可以，邮寄免费。"
PP_NOTHING_TO_CANCEL = "您现在没有还在办理中的纸质保单申请，不用取消。"
PP_WHICH_TO_CANCEL = "要取消哪一份保单的邮寄？"
PP_ALREADY = "这份保单的纸质版已经在办理了，不用重复申请。"
CB_UPDATE_EXISTING = "您已经预约过回电，这次填的会更新原来的预约。"
CB_CHANGE_HINT = "\n想改时间、换号码或取消，跟我说“改回电”或“取消回电”就行。"
CB_AFTER_FORM = "先把手上的事办完，之后说“预约回电”，我帮您约顾问打电话。"
SC_PRIORITY_COUNTER_ANY = "60岁以上的客户到了服务中心可以去“长者优先”窗口，不用排队取号。"
SC_WHICH = "您有几个预约，是哪一个？"
CB_FORM_CANCELLED = "好的，这次不约回电了。需要时随时说“预约回电”。"


# --- moved from the actions (general, identity, dispute, paper policy, service centre) ------------
LIST_SEP = "、"
GREET_NAMED = "{name}，您好！"
GREET_ANON = "您好，我是理赔小助手，免费帮您办理健康险理赔。"
ASK_AFFIRMATION = "请问您是想“{intent}”吗？"
AFFIRM_YES = "是的"
AFFIRM_NO = "不是"
# Plain-language names of what each intent asks for (used in "did you mean ...?").
INTENT_DESCRIPTIONS = {
    "greet": "打招呼",
    "goodbye": "结束对话",
    "affirm": "确认",
    "deny": "否定",
    "thank": "感谢",
    "help": "了解我能做什么",
    "bot_challenge": "确认是不是机器人",
    "inform": "提供信息",
    "cancel": "取消正在办理的事",
    "report_claim": "报案理赔",
    "ask_claim_status": "查询理赔进度",
    "ask_required_documents": "了解需要准备的材料",
    "upload_document": "上传理赔材料",
    "ask_coverage": "咨询保单保障范围",
    "explain_decision": "解释理赔结果",
    "dispute_decision": "对理赔结果提出异议",
    "request_human": "转人工顾问",
    "request_callback": "预约顾问回电",
    "elderly_assistance": "长辈简易服务",
    "service_center": "线下服务中心",
    "add_family_policy": "添加家人保单",
    "submit_claim": "提交理赔材料",
    "glossary": "了解保险名词的意思",
    "complain": "投诉",
    "elderly_mode_off": "关闭长辈模式",
    "manage_callback": "查询或修改回电预约",
    "book_appointment": "预约去服务中心",
    "manage_appointment": "查看或修改到店预约",
    "request_paper_policy": "申请纸质保单",
    "paper_policy_status": "查询纸质保单寄送进度",
}
BAD_MOBILE = "这个手机号格式不对：应该是11位数字，以1开头，例如 13800138000。请再输入一次。"
BAD_ID_LAST4 = "请输入身份证号码的最后4位，是4个字符，前三位是数字，最后一位是数字或X，例如 0026 或 003X。"
IDENTITY_MISMATCH = "手机号和身份证后4位对不上（还可以再试{left}次）。请从手机号开始重新输入。"
VERIFIED_HELLO = "身份核实成功，{name}您好！"
CASE_NOT_FOUND = "没有找到这个案件，或者它不在您的名下。请核对案件号（例如 C-1003）后再告诉我。"
DISPUTE_CASE_UNCLEAR = "没能确定是哪个案件。请点下面的按钮选择，或告诉我案件号（例如 C-1001）。"
DISPUTE_DONE_TITLE = "完成"
DISPUTE_GROUND_TITLES = dict(DISPUTE_GROUND_BUTTONS)
DISPUTE_SUMMARY = "请核对申诉内容：\n案件：{case}\n理由：{grounds}\n您的陈述：{statement}\n证据：{evidence}"
DISPUTE_NO_EVIDENCE = "暂无（之后也可以发给顾问）"
CB_CONTINUE_TOPIC = "接着办：{form}"
PP_POLICY_UNCLEAR = "没能确定是哪一份保单，请点下面的按钮选择。"
PP_RECIPIENT_SELF_TITLE = "寄给我本人（{name}）"
PP_MOBILE_SELF_TITLE = "用 {mobile}"
PP_REQUEST_BUTTON: Button = {"title": "申请纸质保单", "payload": "/request_paper_policy"}
SC_SEATS_LEFT = "{slot} · 还剩{count}个位置"
SC_CHANGE_TIME_TITLE = "改时间"
SC_CANCEL_TITLE = "取消预约"
SC_PICK_TITLE = "{verb}：{appointment}"
SC_VERBS = {"cancel": "取消", "change": "改时间"}


def pick(language: str):
    """The catalogue for a reply language: actions/texts_en.py for English, else this one.

    Traditional Chinese uses this catalogue too: replies are converted on the way
    out (bot.i18n.localise_message, applied to every action's messages).
    """
    if language == "en":
        from actions import texts_en

        return texts_en
    return sys.modules[__name__]
