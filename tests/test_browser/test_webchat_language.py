"""The web chat page in three languages, in Chromium: the switcher sends "/lang …", the page's own words
follow the conversation's language (the gateway's "language"), a first visit follows the browser.

The gateway runs here against the fake Rasa of tests/test_gateway (it echoes what it gets), so these
tests need no model and do not use the shared stack's ports.
"""
from __future__ import annotations

import asyncio
import threading

import pytest
import requests
from aiohttp import web
from playwright.sync_api import expect

from bot.gateway import create_app
from bot.settings import load_settings
from bot.store import migrate, reset_engines
from tests.test_gateway.conftest import RASA_TOKEN, FakeRasa

from .conftest import screenshot


@pytest.fixture(scope="module")
def chat(tmp_path_factory):
    """The gateway (and the fake Rasa) served from a thread of their own; yields (gateway URL, fake Rasa)."""
    database = f"sqlite:///{tmp_path_factory.mktemp('webchat-language') / 'claims.db'}"
    migrate(database)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="webchat-language", daemon=True)
    thread.start()
    rasa = FakeRasa()

    async def serve(app: web.Application) -> web.AppRunner:
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        return runner

    async def start():
        rasa_runner = await serve(rasa.app())
        rasa.url = "http://127.0.0.1:%d" % rasa_runner.addresses[0][1]
        gateway_runner = await serve(create_app(load_settings(), rasa_url=rasa.url, rasa_token=RASA_TOKEN,
                                                database_url=database, mount_console=False))
        return [gateway_runner, rasa_runner]

    runners = asyncio.run_coroutine_threadsafe(start(), loop).result(30)
    yield "http://127.0.0.1:%d" % runners[0].addresses[0][1], rasa

    async def stop():
        for runner in runners:
            await runner.cleanup()

    asyncio.run_coroutine_threadsafe(stop(), loop).result(30)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()
    reset_engines()


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_(url: str, locale: str, width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.problems = []  # console errors (a CSP violation would show here)
        page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
        page.goto(url + "/")
        return page

    yield open_
    for context in contexts:
        context.close()


def sender_of(page) -> str:
    return page.evaluate("localStorage.getItem('claims.webchat.sender')")


def sent_by(rasa: FakeRasa, page) -> list:
    sender = sender_of(page)
    return [text for who, text in rasa.messages if who == sender]


def test_the_switcher_sends_lang_and_the_page_speaks_english(chat, open_page):
    url, rasa = chat
    page = open_page(url, "zh-CN")
    expect(page.locator("[data-testid=bot-message]", has_text="收到：/greet")).to_be_visible()
    expect(page.get_by_test_id("send")).to_have_text("发送")
    expect(page.get_by_test_id("lang-zh-Hans")).to_have_attribute("aria-pressed", "true")

    page.get_by_test_id("lang-en").click()
    expect(page.locator("[data-testid=bot-message]", has_text="收到：/lang en")).to_be_visible()
    assert sent_by(rasa, page) == ["/greet", "/lang en"]
    expect(page.get_by_test_id("user-message").last).to_contain_text("English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_test_id("send")).to_have_text("Send")
    expect(page.get_by_test_id("text")).to_have_attribute("placeholder", "Type a message…")
    expect(page.get_by_test_id("new-chat")).to_have_text("New chat")
    expect(page.get_by_test_id("large-text")).to_have_text("Large text")
    expect(page.get_by_test_id("attach")).to_have_attribute("aria-label", "Send a photo or PDF of a document")
    expect(page.get_by_test_id("lang-en")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-testid=bot-message] .who").first).to_have_text("Assistant")
    assert page.title() == "Claims assistant · Online help"
    state = requests.get(f"{url}/api/messages", params={"sender": sender_of(page)}, timeout=10).json()
    assert state["language"] == "en"
    screenshot(page, "webchat-english")

    # The language belongs to the conversation: after a reload the page asks the gateway, not the browser.
    page.evaluate("localStorage.removeItem('claims.webchat.language')")
    page.reload()
    expect(page.get_by_test_id("send")).to_have_text("Send")
    expect(page.locator(".msg.user").last).to_contain_text("English")  # "/lang en" in the history

    page.get_by_test_id("lang-zh-Hant").click()
    expect(page.locator("[data-testid=bot-message]", has_text="收到：/lang zh-hant")).to_be_visible()
    expect(page.get_by_test_id("text")).to_have_attribute("placeholder", "輸入訊息…")
    expect(page.get_by_test_id("send")).to_have_text("傳送")
    assert page.problems == []


def test_a_first_visit_follows_the_browsers_language(chat, open_page):
    url, rasa = chat
    page = open_page(url, "en-US")
    expect(page.locator("[data-testid=bot-message]", has_text="收到：/greet")).to_be_visible()
    assert sent_by(rasa, page) == ['/greet{"language": "en"}']  # the dialogue greets in English too
    expect(page.get_by_test_id("send")).to_have_text("Send")
    expect(page.get_by_label("Type a message")).to_be_visible()
    expect(page.get_by_test_id("lang-en")).to_have_attribute("aria-pressed", "true")
    assert page.problems == []


def test_errors_are_said_in_the_pages_language(chat, open_page):
    url, _ = chat
    page = open_page(url, "en-GB")
    expect(page.locator("[data-testid=bot-message]").first).to_be_visible()
    page.get_by_label("Type a message").fill("x" * 5001)
    page.get_by_label("Type a message").press("Enter")
    expect(page.get_by_test_id("notice")).to_have_text(
        "Your message is too long (5,000 characters at most). Please send it in parts.")
    expect(page.get_by_test_id("user-message").last).to_contain_text("Not sent: too long")


def test_the_english_top_bar_fits_a_phone_with_large_text(chat, open_page):
    url, _ = chat
    page = open_page(url, "en-US", 360, 740)
    expect(page.locator("[data-testid=bot-message]").first).to_be_visible()
    page.get_by_test_id("large-text").click()
    expect(page.get_by_test_id("large-text")).to_have_attribute("aria-pressed", "true")
    screenshot(page, "webchat-english-phone-large")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    expect(page.get_by_test_id("lang-zh-Hant")).to_be_in_viewport()
