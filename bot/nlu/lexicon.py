"""Word-list entities: hospital names, grade, ownership, incident type, relationship.

Rules prefer missing to wrong: negated mentions ("不是意外", "没有受伤") and
look-alikes ("三级伤残", "二甲双胍", "意外险") are skipped.
"""
from __future__ import annotations

import re

from bot.nlu.candidates import Candidate


def _words(*words: str) -> str:
    """Regex alternation trying longer words first."""
    return "|".join(sorted(words, key=len, reverse=True))


# --- hospital names -----------------------------------------------------------
_SUFFIX = re.compile(_words(
    "社区卫生服务中心", "卫生服务中心", "卫生服务站", "医院", "卫生院", "保健院", "诊所",
    "门诊部", "医疗中心", "医学中心", "卫生室", "疗养院", "急救中心",
))
_SELF_SUFFICIENT = {"社区卫生服务中心"}  # a name even without a place before it
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
_MAX_NAME_PREFIX = 20
_CN_NUM = "零〇一二两三四五六七八九十"
# Words that end the part *before* a name: time, verbs, prepositions, people.
_LEADING_NOISE = re.compile(_words(
    "今天", "昨天", "前天", "大前天", "去年", "今年", "前年", "上个月", "上月", "这个月", "本月",
    "上午", "下午", "晚上", "早上", "中午", "凌晨", "半夜", "昨晚", "今早", "当天", "后来", "然后",
    "被送到", "送到了", "送到", "送进了", "送进", "送去", "转到了", "转到", "转院到", "转去",
    "住进了", "住进", "住在", "住到", "住了", "就诊于", "就诊", "就医", "看病", "去了", "到了",
    "需要", "要求", "必须", "只能", "可以", "能不能", "什么", "哪些", "哪种", "哪里", "这种",
    "那种", "所有", "一般", "包括", "算不算", "说", "要", "让", "找", "问", "请", "算", "能",
    "在", "去", "到", "于", "往", "从", "进", "把", "被", "给", "了", "是", "的", "叫", "跟",
    "我们", "你们", "他们", "她们", "咱们", "我", "你", "他", "她", "家里人", "家人", "老伴",
    "我妈", "我爸", "老婆", "老公", "妻子", "丈夫", "爱人", "媳妇", "父母", "父亲", "母亲",
    "爸爸", "妈妈", "儿子", "女儿", "孩子", "闺女", "本人", "自己",
) + rf"|(?:上上|上|这|本)个?(?:周|星期|礼拜)[一二三四五六日天]?|(?:周|星期|礼拜)[一二三四五六日天]"
    rf"|[\d{_CN_NUM}]+(?:年|月|日|号|天前|天)")
_DETERMINER = re.compile(r"(?:[这那哪一某每][家个所])+")  # "一家华康医院" → "华康医院"
# A "name" made only of these is a kind of hospital, not a hospital ("三甲医院").
_GENERIC = re.compile("(?:" + _words(
    "大", "小", "好", "公立", "非公立", "私立", "私人", "民营", "私营", "公办", "国营", "营利性",
    "非营利性", "三甲", "三乙", "二甲", "二乙", "三级", "二级", "一级", "甲等", "乙等", "社区",
    "当地", "本地", "附近", "专科", "综合", "正规", "普通", "定点", "指定", "合作", "医保定点",
    "别的", "其他", "其它", "另一", "另外", "任何",
) + ")+")
# One character before the suffix is a name only for "县医院", "市医院"...
_ONE_CHAR_PLACES = set("县市区省镇乡")


