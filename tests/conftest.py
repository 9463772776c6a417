"""Fixtures shared by every test folder: real upload files (generated), an uploads folder,
and the end-to-end stack.

The files are made on demand with Pillow and pypdf, never stored in the repository.
"""
from __future__ import annotations

import io
import uuid

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from pypdf import PdfWriter

from bot.stack import MODEL, Stack

FROZEN_NOW = "2026-11-24T10:00:00+08:00"


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """argon2id with the smallest cost in tests: the console tests log in hundreds of times,
    and the algorithm and its checks are the same (the servers of the e2e stack keep the defaults)."""
    from argon2 import PasswordHasher

    from bot.store import advisors

    monkeypatch.setattr(advisors, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """Real Rasa server + action server + gateway on spare loopback ports, on a throwaway database.

    One per test session, shared by tests/test_e2e and tests/test_gateway. Needs the trained
    model (models/claims.tar.gz): `make test` trains before pytest.
    """
    if not MODEL.is_file():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it) before the end-to-end tests")
    running = Stack(tmp_path_factory.mktemp("stack"), rasa_port=5105, actions_port=5155, gateway_port=5180,
                    extra_env={"CLAIMS_NOW": FROZEN_NOW})
    running.prepare_database()
    running.start()
    yield running
    running.stop()


@pytest.fixture
def sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}"


def _text_page(width: int, height: int, text_px: int, blur: float = 0):
    """A page of text-like lines, as a phone photo of a form would show it."""
    image = Image.new("RGB", (width, height), (236, 236, 230))
    draw, font = ImageDraw.Draw(image), ImageFont.load_default(size=text_px)
    words = ["Invoice", "Total", "1,234.00", "Beijing", "Hospital", "No.", "2026-11-01", "CT", "Qty"]
    y, row = text_px * 2, 0
    while y < height - text_px * 2:
        x = text_px * 2
        while x < width - text_px * 6:
            word = words[(x // text_px + row) % len(words)]
            draw.text((x, y), word, fill=(25, 25, 25), font=font)
            x += int(text_px * (len(word) * 0.6 + 1.5))
        y, row = y + int(text_px * 1.8), row + 1
    return image.filter(ImageFilter.GaussianBlur(blur)) if blur else image


def _encode(image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **({"quality": 88} if fmt == "JPEG" else {}))
    return buffer.getvalue()


@pytest.fixture(scope="session")
def sample_files():
    """Small real files by name, built once per test session (the big one is built by `big_file`)."""
    page = _text_page(1240, 1754, 16)
    pdf = _encode(page.convert("L").resize((620, 877)), "PDF")
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt("secret", "owner", algorithm="AES-256")
    locked = io.BytesIO()
    writer.write(locked)
    return {
        "sharp.jpg": _encode(page, "JPEG"),
        "sharp2.jpg": _encode(_text_page(1200, 1600, 22), "JPEG"),
        "sharp.png": _encode(_text_page(900, 1200, 14), "PNG"),
        "blurry.jpg": _encode(_text_page(1240, 1754, 16, blur=4), "JPEG"),
        "small.jpg": _encode(_text_page(480, 360, 12), "JPEG"),
        "blank.jpg": _encode(Image.new("RGB", (1200, 1600), (240, 240, 240)), "JPEG"),
        "truncated.jpg": _encode(page, "JPEG")[:20_000],
        "doc.pdf": pdf,
        "truncated.pdf": pdf[: len(pdf) // 2],
        "locked.pdf": locked.getvalue(),
        "program.exe.jpg": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200),
        "program.elf.jpg": b"\x7fELF\x02\x01\x01" + bytes(200),
        "empty.jpg": b"",
    }


@pytest.fixture
def big_file():
    """21 MB that start like a JPEG; built per test and dropped after it."""
    return b"\xff\xd8\xff\xe0" + bytes(21 * 1024 * 1024)


@pytest.fixture
def uploads(tmp_path, monkeypatch):
    """A fresh uploads folder (CLAIMS_UPLOADS_DIR) for the test."""
    folder = tmp_path / "uploads"
    monkeypatch.setenv("CLAIMS_UPLOADS_DIR", str(folder))
    return folder
