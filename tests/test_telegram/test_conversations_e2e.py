"""Whole Telegram conversations: python-telegram-bot polling the fake Bot API, the real gateway
in process, the real Rasa and action server of the session `stack`."""
import hashlib
import io
import os
import random
import re
from pathlib import Path

from aiohttp import ClientSession
from aiohttp.test_utils import TestServer
from PIL import Image, ImageDraw

from bot.channels.telegram import TELEGRAM, texts
from bot.gateway import create_app
from bot.store.db import reset_engines, session_scope
from bot.store.transcripts import messages_of

from .conftest import settings_for, said


def new_chat() -> int:
    return random.randint(10**8, 10**9)


def unique_photo(base: bytes) -> bytes:
    """The sample JPEG with a unique stamp, so the dialogue never sees it as a repeat of another test's upload."""
    image = Image.open(io.BytesIO(base)).convert("RGB")
    ImageDraw.Draw(image).text((40, 40), f"No. {random.randint(0, 10**9)}", fill=(0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


def last_with_buttons(calls):
    return [c for c in calls if c.button_titles()][-1]


async def test_verification_with_a_shared_contact_and_a_claim_report_by_buttons(telegram):
    tg, fake, chat = telegram, telegram.fake, new_chat()
    calls = await tg.send(fake.text(chat, "我要报案"))
    question = calls[-1]
    assert "手机号码" in question.text and question.markup["keyboard"][0][0]["request_contact"] is True

    refused = await tg.send(fake.contact(chat, "+86 139 0013 9000", user_id=chat + 1))
    assert said(refused) == texts.NOT_YOUR_CONTACT

    calls = await tg.send(fake.contact(chat, "+86 138 0013 8000", user_id=chat))
    assert "最后4位" in said(calls) and calls[0].markup == {"remove_keyboard": True}
    calls = await tg.send(fake.text(chat, "0026"))
    assert "身份核实成功，王女士您好" in said(calls)

    calls = await tg.send(fake.press(chat, last_with_buttons(calls).button_data("医疗险")))
    assert "意外受伤，还是生病" in said(calls)
    calls = await tg.send(fake.press(chat, last_with_buttons(calls).button_data("生病")))
    assert "哪一天" in said(calls)
    assert "哪家医院" in said(await tg.send(fake.text(chat, "上周五")))
    calls = await tg.send(fake.text(chat, "北京朝阳医院"))
    calls = await tg.send(fake.press(chat, last_with_buttons(calls).button_data("三甲")))
    assert "多少钱" in said(await tg.send(fake.text(chat, "急性阑尾炎，做了手术")))
    calls = await tg.send(fake.text(chat, "一万二"))
    assert "出险日期：2026年11月20日" in said(calls) and "¥12,000.00" in said(calls)
    calls = await tg.send(fake.press(chat, last_with_buttons(calls).button_data("确认提交")))
    assert re.search(r"案件号是 C-\d{4}", said(calls)), said(calls)
    assert len(fake.of("answerCallbackQuery")) == 4

    with session_scope(tg.gateway.database_url) as session:
        transcript = messages_of(session, f"tg-{chat}")
        assert transcript[0].text == "我要报案" and {m.role for m in transcript} == {"user", "bot"}
    reset_engines()


async def test_a_photo_is_checked_against_the_current_claim(telegram, sample_files):
    tg, fake, chat = telegram, telegram.fake, new_chat()
    await tg.send(fake.text(chat, "我的理赔到哪一步了"))
    await tg.send(fake.text(chat, "13900139000"))
    calls = await tg.send(fake.text(chat, "003X"))
    assert "身份核实成功" in said(calls) and "C-1003" in said(calls)

    photo = unique_photo(sample_files["sharp.jpg"])
    calls = await tg.send(fake.photo(chat, photo, caption="出院小结"))
    assert "出院小结" in said(calls), said(calls)
    token = hashlib.sha256(photo).hexdigest()
    assert (Path(os.environ["CLAIMS_UPLOADS_DIR"]) / token[:2] / token).read_bytes() == photo  # the real bytes from getFile
    with session_scope(tg.gateway.database_url) as session:
        assert "📎" in messages_of(session, f"tg-{chat}")[-len(calls) - 1].text
    reset_engines()


async def test_a_voice_message_offers_a_call_back(telegram):
    tg, fake, chat = telegram, telegram.fake, new_chat()
    [reply] = await tg.send(fake.voice(chat))
    assert "听不了语音" in reply.text
    with session_scope(tg.gateway.database_url) as session:  # the advisor's transcript shows both
        assert [(m.role, m.text[:6]) for m in messages_of(session, f"tg-{chat}")] == [
            ("user", "🎤（语音消息"), ("bot", "抱歉，我暂时")]
    reset_engines()
    calls = await tg.send(fake.press(chat, reply.button_data("回电")))
    assert said(calls).strip()  # the dialogue answers the call-back request (verification first)


async def test_a_repeated_update_reaches_rasa_once(telegram):
    tg, fake, chat = telegram, telegram.fake, new_chat()
    update = fake.text(chat, "你好")
    first = await tg.send(update)
    assert any("报案" in t for c in first for t in c.button_titles())
    assert await tg.send(update, redeliver=True) == []
    with session_scope(tg.gateway.database_url) as session:
        assert [m.text for m in messages_of(session, f"tg-{chat}") if m.role == "user"] == ["你好"]
    reset_engines()


async def test_handoff_and_the_advisor_reply_arrive_in_the_chat(telegram):
    tg, fake, chat = telegram, telegram.fake, new_chat()
    sender = f"tg-{chat}"
    calls = await tg.send(fake.text(chat, "/human"))
    assert "顾问" in said(calls)
    assert await tg.gateway.mode_of(sender) == "advisor"
    assert await tg.send(fake.text(chat, "请尽快联系我")) == []  # the advisor reads it in the console

    mark = len(fake.calls)
    await tg.gateway.deliver(sender, [{"text": "您好，我是顾问小李，已经看到您的留言。"}])
    [pushed] = fake.since(mark)
    assert pushed.params["chat_id"] == str(chat)
    assert pushed.text == texts.ADVISOR_PREFIX + "您好，我是顾问小李，已经看到您的留言。"


async def test_webhook_mode_checks_the_secret_token(stack, fake, monkeypatch):
    settings = settings_for(fake, telegram_mode="webhook", telegram_webhook_url="https://bot.example.org/telegram/webhook",
                            telegram_webhook_secret="s3cret-token_1")
    app = create_app(settings, rasa_url=stack.url, rasa_token=stack.rasa_token, database_url=stack.database_url,
                     mount_console=False)
    server = TestServer(app)
    await server.start_server()
    try:
        [set_webhook] = fake.of("setWebhook")
        assert set_webhook.params["secret_token"] == "s3cret-token_1"
        assert set_webhook.params["url"] == "https://bot.example.org/telegram/webhook"
        assert fake.of("deleteWebhook") == []  # no polling
        chat = new_chat()
        update = fake.text(chat, "你好")
        url = str(server.make_url("/telegram/webhook"))
        async with ClientSession() as http:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with http.post(url, json=update, headers=headers) as response:
                    assert response.status == 403
            async with http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token_1"}) as response:
                assert response.status == 200
        await app[TELEGRAM].wait_processed(update["update_id"])
        assert any("报案" in t for c in fake.of("sendMessage") for t in c.button_titles())
    finally:
        await server.close()
        reset_engines()
