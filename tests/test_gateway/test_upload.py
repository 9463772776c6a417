"""POST /api/upload and Gateway.handle_upload against a fake Rasa: staging, transcript note, order, limits."""
import asyncio
import io
import json

import aiohttp
import pytest

from bot.channels.files import upload_message, upload_note
from bot.documents import staging

from .test_chat_api import hand_over


def form(sender="web-1", data=b"\xff\xd8\xffjpeg", filename="发票.jpg", caption=None, channel=None) -> aiohttp.FormData:
    body = aiohttp.FormData()
    if sender is not None:
        body.add_field("sender", sender, content_type="text/plain")  # multipart even without a file
    if caption is not None:
        body.add_field("caption", caption)
    if channel is not None:
        body.add_field("channel", channel)
    if data is not None:
        body.add_field("file", data, filename=filename, content_type="application/octet-stream")
    return body


def token_of(rasa_text: str) -> str:
    assert rasa_text.startswith("/upload_document")
    return json.loads(rasa_text[len("/upload_document"):])["upload_token"]


async def test_upload_is_staged_noted_and_sent_to_rasa(client, fake_rasa, uploads, sample_files):
    response = await client.post("/api/upload", data=form(data=sample_files["sharp.jpg"], caption="住院发票", channel="web"))
    assert response.status == 200
    body = await response.json()
    assert body["mode"] == "bot" and [m["role"] for m in body["messages"]] == ["bot", "bot"]

    [(sender, rasa_text)] = fake_rasa.messages
    staged = staging.load(token_of(rasa_text))
    assert sender == "web-1" and staged.read() == sample_files["sharp.jpg"]
    assert (staged.filename, staged.caption) == ("发票.jpg", "住院发票")
    assert staged.path.is_relative_to(uploads)

    transcript = await (await client.get("/api/messages", params={"sender": "web-1"})).json()
    assert transcript["messages"][0]["role"] == "user"
    assert transcript["messages"][0]["text"] == "📎 发票.jpg（说明：住院发票）"  # never the token message


async def test_handle_upload_for_channels_in_the_same_process(client, fake_rasa, uploads):
    gateway = client.app["gateway"]
    replies = await gateway.handle_upload("tg-1", b"%PDF-1.4 x", "../../etc/出院小结.pdf", channel="terminal")
    assert replies[0]["text"].startswith("收到：/upload_document")
    assert fake_rasa.messages == [("tg-1", upload_message(staging.stage(b"%PDF-1.4 x")))]
    [note] = [m for m in await gateway.messages_after("tg-1") if m["role"] == "user"]
    assert note["text"] == "📎 出院小结.pdf"  # no folder part, no caption


async def test_the_note_is_in_the_conversations_language(client, fake_rasa, gateway_db, uploads):
    from bot.store.conversations import set_conversation_language
    from bot.store.db import session_scope

    await client.post("/api/messages", json={"sender": "en-1", "text": "hello"})
    await client.post("/api/messages", json={"sender": "hant-1", "text": "你好"})
    with session_scope(gateway_db) as session:
        set_conversation_language(session, "en-1", "en")
        set_conversation_language(session, "hant-1", "zh-Hant")
    await client.post("/api/upload", data=form(sender="en-1", filename="bill.pdf", caption="hospital bill"))
    await client.post("/api/upload", data=form(sender="hant-1", filename="發票.jpg", caption="住院發票"))
    notes = {}
    for sender in ("en-1", "hant-1"):
        transcript = await (await client.get("/api/messages", params={"sender": sender})).json()
        notes[sender] = [m["text"] for m in transcript["messages"] if m["role"] == "user"][-1]
    assert notes == {"en-1": "📎 bill.pdf (note: hospital bill)", "hant-1": "📎 發票.jpg（說明：住院發票）"}
    assert (upload_note(None, None, "en"), upload_note("", "单据")) == ("📎 file", "📎 文件（说明：单据）")


async def test_uploads_and_texts_of_one_sender_keep_their_order(client, fake_rasa, uploads):
    fake_rasa.delays = {"我要报案": 0.3}
    first = asyncio.create_task(client.post("/api/messages", json={"sender": "s", "text": "我要报案"}))
    await asyncio.sleep(0.05)
    second = asyncio.create_task(client.post("/api/upload", data=form(sender="s")))
    await asyncio.gather(first, second)
    assert [text[:16] for _, text in fake_rasa.messages] == ["我要报案", "/upload_document"]


async def test_in_advisor_mode_the_file_is_staged_and_noted_but_rasa_gets_nothing(client, fake_rasa, gateway_db, uploads):
    hand_over(gateway_db, "u-7")
    response = await client.post("/api/upload", data=form(sender="u-7", data=b"photo", filename="IMG_1.jpg"))
    assert await response.json() == {"messages": [], "mode": "advisor", "language": None}
    assert fake_rasa.messages == []
    assert staging.load(staging.stage(b"photo")) is not None
    transcript = await (await client.get("/api/messages", params={"sender": "u-7"})).json()
    assert [m["text"] for m in transcript["messages"]] == ["📎 IMG_1.jpg"]


async def test_an_empty_file_goes_to_the_dialogue_which_answers_it(client, fake_rasa, uploads):
    response = await client.post("/api/upload", data=form(data=b""))
    assert response.status == 200
    assert staging.load(token_of(fake_rasa.messages[0][1])).size_bytes == 0


async def test_a_file_over_20_mb_is_refused_with_413(client, fake_rasa, uploads, big_file):
    response = await client.post("/api/upload", data=form(data=io.BytesIO(big_file)))
    assert response.status == 413
    error = await response.json()
    assert error["error"] == "file_too_large" and "20MB" in error["message"] and " / " in error["message"]
    assert fake_rasa.messages == [] and not any(uploads.rglob("*.json"))


