"""Help interpret end to end: glossary, a decision explained after verification, a coverage question."""
from .conftest import texts
from .test_review_e2e import buttons


def test_glossary_needs_no_verification(stack, sender):
    assert "免赔额" in texts(stack.send(sender, "免赔额是什么意思"))


def test_decision_then_coverage_for_wang_li(stack, sender):
    assert "核实身份" in texts(stack.send(sender, "为什么我的理赔只赔了三千多"))
    stack.send(sender, "13800138000")
    reply = stack.send(sender, "0026")
    titles = [b["title"] for b in buttons(reply)]
    assert "身份核实成功" in texts(reply) and len(titles) == 2  # two decided claims, C-1001 and C-1002: a choice
    said = texts(stack.send(sender, next(b["payload"] for b in buttons(reply) if "C-1002" in b["title"])))
    assert "医疗费用总额 ¥16,250.00" in said and "= 实际赔付金额 ¥3,418.00" in said
    said = texts(stack.send(sender, "私立医院看病能报吗"))
    assert "第2.4条“医院范围”" in said and "理赔顺序" in said


def test_the_rejected_claim_is_meant_and_a_typed_case_number_picks_one(stack, sender):
    assert "核实身份" in texts(stack.send(sender, "我的理赔为什么被拒了"))
    stack.send(sender, "13800138000")
    said = texts(stack.send(sender, "0026"))  # the one rejected claim: no question which
    assert "案件C-1001没有获得赔付" in said and "您名下有" not in said, said
    reply = stack.send(sender, "查理赔进度")
    assert "或回复序号、案件号都可以" in texts(reply) and any("C-1002" in b["title"] for b in buttons(reply))
    said = texts(stack.send(sender, "C-1002"))  # typed instead of pressed (real NLU: choose_number)
    assert "案件 C-1002" in said and "赔款到账" in said, said


def test_a_described_claim_is_picked(stack, sender):
    # The stack's database is shared by the module's tests: another one may have filed an appendicitis claim.
    assert "核实身份" in texts(stack.send(sender, "查理赔进度"))
    stack.send(sender, "13800138000")
    reply = stack.send(sender, "0026")
    assert any("C-1001" in b["title"] for b in buttons(reply))
    said = texts(stack.send(sender, "肌腱那个"))  # real NLU: choose_number; the dialogue finds C-1001
    assert "案件 C-1001" in said and "已拒赔" in said, said
    reply = stack.send(sender, "查理赔进度")
    said = texts(stack.send(sender, "骨折那个"))  # fits none: asked again, with the claims
    assert "没找到和“骨折那个”对得上的一项" in said and len(buttons(reply)) >= 2, said
    said = texts(stack.send(sender, "赔了的那个"))
    assert "案件 C-1002" in said and "赔款到账" in said, said
