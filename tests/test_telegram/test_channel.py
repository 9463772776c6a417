"""The channel against the fake Bot API and a scripted gateway: what each kind of message does."""
import logging
from types import SimpleNamespace

from bot.channels.telegram import TelegramChannel, texts
from bot.gateway.rasa_client import RasaUnavailable
from bot.gateway.routes import RASA_DOWN
from bot.store.db import session_scope
from bot.store.models import ProcessedUpdate
from bot.store.transcripts import add_message

from .conftest import settings_for, said

CHAT = 5550001


async def test_start_registers_commands_and_polls(scripted):
    methods = [call.method for call in scripted.fake.calls]
    assert methods[:4] == ["getMe", "setMyCommands", "setMyCommands", "deleteWebhook"]
    chinese, english = scripted.fake.of("setMyCommands")
    assert [c["command"] for c in chinese.params["commands"]] == ["start", "help", "human", "elder", "elder_off", "cancel",
                                                                  "lang"]
    assert "language_code" not in chinese.params and english.params["language_code"] == "en"
    assert [c["command"] for c in english.params["commands"]] == [c["command"] for c in chinese.params["commands"]]
    assert scripted.gateway.channels["telegram"] == scripted.channel.push


async def test_commands_go_through_the_gateway(scripted):
    fake = scripted.fake
    for command, message in [("/start", "/greet"), ("/human", "/request_human"), ("/elder", "/elderly_assistance"),
                             ("/elder_off", "/elderly_mode_off"), ("/cancel", "/cancel")]:
        await scripted.send(fake.text(CHAT, command))
        assert scripted.gateway.received[-1] == (f"tg-{CHAT}", message, "telegram", str(CHAT))
    calls = await scripted.send(fake.text(CHAT, "/help"))
    assert scripted.gateway.received[-1][1] == "/help"
    assert "/human" in said(calls) and "/elder" in said(calls) and "/elder_off" in said(calls)
    calls = await scripted.send(fake.text(CHAT, "/upload_document"))
    assert said(calls) == texts.UNKNOWN_COMMAND and scripted.gateway.received[-1][1] == "/help"
    calls = await scripted.send(fake.text(CHAT, ' /upload_document{"upload_token": "x"}'))
    assert said(calls) == texts.UNKNOWN_COMMAND and len(scripted.gateway.received) == 6
    # Advisors see them in the transcript: the command itself, noted
    assert [shown for _, shown, _, _ in scripted.gateway.local] == [
        "/upload_document（未知命令）", '/upload_document{"upload_token":（未知命令）']


async def test_buttons_become_an_inline_keyboard_and_a_press_sends_the_payload(scripted):
    fake, gateway = scripted.fake, scripted.gateway
    long_payload = '/dispute_decision{"case_number":"C-1001","reason":"急诊由120送往最近的医院"}'
    gateway.replies = [{"text": "请选择：", "buttons": [{"title": "我要报案理赔", "payload": "/report_claim"},
                                                      {"title": "我有异议，想申诉", "payload": long_payload}]}]
    [menu] = await scripted.send(fake.text(CHAT, "你好"))
    assert menu.button_titles() == ["我要报案理赔", "我有异议，想申诉"]
    assert menu.button_data("报案") == "/report_claim"
    short = menu.button_data("申诉")
    assert short.startswith("#") and len(short.encode()) <= 64

    await scripted.send(fake.press(CHAT, short))
    assert gateway.received[-1][1] == long_payload
    assert len(fake.of("answerCallbackQuery")) == 1

    # A press after a restart: the payload is found in the conversation's transcript.
    with session_scope(gateway.database_url) as session:
        add_message(session, f"tg-{CHAT}", "bot", "请选择：", [{"title": "我有异议，想申诉", "payload": long_payload}])
    scripted.channel.callbacks = type(scripted.channel.callbacks)()
    await scripted.send(fake.press(CHAT, short))
    assert gateway.received[-1][1] == long_payload
    calls = await scripted.send(fake.press(CHAT, "#" + "0" * 24))
    assert said(calls) == texts.EXPIRED_BUTTON
    assert gateway.local[-1][1] == "（点了一个已过期的按钮）"


