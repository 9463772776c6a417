"""Help review end to end: status, uploads staged as a channel does, submission; through real servers."""
import os
import subprocess
import sys

from sqlalchemy import select

from bot.channels.files import upload_message
from bot.documents import staging
from bot.settings import PROJECT_ROOT
from bot.store.db import reset_engines, session_scope
from bot.store.models import Claim

from .conftest import texts


def buttons(messages):
    return [b for m in messages for b in m.get("buttons") or []]


def test_c1003_is_completed_by_two_uploads_and_submitted(stack, sender, sample_files, monkeypatch, tmp_path):
    # The test stages files where the stack's action server looks for them, as a channel on this machine would.
    monkeypatch.setenv("CLAIMS_VAR_DIR", str(stack.workdir))
    monkeypatch.delenv("CLAIMS_UPLOADS_DIR", raising=False)

    reply = stack.send(sender, "我的理赔到哪一步了")
    assert "核实身份" in texts(reply)
    stack.send(sender, "13900139000")
    reply = stack.send(sender, "003X")
    said = texts(reply)
    assert "身份核实成功" in said and "案件 C-1003" in said and "还需要补2项" in said

    bad = staging.stage(sample_files["program.exe.jpg"], "发票.jpg")
    said = texts(stack.send(sender, upload_message(bad)))
    assert "JPG" in said or "PDF" in said

    unknown = staging.stage(sample_files["sharp.jpg"], "IMG_2031.jpg")
    reply = stack.send(sender, upload_message(unknown))
    assert "哪一种材料" in texts(reply)
    reply = stack.send(sender, next(b["payload"] for b in buttons(reply) if b["title"].endswith("费用明细清单")))  # "1. …" in elderly mode (李建国 is 70)
    assert "已收到：费用明细清单" in texts(reply) and "还需要补1项" in texts(reply)

    reply = stack.send(sender, upload_message(unknown))
    assert "已经收到过了" in texts(reply)

    # The CLI does what the terminal chat's /file does: the gateway's upload API stages and sends it.
    document = tmp_path / "出院小结.pdf"
    document.write_bytes(sample_files["doc.pdf"])
    env = dict(os.environ, GATEWAY_HOST="127.0.0.1", GATEWAY_PORT=str(stack.gateway_port))
    cli = subprocess.run([sys.executable, "-m", "bot", "upload", "--sender", sender, str(document)],
                         cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert cli.returncode == 0, cli.stderr
    assert "已收到：出院小结" in cli.stdout and "必需材料已经齐全" in cli.stdout

    reply = stack.send(sender, "材料齐了，帮我提交给保险公司")
    assert "已提交保险公司" in texts(reply)
    reset_engines()
    with session_scope(stack.database_url) as session:
        assert session.execute(select(Claim.status).where(Claim.case_number == "C-1003")).scalar_one() == "submitted"


def test_general_checklist_needs_no_verification(stack, sender):
    reply = stack.send(sender, "理赔要准备哪些材料")
    assert "哪一类理赔" in texts(reply)
    reply = stack.send(sender, next(b["payload"] for b in buttons(reply) if b["title"] == "意外 · 住院"))
    assert "意外事故证明" in texts(reply) and "费用明细清单" in texts(reply)
