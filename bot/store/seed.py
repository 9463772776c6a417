"""Demo data: four customers, five policies, four claims.

Insurers and products are fictional. Every timestamp is fixed (the demos run
with today = 2026-11-24), and every paid figure adds up: decisions are stored
through record_decision(), which derives the payout from its lines.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D
from hashlib import sha256

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import clock
from bot.store.advisors import create_advisor
from bot.store.claims import add_document, add_event, create_claim, record_decision
from bot.store.customers import create_customer, link_family
from bot.store.models import Advisor, Claim, Customer, Policy
from bot.store.policies import add_clause, add_coverage, add_policy

ANKANG = "安康人寿保险股份有限公司"
QINGHE = "青禾财产保险股份有限公司"
QIMING = "启明健康保险股份有限公司"

MEDICAL_EXCLUSIONS = [
    "既往症", "美容整形", "牙科治疗（意外除外）", "先天性疾病", "酒后驾驶",
    "故意自伤或犯罪", "战争、军事冲突或暴乱", "核爆炸、核辐射或核污染",
]
EXCLUSIONS_TEXT = (
    "因下列情形之一导致被保险人发生医疗费用的，本公司不承担给付责任：（1）投保前已患有且未如实告知的疾病（既往症）；"
    "（2）美容、整形及矫形手术；（3）牙科治疗及牙齿修复，但因意外伤害所致的除外；（4）先天性畸形、变形或染色体异常"
    "（先天性疾病）；（5）被保险人酒后驾驶、无合法有效驾驶证驾驶；（6）被保险人故意自伤、故意犯罪或拒捕；"
    "（7）战争、军事冲突、暴乱或武装叛乱；（8）核爆炸、核辐射或核污染。"
)


def _at(text: str) -> datetime:
    """A fixed moment in the service's time zone, e.g. "2022-11-08 09:30"."""
    return datetime.fromisoformat(text).replace(tzinfo=clock.tz())


def _medical_clauses(session: Session, policy: Policy, sum_text: str, period_text: str) -> None:
    """The wording shared by our million-yuan medical products."""
    for clause_id, title, text in [
        ("1.2", "保险期间与续保", "本合同保险期间为一年。保险期间届满，经本公司审核同意续保的，续保合同自动生效，"
            f"续保时不再设置等待期。{period_text}"),
        ("2.1", "一般医疗保险金", "在保险期间内，被保险人因意外伤害或在等待期后因疾病，在本合同约定的医院接受治疗的，"
            "本公司对其发生的合理且必要的住院医疗费用、特殊门诊医疗费用、门诊手术医疗费用，以及住院前7日和出院后30日内"
            "与该次住院原因相同的门急诊医疗费用，按第2.6条计算并给付一般医疗保险金，累计给付以保险金额"
            f"人民币{sum_text}为限。"),
        ("2.2", "费用范围", "本合同所称医疗费用，限于符合被保险人所在地社会基本医疗保险药品目录、诊疗项目目录和医疗服务"
            "设施范围（以下简称“社保目录”）的费用。社保目录外的自费药品、自费诊疗项目及自费材料费用，本公司不承担给付责任。"),
        ("2.3", "年免赔额", "本合同的年免赔额为人民币10,000元，指在一个保单年度内应由被保险人自行承担、本公司不予赔付的"
            "部分。被保险人通过社会基本医疗保险、公费医疗获得的补偿，不得用于抵扣年免赔额；通过其他途径获得的补偿，"
            "可以抵扣年免赔额。"),
        ("2.4", "医院范围", "本合同约定的医院，是指中华人民共和国境内（港澳台地区除外）合法经营的二级及以上公立医院的"
            "普通部，不包括其特需医疗部、国际医疗部、VIP部、联合病房及干部病房，亦不包括民营医院、私立医院及以康复、"
            "护理、疗养为主要功能的医疗机构。"),
        ("2.5", "紧急情况", "被保险人因急诊（指病情危急、需立即抢救以避免生命危险或严重后果的情况）经120急救车送至或"
            "就近前往非本合同约定的医院接受紧急治疗的，本公司对由此发生的合理且必要的紧急救治费用仍承担保险责任。"
            "病情稳定后，被保险人应转入本合同约定的医院继续治疗；未转院而继续在该医院治疗所发生的费用，本公司不承担给付责任。"),
        ("2.6", "赔付比例与计算", "一般医疗保险金＝（合理且必要的医疗费用－社保目录外费用－已从社会基本医疗保险获得的"
            "补偿－年免赔额余额）×赔付比例。被保险人以参加社会基本医疗保险身份就诊并结算的，赔付比例为100%；"
            "未以参加社会基本医疗保险身份就诊并结算的，赔付比例为60%。"),
        ("2.7", "等待期", "自本合同首次生效之日起30日内为等待期。被保险人在等待期内因疾病发生的医疗费用，本公司不承担"
            "给付责任；因意外伤害发生的医疗费用不受等待期限制。续保合同不再设置等待期。"),
        ("3.1", "责任免除", EXCLUSIONS_TEXT),
    ]:
        add_clause(session, policy, clause_id, title, text)


