"""Staging uploads and inspecting them, on real generated files."""
import io
import json

import pytest
from PIL import Image

from bot.documents import staging
from bot.documents.inspect import MAX_BYTES, MIN_SHARPNESS, inspect_file


def test_sharp_images_and_pdfs_pass(sample_files):
    for name in ("sharp.jpg", "sharp2.jpg", "sharp.png"):
        result = inspect_file(sample_files[name])
        assert result.ok and result.problem is None and result.message is None, name
        assert result.sharpness >= MIN_SHARPNESS and not result.refused and not result.poor
    jpeg = inspect_file(sample_files["sharp.jpg"])
    assert (jpeg.kind, jpeg.mime, jpeg.width, jpeg.height) == ("jpeg", "image/jpeg", 1240, 1754)
    assert set(jpeg.measurements) == {"size_bytes", "width", "height", "sharpness"}
    pdf = inspect_file(sample_files["doc.pdf"])
    assert pdf.ok and (pdf.kind, pdf.mime, pdf.pages) == ("pdf", "application/pdf", 1)


def test_the_same_page_blurred_is_too_blurry_to_read(sample_files):
    sharp, blurry = inspect_file(sample_files["sharp.jpg"]), inspect_file(sample_files["blurry.jpg"])
    assert sharp.sharpness > 2 * MIN_SHARPNESS > 2 * blurry.sharpness
    assert blurry.problem == "blurry" and blurry.poor and not blurry.refused and blurry.kind == "jpeg"
    assert "模糊" in blurry.message and "重新拍" in blurry.message
    blank = inspect_file(sample_files["blank.jpg"])
    assert blank.problem == "blurry" and blank.sharpness == 0


def test_too_small_is_measured_not_guessed(sample_files):
    result = inspect_file(sample_files["small.jpg"])
    assert result.problem == "too_small" and result.poor and (result.width, result.height) == (480, 360)
    assert "480×360" in result.message and "原图" in result.message


@pytest.mark.parametrize("name, problem, kind, words", [
    ("empty.jpg", "empty", None, "空的"),
    ("program.exe.jpg", "wrong_format", None, "不是照片或PDF"),
    ("program.elf.jpg", "wrong_format", None, "JPG、PNG照片和PDF"),
    ("truncated.jpg", "corrupted", "jpeg", "损坏"),
    ("truncated.pdf", "corrupted", "pdf", "PDF文件损坏"),
    ("locked.pdf", "encrypted", "pdf", "打开密码"),
])
def test_refused_files_say_how_to_fix_it(sample_files, name, problem, kind, words):
    result = inspect_file(sample_files[name])
    assert (result.ok, result.problem, result.kind, result.refused) == (False, problem, kind, True)
    assert words in result.message


def test_over_20_mb_is_refused_before_decoding(big_file):
    assert len(big_file) > MAX_BYTES
    result = inspect_file(big_file)
    assert result.problem == "too_big" and result.refused and "20MB" in result.message and "21.0MB" in result.message


def test_pdf_with_an_owner_password_only_opens(sample_files):
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(sample_files["doc.pdf"]))
    writer.encrypt("", "owner-only", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert inspect_file(buffer.getvalue()).ok


def test_heic_photos_are_read_with_pillow_heif(sample_files):
    from bot.documents.images import register_heif

    assert register_heif()  # pillow-heif is pinned in requirements
    buffer = io.BytesIO()
    Image.open(io.BytesIO(sample_files["sharp2.jpg"])).resize((900, 1200)).save(buffer, format="HEIF")
    result = inspect_file(buffer.getvalue())
    assert result.ok and (result.kind, result.mime, result.width) == ("heic", "image/heic", 900)


def test_heic_without_pillow_heif_gets_a_friendly_refusal(monkeypatch):
    from bot.documents import inspect as inspect_module

    monkeypatch.setattr(inspect_module, "register_heif", lambda: False)
    heic_header = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
    result = inspect_file(heic_header + bytes(500))
    assert result.problem == "wrong_format" and result.kind == "heic" and "HEIC" in result.message


def test_stage_and_load(uploads, sample_files):
    data = sample_files["sharp.png"]
    token = staging.stage(data, filename="../../etc/出院小结.png", caption="出院小结\x00")
    assert len(token) == 64 and staging.path_for(token).is_relative_to(uploads)
    staged = staging.load(token)
    assert staged.read() == data and staged.size_bytes == len(data)
    assert (staged.filename, staged.caption) == ("出院小结.png", "出院小结")
    # The same bytes again: one copy, the newest note.
    assert staging.stage(data, filename="b.png") == token
    assert staging.load(token).filename == "b.png" and staging.load(token).caption is None
    note = json.loads(staging.path_for(token).with_name(token + ".json").read_text(encoding="utf-8"))
    assert note["size_bytes"] == len(data)
    assert len([p for p in uploads.rglob("*") if p.is_file()]) == 2


@pytest.mark.parametrize("token", ["../" * 5 + "etc/passwd", "A" * 64, "0" * 63, "0" * 65, "g" * 64, "", None, "0" * 64 + "\n"])
def test_tokens_are_validated_before_any_path_is_built(uploads, token):
    with pytest.raises(staging.InvalidToken):
        staging.load(token)


def test_an_unknown_token_is_not_found(uploads):
    assert staging.load("0" * 64) is None
