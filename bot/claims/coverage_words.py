"""The sentences of the coverage answers (bot.claims.coverage_rules), per language.

{...} are filled in by the rules; `bot.claims.wording.pick(WORDS, lang)` chooses the language.
"""
from bot.claims.wording import EN

# Every sentence of the answers, per language ({...} are filled in by the rules).
WORDS = {
    "zh": {
        "fixed_sum": "重疾险不报销医疗费用，{what}也一样；它是在确诊合同约定的重大疾病后，一次性给付{sum}。",
        "where_clause": "我们存的条款（{ref}）", "where": "我们存的条款", "unknown": "{where}没有写明{what}，需要顾问对照完整条款帮您确认。",
        "special_outpatient": "特殊门诊", "outpatient_surgery": "门诊手术",
        "around_stay": "住院前{before}天和出院后{after}天内{same}的门急诊", "same_cause": "、与住院原因相同",
        "emergency": "例外：急诊时由120送去或就近抢救的，急救费用仍可以赔{where}，病情稳定后要转到约定的医院。",
        "emergency_where": "（{ref}）",
        "deductible_first": "先扣本保单年度还剩的免赔额{left}，再", "deductible_gone": "本保单年度的免赔额已经用完，直接",
        "pay_flat": "{deductible}按{ratio}赔付", "pay_ratio": "{deductible}按比例赔付（用医保结算的{with_social}，没用的{without_social}）",
        # what the fixed-sum answer is about
        "w_outpatient": "门诊费用", "w_special_ward": "特需部、国际部、VIP病房的费用", "w_self_paid": "进口药、自费药",
        "w_fracture": "骨折（不属于重大疾病）", "w_dental": "看牙的费用", "w_cosmetic": "美容整形的费用",
        # what an unknown answer could not tell
        "u_outpatient": "门诊费用能不能赔", "u_special_ward": "特需部、国际部、VIP病房的费用能不能赔",
        "u_self_paid": "医保目录外的自费药、进口药能不能赔", "u_fracture": "意外骨折的费用能不能赔",
        "u_dental": "看牙的费用能不能赔", "u_cosmetic": "美容整形的费用能不能赔", "u_pre_existing": "投保前就有的病能不能赔",
        "u_exclusions": "不保哪些情形",
        "outpatient_parts": "普通门诊看病拿药的费用不赔。这份保单只赔这几种门诊费用：{parts}。",
        "outpatient_accident": "因意外受伤看门诊的医疗费用可以赔，{pay}；生病看门诊不赔，意外险不保疾病。",
        "private_any": "这份保单对医院的性质没有限制，民营、私立医院也可以。",
        "private_ci": "重大疾病要在二级及以上公立医院确诊才算，私立、民营医院的诊断不算。",
        "private_no": "私立、民营医院看病的费用不赔：这份保单只认二级及以上公立医院{ward}。", "general_ward": "的普通部",
        "special_ward_no": "公立医院的特需部、国际部、VIP病房这些的费用不赔，只赔普通部的费用。",
        "self_paid_no": "医保目录外的自费药、自费项目和材料不赔；进口药如果不在医保目录里，也不赔。只赔医保目录内的费用。",
        "fracture_accident": "意外骨折的医疗费用可以赔，{pay}。",
        "fracture_outpatient_parts": "门诊只赔{parts}，只打石膏、看普通门诊的费用不赔", "fracture_outpatient_terms": "门诊费用要看条款",
        "fracture_medical": "意外骨折住院治疗的费用可以赔，{pay}；{outpatient}。",
        "dental_accident_ok": "平时看牙（补牙、拔牙、镶牙、洗牙等）不赔；因意外伤害导致的牙齿治疗可以赔。",
        "dental_no": "看牙的费用不赔，牙科治疗在这份保单的责任免除里。",
        "dental_accident_policy": "意外摔伤、撞伤牙齿的治疗可以按意外医疗赔；平时看牙不赔，意外险不保疾病。",
        "cosmetic_no": "美容、整形的费用不赔，在这份保单的责任免除里。",
        "pre_existing_accident": "意外险只保意外伤害，不保疾病，投保前就有的病也不赔。",
        "pre_existing_law": "另外，合同成立满2年后，保险公司不能再以没有如实告知为由解除合同（{law}）。",
        "pre_existing_disclosed": "投保前就有、投保时又没有如实告知的病不赔；投保时如实告知过、保险公司照样承保的，不在这一条里。",
        "pre_existing_no": "投保前就有的病（既往症）不赔。",
        "no_deductible": "这份保单没有免赔额。",
        "deductible": "这份保单每个保单年度的免赔额是{annual}。本保单年度（{start}至{end}）已经用掉{used}，还剩{left}。",
        "deductible_social": "医保（社保）报销的部分不能抵扣免赔额。",
        "deductible_used_up": "今年内再看病，不会再扣免赔额。", "deductible_above": "能报的费用超过{left}的部分才开始赔。",
        "ratio_ci": "重疾险不按比例报销，确诊后按保额{sum}一次性给付。",
        "ratio_same": "不论是否用医保（社保）结算，都按{ratio}赔付。",
        "ratio_two": "用医保（社保）身份就诊并结算的，按{with_social}赔付；没有用医保结算的，只按{without_social}赔付。所以看病时记得用医保卡结算。",
        "sum_ci_paid": "重大疾病保险金已经赔过，这项保障已经结束。",
        "sum_ci": "保额{sum}，确诊合同约定的重大疾病后一次性给付。",
        "sum": "保额{sum}，本保单年度已经赔了{paid}，还剩{left}。",
        "waiting_accident": "因意外受伤不受等待期限制。", "waiting_none": "这份保单没有疾病等待期。",
        "waiting_head": "这份保单生病的等待期是{days}天，从{start}生效算起，到{last}（含这一天）为止。",
        "waiting_inside": "今天还在等待期内，还有{left}天；{covered}起因病出险才能赔。",
        "waiting_not_started": "保单还没生效。", "waiting_over": "等待期已经过了，现在生病也在保障范围内。",
        "hospital_any": "这份保单对医院没有特别要求。", "diagnosed": "确诊", "treated": "看病",
        "hospital_ward": "的普通部（特需部、国际部、VIP病房不算）",
        "hospital": "要在二级及以上公立医院{ward}{what}，二级、三级、三甲都可以；私立、民营医院不行。",
        "exclusions": "{items}，这些情形不赔。",
        "period_not_started": "这份保单还没生效，{start}起生效。",
        "period_lapsed": "这份保单已经失效（保障到{end}），失效后出险不赔。是否能恢复或续保，顾问可以帮您问。",
        "period_active": "这份保单现在有效，保障到{end}。", "period_renew": "还有{left}天到期，记得按时续保。",
    },
    EN: {
        "fixed_sum": "Critical illness insurance does not reimburse medical costs, {what} included: it pays {sum} once, "
                     "when an illness the contract lists is diagnosed.",
        "where_clause": "The terms we hold ({ref})", "where": "The terms we hold",
        "unknown": "{where} do not say {what}: an advisor needs to check the full terms for you.",
        "special_outpatient": "special outpatient treatment", "outpatient_surgery": "outpatient surgery",
        "around_stay": "outpatient and emergency visits in the {before} days before and {after} days after a hospital stay{same}",
        "same_cause": " for the same cause",
        "emergency": " Exception: in an emergency, if a 120 ambulance took you or the nearest hospital treated you, the "
                     "emergency costs are still paid{where}; once stable you must move to an accepted hospital.",
        "emergency_where": " ({ref})",
        "deductible_first": "after the {left} of deductible left this policy year, ",
        "deductible_gone": "this policy year's deductible is used up, so ",
        "pay_flat": "{deductible}paid at {ratio}",
        "pay_ratio": "{deductible}paid at a ratio ({with_social} when settled through social insurance, "
                     "{without_social} when not)",
        "w_outpatient": "outpatient costs", "w_special_ward": "special, international and VIP ward costs",
        "w_self_paid": "imported and self-paid drugs", "w_fracture": "a fracture (not a critical illness)",
        "w_dental": "dental costs", "w_cosmetic": "cosmetic surgery",
        "u_outpatient": "whether outpatient costs are paid",
        "u_special_ward": "whether special, international or VIP ward costs are paid",
        "u_self_paid": "whether self-paid drugs outside the medical insurance list, or imported drugs, are paid",
        "u_fracture": "whether the costs of an accidental fracture are paid", "u_dental": "whether dental costs are paid",
        "u_cosmetic": "whether cosmetic surgery is paid", "u_pre_existing": "whether conditions you had before buying are paid",
        "u_exclusions": "what is excluded",
        "outpatient_parts": "Ordinary outpatient visits and medicines are not paid. This policy only pays these "
                            "outpatient costs: {parts}.",
        "outpatient_accident": "Outpatient costs after an accident are paid, {pay}; outpatient visits for an illness are "
                               "not: accident insurance does not cover illness.",
        "private_any": "This policy has no rule about the kind of hospital: private hospitals are fine too.",
        "private_ci": "A critical illness must be diagnosed at a public hospital of grade 2 or above; a diagnosis at a "
                      "private hospital does not count.",
        "private_no": "Treatment at private hospitals is not paid: this policy only accepts public hospitals of grade 2 "
                      "or above{ward}.", "general_ward": " (general wards)",
        "special_ward_no": "Special, international and VIP wards of public hospitals are not paid; only general wards are.",
        "self_paid_no": "Self-paid drugs, treatments and materials outside the medical insurance list are not paid; "
                        "imported drugs are not paid either unless they are on the list. Only costs on the list are paid.",
        "fracture_accident": "The medical costs of an accidental fracture are paid, {pay}.",
        "fracture_outpatient_parts": "outpatient costs are only paid for {parts}; a cast or ordinary outpatient "
                                     "visits alone are not",
        "fracture_outpatient_terms": "outpatient costs depend on the terms",
        "fracture_medical": "Hospital treatment of an accidental fracture is paid, {pay}; {outpatient}.",
        "dental_accident_ok": "Routine dental care (fillings, extractions, crowns, cleaning) is not paid; treating teeth "
                              "hurt in an accident is.",
        "dental_no": "Dental costs are not paid: dental treatment is among this policy's exclusions.",
        "dental_accident_policy": "Treating teeth hurt in a fall or a knock is paid as accident medical costs; routine "
                                  "dental care is not: accident insurance does not cover illness.",
        "cosmetic_no": "Cosmetic and plastic surgery is not paid: it is among this policy's exclusions.",
        "pre_existing_accident": "Accident insurance only covers accidents, not illness, so conditions you had before "
                                 "buying are not paid either.",
        "pre_existing_law": " Also, two years after the contract is formed, the insurer can no longer cancel it for "
                            "non-disclosure ({law}).",
        "pre_existing_disclosed": "Conditions you had before buying and did not disclose are not paid; conditions you "
                                  "disclosed and the insurer accepted anyway are not affected.",
        "pre_existing_no": "Conditions you had before buying the policy (pre-existing conditions) are not paid.",
        "no_deductible": "This policy has no deductible.",
        "deductible": "This policy's deductible is {annual} per policy year. This policy year ({start} to {end}) "
                      "{used} has been used and {left} is left.",
        "deductible_social": " What social (medical) insurance paid does not count towards the deductible.",
        "deductible_used_up": " No more deductible will be taken for treatment this year.",
        "deductible_above": " Only eligible costs above {left} are paid.",
        "ratio_ci": "Critical illness insurance does not pay a share of costs: it pays the sum insured of {sum} once, "
                    "on diagnosis.",
        "ratio_same": "It pays {ratio} whether or not the bill goes through social (medical) insurance.",
        "ratio_two": "Bills settled through social (medical) insurance are paid at {with_social}; bills that are not are "
                     "paid at only {without_social}. So remember to use your medical insurance card.",
        "sum_ci_paid": "The critical illness benefit has already been paid, so this cover has ended.",
        "sum_ci": "Sum insured {sum}, paid once when an illness the contract lists is diagnosed.",
        "sum": "Sum insured {sum}; {paid} has been paid this policy year, {left} is left.",
        "waiting_accident": " Accidents are not subject to the waiting period.",
        "waiting_none": "This policy has no waiting period for illness.",
        "waiting_head": "This policy's waiting period for illness is {days} days, from the start on {start} up to and "
                        "including {last}.",
        "waiting_inside": " Today is still inside it, {left} days to go; illness is covered from {covered}.",
        "waiting_not_started": " The policy has not started yet.",
        "waiting_over": " The waiting period is over: illness is covered now.",
        "hospital_any": "This policy has no particular rule about hospitals.", "diagnosed": "Diagnosis",
        "treated": "Treatment", "hospital_ward": " (general wards; special, international and VIP wards do not count)",
        "hospital": "{what} must be at a public hospital of grade 2 or above{ward}: grade 2, grade 3 and grade 3A are "
                    "all fine; private hospitals are not.",
        "exclusions": "These are not paid (the policy's own words, Chinese original): {items}.",
        "period_not_started": "This policy has not started yet: it starts on {start}.",
        "period_lapsed": "This policy has lapsed (cover ended on {end}); events after that are not paid. An advisor can "
                         "ask whether it can be reinstated or renewed.",
        "period_active": "This policy is in force, with cover until {end}.",
        "period_renew": " It ends in {left} days: remember to renew it.",
    },
}

