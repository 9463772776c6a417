"""What `family_policy_form`'s validators say (bot.claims.family_policy), in Chinese and English:
each question's hint when an answer is not understood, and the notes on accepted answers."""
from __future__ import annotations

from bot.claims.wording import EN

# Every message, per language.
WORDS = {
    "zh": {
        "free_name": "请告诉我{what}，写在保单第一页上，例如“{example}”（2到50个字）。",
        "insurer": ("承保的保险公司名称", "平安健康保险股份有限公司"), "product": ("保险产品的名称", "好医保长期医疗险"),
        "policy_number": "请告诉我保单号：在电子保单或纸质保单的第一页，由字母、数字和短横线组成，6到32位，例如“P2025-00012345”。",
        "relation_unsupported": "目前只能添加您本人、配偶、父母或子女的保单。其他亲属的保单，可以请他们自己来添加，"
                                "或者说“转人工”请顾问帮忙。",
        "relation_unclear": "被保险人是您的什么人？请回复“本人”“配偶”“父母”或“子女”，也可以说“我妈”“女儿”。",
        "name_is_relation": "请告诉我被保险人的姓名（保单上写的名字，不是称呼），例如“王秀英”。",
        "name": "请告诉我被保险人的姓名，和保单上写的一致：2到10个汉字，例如“王秀英”；外文名请用字母，例如“Anna Li”。",
        "policy_type": "这是哪一类保险？请回复“医疗险”“意外险”“重疾险”或“其他”。拿不准的话看产品名称："
                       "带“医疗”的是医疗险，带“意外”的是意外险，带“重疾”“重大疾病”的是重疾险。",
        "start": "请告诉我保单的生效日期，就是保单上“保险期间”开始的那一天，例如“2025年3月1日”或“2025-03-01”。",
        "start_future": "生效日期不能晚于今天（{today}）。请核对保单上的保险期间；还没生效的保单，等生效以后再来添加。",
        "end": "请告诉我保障到哪一天结束，就是保单上“保险期间”的最后一天，例如“2026年2月28日”；"
               "保一年的也可以说“1年”，保终身的说“终身”。",
        "end_before_start": "结束日期要晚于生效日期（{start}）。请核对保单上的保险期间，例如“2026年2月28日”。",
        "end_too_far": "保障期超过了100年，请核对年份；保终身的请回复“终身”。",
        "ended": "提醒：这份保单已于{end}到期。到期前发生的事故仍然可以申请理赔"
                 "（医疗险、意外险的索赔时效是2年，《保险法》第二十六条），所以照样帮您添加；如果已经续保，请把新保单也加进来。",
        "deductible": "请告诉我每年的免赔额，例如“1万”“10000元”或“没有免赔”；不清楚的话回复“不知道”。",
        "deductible_big": "免赔额一般在0到几万元之间，{amount}好像太大了，请核对（是不是多写了一个0）；不清楚的话回复“不知道”。",
        "approximate": "先按约{amount}登记，以保单条款为准。",
        "ratio": "请告诉我用医保（社保）结算以后，保险公司按多少比例赔，例如“100%”“百分之六十”或“0.6”；不清楚的话回复“不知道”。",
        "hospital": "保单对就诊医院有要求吗？请回复“二级及以上公立”或“不限”；不清楚的话回复“不知道”。",
    },
    EN: {
        "free_name": "Please tell me {what}, as on the first page of the policy, for example \"{example}\" "
                     "(2 to 50 characters).",
        "insurer": ("the name of the insurance company", "Ping An Health Insurance"),
        "product": ("the name of the insurance product", "Haoyibao Long-term Medical"),
        "policy_number": "Please tell me the policy number: it is on the first page of the e-policy or paper policy, "
                         "6 to 32 letters, digits and dashes, for example \"P2025-00012345\".",
        "relation_unsupported": "For now I can only add policies of you, your spouse, your parents or your children. "
                                "Other relatives can add their own, or say \"advisor\" and an advisor will help.",
        "relation_unclear": "Who is the insured person to you? Please reply \"myself\", \"spouse\", \"parent\" or "
                            "\"child\"; \"my mum\" or \"my daughter\" works too.",
        "name_is_relation": "Please tell me the insured person's name (as written on the policy, not how you call "
                            "them), for example \"Wang Xiuying\".",
        "name": "Please tell me the insured person's name as on the policy: 2 to 10 Chinese characters, or in "
                "letters, for example \"Anna Li\".",
        "policy_type": "What kind of insurance is it? Please reply \"medical\", \"accident\", \"critical illness\" "
                       "or \"other\". If unsure, look at the product name: \"medical\" means medical insurance, "
                       "\"accident\" accident insurance, \"critical illness\" critical illness insurance.",
        "start": "Please tell me the day the policy started, the first day of the \"period of insurance\" on the "
                 "policy, for example \"1 March 2025\" or \"2025-03-01\".",
        "start_future": "The start date cannot be later than today ({today}). Please check the period of insurance on "
                        "the policy; add a policy that has not started yet once it has.",
        "end": "Please tell me the last day of cover, the last day of the \"period of insurance\" on the policy, for "
               "example \"28 Feb 2026\"; for a one-year policy you can say \"1 year\", for lifetime cover \"lifetime\".",
        "end_before_start": "The end date must be after the start date ({start}). Please check the period of insurance "
                            "on the policy, for example \"28 Feb 2026\".",
        "end_too_far": "That is more than 100 years of cover: please check the year; for lifetime cover reply \"lifetime\".",
        "ended": "Note: this policy ended on {end}. Incidents before then can still be claimed (you have 2 years for "
                 "medical and accident insurance, Insurance Law art. 26), so I am adding it anyway; if it was renewed, "
                 "please add the new policy too.",
        "deductible": "Please tell me the yearly deductible, for example \"10,000 yuan\", \"10k\" or \"none\"; "
                      "if you are not sure, reply \"don't know\".",
        "deductible_big": "Deductibles are usually between 0 and a few tens of thousands of yuan; {amount} looks too "
                          "large, please check (an extra 0?). If you are not sure, reply \"don't know\".",
        "approximate": "Registered as about {amount} for now; the policy's terms decide.",
        "ratio": "Please tell me what share the insurer pays after social (medical) insurance, for example \"100%\", "
                 "\"60%\" or \"0.6\"; if you are not sure, reply \"don't know\".",
        "hospital": "Does the policy have rules about hospitals? Please reply \"public grade 2 or above\" or \"any "
                    "hospital\"; if you are not sure, reply \"don't know\".",
    },
}