def find_hospitals(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    floor = 0  # never reach back into the previous hospital name
    for match in _SUFFIX.finditer(text):
        start = match.start()
        while (start > floor and match.start() - start < _MAX_NAME_PREFIX
               and _NAME_CHAR.match(text[start - 1])):
            start -= 1
        start = max((m.end() for m in _LEADING_NOISE.finditer(text, start, match.start())),
                    default=start)
        determiner = _DETERMINER.match(text, start, match.start())
        start = determiner.end() if determiner else start
        prefix = text[start:match.start()]
        if match.group() not in _SELF_SUFFICIENT and (
            not prefix
            or _GENERIC.fullmatch(prefix)
            or (len(prefix) == 1 and prefix not in _ONE_CHAR_PLACES)
        ):
            continue
        found.append(Candidate(start, match.end(), "hospital", text[start:match.end()]))
        floor = match.end()
    return found


# --- word lists -----------------------------------------------------------------
# Followed by these, a grade word is about a hospital (not 三级伤残, 二甲双胍...).
_GRADE_CONTEXT = r"(?=医院|医疗|的|公立|私立|民营|综合|专科|[吗吧呢啊]|[，,。.!！?？、；;\s]|$)"
_NEGATION = r"(?<!不是)(?<!没有)(?<!并非)(?<!并未)(?<![不没未无非])"

_RULES: list[tuple[str, str, str]] = [
    # (label, value, pattern)
    ("hospital_grade", "3A", rf"{_NEGATION}(?:三级甲等|三甲|3级甲等|3甲){_GRADE_CONTEXT}"),
    ("hospital_grade", "3", rf"{_NEGATION}(?:三级[乙丙]等|三[乙丙]|三级|3级){_GRADE_CONTEXT}"),
    ("hospital_grade", "2", rf"{_NEGATION}(?:二级[甲乙丙]等|二[甲乙]|二级|2级){_GRADE_CONTEXT}"),
    ("hospital_grade", "1", rf"{_NEGATION}(?:一级[甲乙丙]等|一级|1级){_GRADE_CONTEXT}"),
    ("hospital_grade", "unrated", _words("未定级", "没有定级", "没定级", "不定级", "无等级",
                                         "没有等级", "没等级", "未评级", "没有评级", "没评级")),
    ("hospital_ownership", "private", rf"非公立|{_NEGATION}(?:私立|民营|私营|私人(?=的?(?:医院|诊所)))"),
    ("hospital_ownership", "public", rf"{_NEGATION}(?:公立|公办|国营|国立)"),
    ("incident_type", "accident", _NEGATION + "(?:" + _words(
        "意外事故", "意外受伤", "受伤", "受了伤", "摔伤", "摔倒", "摔了", "跌倒", "跌伤", "撞伤",
        "被撞", "车祸", "交通事故", "割伤", "划伤", "烫伤", "烧伤", "骨折", "扭伤", "崴脚", "被狗咬",
        "狗咬", "咬伤", "外伤", "溺水", "工伤",
    ) + r"|意外(?!险|保险))"),
    ("incident_type", "illness", _NEGATION + "(?:" + _words(
        "生病", "生了病", "得病", "得了病", "病了", "患病", "发烧", "发热", "感冒", "肺炎",
        "阑尾炎", "胃炎", "肠炎", "结石", "癌症", "癌", "肿瘤", "白血病", "高血压", "糖尿病",
        "心脏病", "冠心病", "脑梗", "心梗", "心肌梗塞", "脑出血", "中风", "哮喘", "支气管炎", "肝炎", "流感", "新冠", "胰腺炎",
    ) + r"|疾病(?!险|保险))"),
    ("relationship", "self", r"本人|我自己|自己(?![付出掏花垫交])"),
    ("relationship", "spouse", r"配偶|老婆|老公|老伴|妻子|丈夫|爱人|太太|(?<!儿)媳妇"),
    ("relationship", "parent", _words("父母", "父亲", "母亲", "爸爸", "妈妈", "爸妈", "老爸", "老妈",
                                      "我爸", "我妈", "我爸爸", "我妈妈", "老人")),
    # Not 生孩子 / 怀孩子 (childbirth, pregnancy).
    ("relationship", "child", r"(?<![生怀])(?:孩子|小孩)|子女|儿子|女儿|闺女|儿女"),
]
_COMPILED = [(label, value, re.compile(pattern)) for label, value, pattern in _RULES]


def find_lexicon_entities(text: str) -> list[Candidate]:
    return [
        Candidate(m.start(), m.end(), label, value)
        for label, value, pattern in _COMPILED
        for m in pattern.finditer(text)
    ]
