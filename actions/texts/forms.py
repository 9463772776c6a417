"""What each form asks: FORM_QUESTIONS, a question and its buttons per (form, slot)."""
from __future__ import annotations

from typing import Dict, List, Tuple

from actions.texts.general import Button, _choice, _inform

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