@pytest.mark.parametrize("fields, status, code", [
    ({"sender": None}, 400, "sender_missing"),
    ({"sender": "a b"}, 400, "sender_invalid"),
    ({"data": None}, 400, "file_missing"),
    ({"caption": "长" * 1001}, 413, "caption_too_long"),
    ({"channel": "telegram"}, 400, "channel_invalid"),
])
async def test_bad_upload_forms_get_a_clear_json_error(client, fake_rasa, uploads, fields, status, code):
    response = await client.post("/api/upload", data=form(**fields))
    assert response.status == status
    error = await response.json()
    assert error["error"] == code and " / " in error["message"]
    assert fake_rasa.messages == []


async def test_an_upload_that_is_not_a_form_is_refused(client, fake_rasa):
    response = await client.post("/api/upload", json={"sender": "u", "file": "x"})
    assert response.status == 400 and (await response.json())["error"] == "body_invalid"


async def test_the_web_chat_page_and_its_files_are_served(client):
    page = await client.get("/")
    assert page.status == 200 and page.content_type == "text/html"
    html = await page.text()
    assert "理赔小助手" in html and 'lang="zh-Hans"' in html
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    for asset, kind in (("/static/chat.js", "javascript"), ("/static/texts.js", "javascript"), ("/static/chat.css", "text/css")):
        response = await client.get(asset)
        assert response.status == 200 and kind in response.content_type
    assert "innerHTML" not in await (await client.get("/static/chat.js")).text()  # text goes in as text
    assert (await client.get("/static/../routes.py")).status in (403, 404)


async def transcript_of(client, sender: str) -> list:
    return (await (await client.get("/api/messages", params={"sender": sender})).json())["messages"]


async def test_the_sender_gets_their_file_back_from_the_transcript(client, fake_rasa, uploads, sample_files):
    await client.post("/api/messages", json={"sender": "web-1", "text": "我要报案"})
    await client.post("/api/upload", data=form(data=sample_files["sharp.jpg"], filename="发票.jpg"))
    text, note = [m for m in await transcript_of(client, "web-1") if m["role"] == "user"]
    assert "file" not in text
    assert note["file"] == {"type": "image/jpeg", "url": f"/api/files/{note['id']}?sender=web-1"}

    photo = await client.get(note["file"]["url"])
    assert photo.status == 200 and await photo.read() == sample_files["sharp.jpg"]
    assert photo.headers["Content-Type"] == "image/jpeg" and photo.headers["X-Content-Type-Options"] == "nosniff"
    assert photo.headers["Content-Disposition"] == "inline; filename*=UTF-8''%E5%8F%91%E7%A5%A8.jpg"
    assert photo.headers["Cache-Control"] == "no-store"


async def test_no_one_else_gets_a_file_not_even_whether_it_exists(client, fake_rasa, uploads, sample_files):
    await client.post("/api/upload", data=form(sender="web-1", data=sample_files["sharp.jpg"]))
    [note, reply, *_] = await transcript_of(client, "web-1")
    await client.post("/api/upload", data=form(sender="web-2", data=sample_files["sharp.jpg"]))  # the same bytes

    nobody = await client.get("/api/files/999999", params={"sender": "web-2"})
    assert nobody.status == 404
    refusals = [await client.get(f"/api/files/{note['id']}", params={"sender": "web-2"}),  # another conversation
                await client.get(f"/api/files/{reply['id']}", params={"sender": "web-1"})]  # a bot message
    for refused in refusals:
        assert (refused.status, await refused.json()) == (404, await nobody.json())
    assert (await nobody.json())["error"] == "file_not_found"
    for params, code in (({}, "sender_missing"), ({"sender": "tg-1"}, "sender_reserved")):
        refused = await client.get(f"/api/files/{note['id']}", params=params)
        assert (refused.status, (await refused.json())["error"]) == (400, code)
    [other_note, *_] = await transcript_of(client, "web-2")
    assert (await client.get(other_note["file"]["url"])).status == 200  # their own copy, under their own message


async def test_pdfs_open_in_the_browser_other_files_download(client, fake_rasa, uploads):
    await client.post("/api/upload", data=form(sender="s", data=b"%PDF-1.4 x", filename="出院小结.pdf"))
    await client.post("/api/upload", data=form(sender="s", data=b"MZ\x90\x00 not a document", filename="a.exe"))
    pdf, exe = [m["file"] for m in await transcript_of(client, "s") if m["role"] == "user"]
    assert (pdf["type"], exe["type"]) == ("application/pdf", None)
    assert (await client.get(pdf["url"])).headers["Content-Type"] == "application/pdf"
    download = await client.get(exe["url"])
    assert download.headers["Content-Type"] == "application/octet-stream"
    assert download.headers["Content-Disposition"] == "attachment; filename*=UTF-8''a.exe"


async def test_a_file_sent_to_an_advisor_and_a_cleaned_up_file(client, fake_rasa, gateway_db, uploads):
    hand_over(gateway_db, "u-7")
    await client.post("/api/upload", data=form(sender="u-7", data=b"\x89PNG\r\n\x1a\n...", filename="IMG_1.png"))
    [note] = await transcript_of(client, "u-7")
    assert (await client.get(note["file"]["url"])).status == 200  # the bot never saw it; the user can open it
    staging.path_for(staging.stage(b"\x89PNG\r\n\x1a\n...")).unlink()
    assert (await client.get(note["file"]["url"])).status == 404