def _medical_coverage(session: Session, policy: Policy, sum_insured: D) -> None:
    add_coverage(
        session, policy, code="general_medical", name="一般医疗保险金", sum_insured=sum_insured,
        annual_deductible=D("10000.00"), ratio_with_social=D("1.00"), ratio_without_social=D("0.60"),
        hospital_requirement="public_grade2_plus", general_ward_only=True, waiting_days_illness=30,
        waiting_days_accident=0, exclusions=MEDICAL_EXCLUSIONS, emergency_exception=True,
    )


def _documents(session: Session, claim: Claim, doc_types: list, at: datetime) -> None:
    for number, doc_type in enumerate(doc_types):
        filename = f"{claim.case_number}_{doc_type}.jpg"
        add_document(session, claim, doc_type, filename=filename, sha256=sha256(filename.encode()).hexdigest(),
                     size_bytes=180_000 + 7_919 * number, created_at=at)


def _events(session: Session, claim: Claim, status: str, events: list) -> None:
    claim.status = status  # set before the events so updated_at ends at the last event, not now()
    for when, kind, note in events:
        add_event(session, claim, kind, note, at=_at(when))


def seed_demo(session: Session) -> bool:
    """Insert the demo data into an empty database; returns False (and does nothing) otherwise."""
    if session.scalars(select(Customer.id).limit(1)).first() is not None:
        return False

    def person(name, gender, born, mobile, id_number, since):
        customer = create_customer(session, name=name, gender=gender, birth_date=date.fromisoformat(born),
                                   mobile=mobile, id_number=id_number)
        customer.created_at = _at(since)
        return customer

    wang = person("王丽", "F", "1979-03-14", "13800138000", "110105197903140026", "2021-12-20 10:00")
    li = person("李建国", "M", "1956-07-22", "13900139000", "11010819560722003X", "2025-02-20 15:30")
    zhang = person("张伟", "M", "1988-06-05", "13700137000", "310115198806051018", "2026-09-25 20:00")
    daughter = person("张小雨", "F", "2015-09-18", None, "110108201509180044", "2026-11-03 20:00")
    link_family(session, zhang.id, daughter.id, "child")

    def policy(number, product, insurer, kind, holder, insured, start, end, source="ours"):
        return add_policy(session, policy_number=number, product_name=product, insurer=insurer, policy_type=kind,
                          holder_id=holder.id, insured_id=insured.id, start_date=date.fromisoformat(start),
                          end_date=date.fromisoformat(end), source=source, created_at=_at(f"{start} 00:00"))

    # 王丽: a million-yuan medical policy renewed every year since 2022, and an accident policy.
    wang_medical = policy("P2022-0001", "安康百万医疗险（2022版）", ANKANG, "medical", wang, wang,
                          "2022-01-01", "2026-12-31")
    _medical_coverage(session, wang_medical, D("2000000.00"))
    _medical_clauses(session, wang_medical, "200万元",
                     "本保单自2022年1月1日起逐年续保，当前保险期间为2026年1月1日零时至2026年12月31日二十四时。")

    wang_accident = policy("P2022-0002", "青禾综合意外险", QINGHE, "accident", wang, wang, "2022-03-01", "2027-02-28")
    add_coverage(session, wang_accident, code="accident_medical", name="意外医疗保险金", sum_insured=D("50000.00"),
                 annual_deductible=D("100.00"), ratio_with_social=D("0.90"), ratio_without_social=D("0.90"),
                 hospital_requirement="public_grade2_plus", exclusions=[
                     "酒后驾驶", "故意自伤或犯罪", "斗殴", "高风险运动（潜水、攀岩、跳伞等）", "疾病（含猝死）",
                     "战争、军事冲突或暴乱"], emergency_exception=True)
    for clause_id, title, text in [
        ("1.2", "保险期间", "本合同保险期间为一年，期满续保。本保单自2022年3月1日起逐年续保，当前保险期间为"
            "2026年3月1日零时至2027年2月28日二十四时。"),
        ("2.1", "意外医疗保险金", "在保险期间内，被保险人遭受意外伤害，并自该意外伤害发生之日起180日内在本合同约定的"
            "医院进行治疗的，本公司就其实际支出的合理且必要的医疗费用，扣除人民币100元免赔额后，按90%的比例给付"
            "意外医疗保险金，累计以保险金额人民币5万元为限。"),
        ("2.2", "医院范围", "本合同约定的医院，是指中华人民共和国境内（港澳台地区除外）二级及以上公立医院。被保险人因"
            "紧急情况经120急救送往或就近前往其他医院急救的，急救费用不受此限，病情稳定后应转入上述医院治疗。"),
        ("3.1", "责任免除", "因下列情形之一导致被保险人身故、伤残或发生医疗费用的，本公司不承担给付责任：（1）酒后驾驶、"
            "无证驾驶；（2）故意自伤、故意犯罪或拒捕；（3）斗殴、醉酒；（4）潜水、攀岩、跳伞等高风险运动；"
            "（5）疾病，包括猝死；（6）战争、军事冲突、暴乱或武装叛乱。"),
    ]:
        add_clause(session, wang_accident, clause_id, title, text)

    # 李建国 (70): a medical policy for older customers, same wording.
    li_medical = policy("P2025-0003", "安康长者百万医疗险", ANKANG, "medical", li, li, "2025-03-01", "2027-02-28")
    _medical_coverage(session, li_medical, D("1000000.00"))
    _medical_clauses(session, li_medical, "100万元",
                     "本保单自2025年3月1日起逐年续保，当前保险期间为2026年3月1日零时至2027年2月28日二十四时。")

    # 张伟: critical illness, still in its 90-day waiting period on 2026-11-24.
    zhang_ci = policy("P2026-0004", "安康守护重大疾病保险", ANKANG, "critical_illness", zhang, zhang,
                      "2026-10-01", "2056-09-30")
    add_coverage(session, zhang_ci, code="critical_illness", name="重大疾病保险金", sum_insured=D("300000.00"),
                 hospital_requirement="public_grade2_plus", waiting_days_illness=90, exclusions=[
                     "既往症", "先天性疾病", "酒后驾驶", "故意自伤或犯罪", "战争、军事冲突或暴乱",
                     "核爆炸、核辐射或核污染"])
    for clause_id, title, text in [
        ("1.2", "保险期间", "本合同保险期间为30年，自2026年10月1日零时起至2056年9月30日二十四时止。"),
        ("2.1", "重大疾病保险金", "被保险人于等待期后经本合同约定的医院的专科医生初次确诊患有本合同所列的重大疾病"
            "（无论一种或多种），本公司按基本保险金额人民币30万元给付重大疾病保险金，本项保险责任终止。"),
        ("2.2", "等待期", "自本合同生效之日起90日内为等待期。被保险人在等待期内因疾病出现症状、体征、就诊或被确诊患有"
            "重大疾病的，本公司不承担给付责任，无息退还已交保险费，本合同终止。因意外伤害导致的重大疾病不受等待期限制。"),
        ("2.3", "医院范围", "确诊医院须为中华人民共和国境内（港澳台地区除外）二级及以上公立医院。"),
        ("3.1", "责任免除", "因下列情形之一导致被保险人发生重大疾病的，本公司不承担给付责任：（1）投保前已患有且未如实"
            "告知的疾病；（2）先天性畸形、变形或染色体异常；（3）酒后驾驶、无证驾驶；（4）故意自伤、故意犯罪或拒捕；"
            "（5）战争、军事冲突、暴乱或武装叛乱；（6）核爆炸、核辐射或核污染。"),
    ]:
        add_clause(session, zhang_ci, clause_id, title, text)

    # 张小雨: a children's medical policy her father bought on another platform.
    child_medical = policy("QM-2026-0456", "启明少儿医疗险", QIMING, "medical", zhang, daughter,
                           "2026-03-01", "2027-02-28", source="external")
    add_coverage(session, child_medical, code="general_medical", name="少儿住院医疗保险金", sum_insured=D("1000000.00"),
                 ratio_with_social=D("1.00"), ratio_without_social=D("0.60"), hospital_requirement="public_grade2_plus",
                 general_ward_only=True, waiting_days_illness=30, exclusions=[
                     "既往症", "先天性疾病", "美容整形", "牙科治疗（意外除外）", "预防接种", "战争、军事冲突或暴乱"],
                 emergency_exception=True)
    for clause_id, title, text in [
        ("2.1", "少儿住院医疗保险金", "被保险人因意外伤害或在等待期后因疾病，在本合同约定的医院住院治疗的，本公司对其"
            "实际发生的合理且必要的住院医疗费用，扣除已从社会基本医疗保险获得的补偿后，按约定的赔付比例给付保险金。"
            "本合同无免赔额。"),
        ("2.3", "医院范围", "本合同约定的医院，是指中华人民共和国境内（港澳台地区除外）二级及以上公立医院的普通部；"
            "紧急情况下就近急救的费用不受此限。"),
        ("2.5", "赔付比例", "以参加社会基本医疗保险身份就诊并结算的，赔付比例为100%；否则为60%。"),
        ("2.6", "等待期", "自本合同首次生效之日起30日内为等待期，因意外伤害就医的不受等待期限制；续保不设等待期。"),
    ]:
        add_clause(session, child_medical, clause_id, title, text)

    inpatient_docs = ["claim_form", "id_card", "bank_card", "medical_record", "discharge_summary", "invoice",
                      "itemised_list", "diagnosis_certificate"]

    # C-1001: rejected because the ambulance took 王丽 to the nearest hospital, a private one.
    c1001 = create_claim(
        session, policy=wang_medical, insured_id=wang.id, reporter_id=wang.id, incident_type="accident",
        incident_date=date(2022, 11, 6), hospital_name="北京华康医院", hospital_grade="2",
        hospital_ownership="private", diagnosis="右手肌腱及神经断裂（修复术）", amount_claimed=D("13418.00"),
        inpatient=True, social_insurance_settled=False, reported_at=_at("2022-11-08 09:30"),
        description="在家洗碗时玻璃碗破碎割伤右手，拨打120由急救车送至最近的北京华康医院急诊，"
                    "当天行肌腱及神经修复手术，住院5天。")
    _documents(session, c1001, inpatient_docs + ["accident_proof"], _at("2022-11-15 18:00"))
    _events(session, c1001, "rejected", [
        ("2022-11-10 14:00", "materials_requested", "材料不齐，请一次性补充以下1项：意外事故证明（120急救出车记录）"),
        ("2022-11-16 10:00", "submitted", "理赔材料已齐全，已提交保险公司"),
        ("2022-11-17 09:00", "under_review", "保险公司已受理，审核中"),
        ("2022-12-06 16:00", "decided", "保险公司作出拒赔决定：就诊医院不在合同约定范围（条款第2.4条）"),
    ])
    record_decision(
        session, c1001, outcome="rejected", decided_at=_at("2022-12-06 16:00"), reason_code="hospital_not_qualified",
        clause_id="2.4",
        summary="很抱歉，这次理赔没有获得赔付。保险公司的理由是：北京华康医院是民营医院，而保单第2.4条只赔付二级及以上"
                "公立医院普通部的费用，所以这次13,418.00元的医疗费全部不予赔付。",
        lines=[("billed", "医疗费用总额", D("13418.00"), None, "北京华康医院急诊及住院费用"),
               ("not_covered", "非合同约定医院的费用", D("-13418.00"), "2.4",
                "北京华康医院为民营医院，不属于第2.4条约定的二级及以上公立医院")])

    # C-1002: paid; the 10,000 deductible of policy year 2026 is used up.
    c1002 = create_claim(
        session, policy=wang_medical, insured_id=wang.id, reporter_id=wang.id, incident_type="illness",
        incident_date=date(2026, 5, 12), hospital_name="北京朝阳医院", hospital_grade="3A",
        hospital_ownership="public", diagnosis="急性阑尾炎", amount_claimed=D("16250.00"), inpatient=True,
        social_insurance_settled=True, reported_at=_at("2026-05-19 10:15"),
        description="急性阑尾炎急诊入院，行腹腔镜阑尾切除术，住院6天（2026-05-12至2026-05-18），医保结算。")
    _documents(session, c1002, inpatient_docs + ["exam_report", "social_insurance_statement"],
               _at("2026-05-21 19:00"))
    _events(session, c1002, "paid", [
        ("2026-05-22 15:00", "submitted", "理赔材料已齐全，已提交保险公司"),
        ("2026-05-25 09:30", "under_review", "保险公司已受理，审核中"),
        ("2026-06-05 11:00", "decided", "保险公司核定赔付3,418.00元"),
        ("2026-06-09 14:00", "paid", "赔款3,418.00元已转入您登记的银行卡"),
    ])
    record_decision(
        session, c1002, outcome="paid", decided_at=_at("2026-06-05 11:00"),
        summary="本次住院共花费16,250.00元，保险公司赔付3,418.00元。社保已报销的1,982.00元和社保目录外的850.00元"
                "自费项目不在赔付范围内；本保单年度的1万元免赔额已在这次全部扣除，本保单年度内再次住院不会再扣。",
        lines=[("billed", "医疗费用总额", D("16250.00"), None, "北京朝阳医院住院费用（2026-05-12至2026-05-18）"),
               ("not_covered", "社保目录外自费项目", D("-850.00"), "2.2", "自费药品及材料，合同约定不予赔付"),
               ("social_insurance", "社保已报销部分", D("-1982.00"), "2.6", "已从社会基本医疗保险获得的补偿"),
               ("deductible", "年免赔额", D("-10000.00"), "2.3", "本保单年度首次理赔，扣除全部1万元免赔额"),
               ("ratio", "赔付比例100%", D("0.00"), "2.6", "社保结算后赔付比例100%")])

    # C-1003: two items missing, requested once (Insurance Law art. 22).
    c1003 = create_claim(
        session, policy=li_medical, insured_id=li.id, reporter_id=li.id, incident_type="illness",
        incident_date=date(2026, 11, 1), hospital_name="北京友谊医院", hospital_grade="3A",
        hospital_ownership="public", diagnosis="社区获得性肺炎", amount_claimed=D("23460.00"), inpatient=True,
        social_insurance_settled=True, reported_at=_at("2026-11-02 16:40"),
        description="发热咳嗽3天，2026-11-01门诊诊断为肺炎后收住院，住院10天（2026-11-01至2026-11-10），医保结算。")
    _documents(session, c1003, ["claim_form", "id_card", "bank_card", "medical_record", "invoice",
                                "diagnosis_certificate", "exam_report", "social_insurance_statement"],
               _at("2026-11-15 11:00"))
    _events(session, c1003, "materials_incomplete", [
        ("2026-11-16 10:00", "submitted", "已收到理赔材料8项，已提交保险公司"),
        ("2026-11-18 10:00", "materials_requested",
         "保险公司通知材料不齐，请一次性补充以下2项：出院小结、费用明细清单（均需医院盖章）"),
    ])

    # C-1004: 张伟 reported for his daughter on her externally bought policy.
    c1004 = create_claim(
        session, policy=child_medical, insured_id=daughter.id, reporter_id=zhang.id, incident_type="illness",
        incident_date=date(2026, 10, 28), hospital_name="北京儿童医院", hospital_grade="3A",
        hospital_ownership="public", diagnosis="急性化脓性扁桃体炎", amount_claimed=D("7860.00"), inpatient=True,
        social_insurance_settled=True, reported_at=_at("2026-11-03 20:10"),
        description="高热不退，2026-10-28于北京儿童医院急诊后收住院，住院4天（2026-10-28至2026-11-01），"
                    "少儿医保结算。保单在其他平台购买，由父亲张伟代为报案。")
    _documents(session, c1004, inpatient_docs + ["guardian_proof", "exam_report", "social_insurance_statement"],
               _at("2026-11-05 21:00"))
    _events(session, c1004, "under_review", [
        ("2026-11-06 11:00", "submitted", "理赔材料已齐全，已代为提交启明健康"),
        ("2026-11-10 09:00", "under_review", "启明健康已受理，审核中"),
    ])
    assert [c.case_number for c in (c1001, c1002, c1003, c1004)] == ["C-1001", "C-1002", "C-1003", "C-1004"]
    session.flush()
    return True


DEMO_ADVISOR = ("advisor", "李顾问", "demo-advisor-2026")  # demo only: change or remove outside demos


def seed_demo_advisor(session: Session) -> bool:
    """One console login for the demo, only while no advisor exists; False when there is one already."""
    if session.scalar(select(Advisor.id).limit(1)) is not None:
        return False
    username, display_name, password = DEMO_ADVISOR
    create_advisor(session, username, display_name, password)
    return True
