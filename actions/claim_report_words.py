"""What the claim report form's validators say (actions/claim_report_form.py), in Chinese and English.

The questions themselves are in actions/texts/ and texts_en/, the checks' messages in bot.claims.report_rules.
"""
from __future__ import annotations

from bot.i18n import EN

WORDS = {
    "zh": {
        "only_policy": "将为您的保单报案：{title}",
        "which_policy": "没能确定是哪一份保单。请点击下面的按钮选择，或回复序号（例如“1”）。",
        "incident_type": "请告诉我是“意外受伤”还是“生病”，也可以直接点按钮。",
        "future": "出险日期不能晚于今天（{today}）。请告诉我已经发生的日期，例如“昨天”或“11月3号”。",
        "bad_date": "没看懂这个日期。请说具体哪一天，例如“11月3号”、“昨天”或“2026年11月3日”。",
        "future_again": "出险日期不能晚于今天（{today}），请再说一次日期。",
        "hospital": "请告诉我医院的名称（40个字以内），例如“北京朝阳医院”。记不清全称的话，说个大概也可以。",
        "grade": "没听明白医院的等级。可以说“三甲”、“二级公立”、“民营医院”，或者点“不清楚”。",
        "diagnosis": "请用文字简单描述一下诊断或受伤情况，例如“急性阑尾炎，做了手术”。",
        "diagnosis_long": "描述有点长，请控制在{max}字以内，写清诊断和主要治疗就可以。",
        "amount": "没看懂这个金额。请告诉我一共花了多少钱，例如“8000元”、“八千”或“1.3万”。",
        "amount_zero": "金额需要大于0，请再说一次。",
        "amount_currency": ("理赔金额请按人民币告诉我，例如“3418元”。在境外看病的话，按发票大致折算成人民币就行，"
                            "保险公司会按汇率核定。"),
        "confirm": "请点“确认提交”，或告诉我要修改哪一项，例如“日期是11月3号”。",
    },
    EN: {
        "only_policy": "Reporting the claim on your policy: {title}",
        "which_policy": "I could not tell which policy you mean. Please tap one of the buttons below, or reply with its "
                        "number (for example \"1\").",
        "incident_type": "Please tell me whether it was an \"accident\" or an \"illness\", or tap a button.",
        "future": "The date cannot be later than today ({today}). Please tell me a day that has already happened, for "
                  "example \"yesterday\" or \"Nov 3\".",
        "bad_date": "I could not read that date. Please name the day, for example \"Nov 3\", \"yesterday\" or "
                    "\"3 November 2026\".",
        "future_again": "The date cannot be later than today ({today}): please tell me the date again.",
        "hospital": "Please tell me the hospital's name (up to 40 characters), for example \"Beijing Chaoyang "
                    "Hospital\". If you do not remember the full name, roughly is fine.",
        "grade": "I did not understand the hospital's grade. You can say \"grade 3A\", \"public grade 2\", "
                 "\"private hospital\", or tap \"Not sure\".",
        "diagnosis": "Please describe the diagnosis or injury in a few words, for example \"acute appendicitis, "
                     "operated\".",
        "diagnosis_long": "That is a bit long: please keep it within {max} characters, just the diagnosis and the main "
                          "treatment.",
        "amount": "I could not read that amount. Please tell me how much it cost in all, for example \"8000 yuan\", "
                  "\"8k\" or \"13,000\".",
        "amount_zero": "The amount must be more than 0: please tell me again.",
        "amount_currency": ("Please give the amount in yuan (RMB), for example \"3418 yuan\". For treatment abroad, "
                            "a rough conversion of the bills into yuan is fine: the insurer applies the exchange rate."),
        "confirm": "Please tap \"Confirm and submit\", or tell me what to change, for example \"the date is Nov 3\".",
    },
}