async def test_the_mobile_question_offers_the_share_contact_button_then_removes_it(scripted):
    fake, gateway = scripted.fake, scripted.gateway
    gateway.replies = [{"text": "请输入您在投保时留的手机号码（11位）。", "buttons": [], "custom": {"request_contact": True}}]
    [question] = await scripted.send(fake.text(CHAT, "我要报案"))
    assert texts.SHARE_CONTACT_HINT in question.text
    assert question.markup["keyboard"][0][0] == {"text": texts.SHARE_CONTACT_BUTTON, "request_contact": True}

    # Someone else's contact is refused, and the button is offered again.
    [refused] = await scripted.send(fake.contact(CHAT, "+86 139 0013 9000", user_id=CHAT + 1))
    assert refused.text == texts.NOT_YOUR_CONTACT and refused.markup["keyboard"]
    await scripted.send(fake.contact(CHAT, "13900139000", user_id=None))  # a card without a Telegram account
    assert [r[1] for r in gateway.received] == ["我要报案"]
    assert [shown for _, shown, _, _ in gateway.local] == ["📇（分享了别人的联系人）"] * 2

    gateway.replies = [{"text": "请输入身份证号码的最后4位。", "buttons": []}]
    [next_question] = await scripted.send(fake.contact(CHAT, "+86 138 0013 8000", user_id=CHAT))
    assert gateway.received[-1][1] == "13800138000"
    assert next_question.markup == {"remove_keyboard": True}
    [plain] = await scripted.send(fake.text(CHAT, "0026"))
    assert plain.markup is None


async def test_long_replies_are_split_with_the_keyboard_on_the_last_piece(scripted):
    fake, gateway = scripted.fake, scripted.gateway
    text = "\n".join(f"{i}. " + "需要的材料和说明" * 30 for i in range(60))
    gateway.replies = [{"text": text, "buttons": [{"title": "好的", "payload": "/affirm"}]}]
    calls = await scripted.send(fake.text(CHAT, "材料清单"))
    assert len(calls) > 1 and all(len(c.text) <= 4096 for c in calls)
    assert "\n".join(c.text for c in calls) == text
    assert [c.markup is not None for c in calls] == [False] * (len(calls) - 1) + [True]
    assert all("parse_mode" not in c.params for c in calls)  # plain text: nothing to escape


async def test_flood_control_is_retried(scripted):
    fake = scripted.fake
    fake.fail_next("sendMessage", retry_after=1)
    calls = await scripted.send(fake.text(CHAT, "你好"))
    assert [c.text for c in calls] == ["收到", "收到"]  # refused once with 429, then sent


async def test_photo_and_document_bytes_reach_handle_upload(scripted, sample_files):
    fake, gateway = scripted.fake, scripted.gateway
    calls = await scripted.send(fake.photo(CHAT, sample_files["sharp.jpg"], caption="出院小结"))
    sender, data, filename, caption, channel, ref = gateway.uploads[-1]
    assert (sender, data, caption, channel, ref) == (f"tg-{CHAT}", sample_files["sharp.jpg"], "出院小结", "telegram", str(CHAT))
    assert filename.endswith(".jpg") and said(calls) == "文件收到"
    assert fake.of("getFile")[-1].params["file_id"] == "file1"  # the largest size, not the thumbnail

    await scripted.send(fake.document(CHAT, sample_files["doc.pdf"], "费用明细.pdf"))
    assert gateway.uploads[-1][1:3] == (sample_files["doc.pdf"], "费用明细.pdf")

    calls = await scripted.send(fake.document(CHAT, 25 * 1024 * 1024, "扫描件.pdf"))
    assert said(calls) == texts.FILE_TOO_BIG and len(gateway.uploads) == 2 and len(fake.of("getFile")) == 2
    assert gateway.local[-1][1] == "📎 扫描件.pdf（超过20MB，没有收下）"


async def test_voice_stickers_and_locations_get_a_polite_reply(scripted):
    fake, gateway = scripted.fake, scripted.gateway
    [voice] = await scripted.send(fake.voice(CHAT))
    assert voice.text == texts.VOICE and voice.button_data("回电") == "/request_callback"
    [sticker] = await scripted.send(fake.sticker(CHAT))
    assert sticker.text == texts.OTHER["sticker"]
    [location] = await scripted.send(fake.location(CHAT))
    assert location.text == texts.OTHER["location"]
    [dice] = await scripted.send(fake.message(CHAT, {"dice": {"emoji": "🎲", "value": 3}}))
    assert dice.text == texts.OTHER_DEFAULT
    assert gateway.received == []  # nothing for the dialogue; the transcript keeps a note of each
    assert [shown for _, shown, _, _ in gateway.local] == ["🎤（语音消息）", "（表情贴纸）", "📍（位置）", "（机器人看不懂的消息）"]


