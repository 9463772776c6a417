"""Real pages in a real browser: Playwright drives Debian's Chromium (it cannot download one here).

The browser is found with `shutil.which("chromium")`. Under CI a missing browser fails the
run (`.ci/run` installs it); on a laptop without it these tests skip and say how to install it.
Screenshots are saved under test-artifacts/screenshots/ (ignored by git).
"""
from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT
from tests.conftest import FROZEN_NOW

SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
# The stack's frozen clock (CLAIMS_NOW): rows a test writes itself are written at it too (clock.freeze),
# or the console would see answers from before the items they answer.
STACK_NOW = datetime.fromisoformat(FROZEN_NOW)
# Without these, Chromium keeps trying to reach Google's services, which this machine refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


# One browser per module, not per session: Playwright's sync API keeps an event loop running
# while it is open, and pytest-asyncio tests in later folders need to run their own.
@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        message = "Debian's chromium is not installed: `apt-get install chromium fonts-noto-cjk` (.ci/run does it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def new_page(browser):
    """Open pages in fresh browser contexts (own cookies), closed after the test."""
    contexts = []

    def open_page(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