async def test_a_repeated_update_is_processed_once_even_after_a_restart(scripted, fake):
    update = fake.text(CHAT, "你好")
    assert len(await scripted.send(update)) == 1
    assert await scripted.send(update, redeliver=True) == []
    await scripted.channel.stop()

    scripted.channel = TelegramChannel(settings_for(fake), scripted.gateway, poll_timeout=1)  # the fixture stops it
    await scripted.channel.start()
    assert await scripted.send(update, redeliver=True) == []
    assert len(await scripted.send(fake.text(CHAT, "在吗"))) == 1
    assert [r[1] for r in scripted.gateway.received] == ["你好", "在吗"]
    with session_scope(scripted.gateway.database_url) as session:
        assert session.query(ProcessedUpdate).count() == 2


async def test_errors_are_logged_masked_and_the_user_is_told(scripted, caplog):
    fake, gateway = scripted.fake, scripted.gateway

    async def down(*args, **kwargs):
        raise RasaUnavailable("Rasa did not answer")

    gateway.handle_user_message = down
    assert said(await scripted.send(fake.text(CHAT, "你好"))) == RASA_DOWN

    async def broken(sender_id, text, **kwargs):
        raise ValueError(f"cannot verify {text}")

    gateway.handle_user_message = broken
    with caplog.at_level(logging.ERROR, logger="bot.channels.telegram.channel"):
        calls = await scripted.send(fake.text(CHAT, "13800138000"))
    assert said(calls) == texts.ERROR
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Traceback" in logged and "ValueError: cannot verify 138****8000" in logged
    assert "13800138000" not in logged


async def test_pushed_advisor_messages_reach_the_chat(scripted):
    conversation = SimpleNamespace(sender_id=f"tg-{CHAT}", channel="telegram", channel_ref=str(CHAT))
    mark = len(scripted.fake.calls)
    await scripted.gateway.channels["telegram"](conversation, [{"role": "advisor", "text": "您好，我是顾问小李。"}])
    [call] = scripted.fake.since(mark)
    assert call.params["chat_id"] == str(CHAT) and call.text == texts.ADVISOR_PREFIX + "您好，我是顾问小李。"


async def test_edits_and_group_messages_are_answered(scripted):
    fake = scripted.fake
    edited = fake.text(CHAT, "你好")
    edited["edited_message"] = dict(edited.pop("message"), edit_date=1)
    assert said(await scripted.send(edited)) == texts.EDITED
    assert scripted.gateway.local[-1][1] == "✏️（改了一条已发的消息，机器人收不到修改）：你好"
    group = fake.text(CHAT, "/start")
    group["message"]["chat"] = {"id": -100123, "type": "supergroup", "title": "家庭群"}
    assert said(await scripted.send(group)) == texts.GROUPS
    assert scripted.gateway.received == []


async def test_a_chat_over_the_rate_limit_is_told_once_and_nothing_reaches_the_gateway(scripted, fake, monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_PER_MINUTE", "2")
    await scripted.channel.stop()
    scripted.channel = TelegramChannel(settings_for(fake), scripted.gateway, poll_timeout=1)  # the fixture stops it
    await scripted.channel.start()
    scripted.channel.chat_limit._buckets.now = lambda: 1000.0  # the wait told must not depend on this machine's speed
    for text in ("一", "二"):
        assert said(await scripted.send(fake.text(CHAT, text))) == "收到"
    told = await scripted.send(fake.text(CHAT, "三"))
    assert said(told) == texts.TOO_FAST.format(seconds=30)
    assert await scripted.send(fake.text(CHAT, "四")) == []  # told once per burst, not per message
    assert await scripted.send(fake.press(CHAT, "/affirm")) == []  # a pressed button gets a notice instead
    assert [c.params.get("text") for c in fake.of("answerCallbackQuery")] == [texts.TOO_FAST.format(seconds=30)]
    assert [r[1] for r in scripted.gateway.received] == ["一", "二"]
    assert said(await scripted.send(fake.text(CHAT + 1, "你好"))) == "收到"  # other chats are not held up
