"""Check an uploaded file before it is attached to a claim.

The format is read from the content (bot.documents.formats), never the name.
JPEG, PNG and PDF are accepted; HEIC (iPhone photos) too, through pillow-heif
when it is installed, else it is refused with a hint to send a JPG.

Refused, not attached: empty, over 20 MB, not an accepted format, broken, PDF
with an opening password. Accepted but marked unusable (the status list shows
⚠ with the reason): images too small or too blurry to read.

Thresholds, calibrated on generated pages of Latin text (11 to 40 px high), ID-card
like cards and sparse pages (3 lines), 640x480 to 4032x3024, saved as JPEG,
plain and as "photos" (grey paper, slight rotation, dark surround, Gaussian
noise of sigma 4 and 8), each blurred with GaussianBlur radius 0 to 8 (blur
below in px at the 1024 px working scale of bot.documents.images):
- MIN_SHARPNESS 0.15. Sharp: 0.47 to 0.79; 1 px: 0.20 to 0.31; 1.2 to 1.3 px
  (small print still readable): 0.17 to 0.25; 1.5 to 1.6 px (9 px text hard
  to read): 0.11 to 0.16; 1.8 px and more: 0 to 0.19 (up to 0.25 only with
  heavy noise on small images, which are not scaled down, so not averaged).
- MIN_PIXELS 300,000 (about 640x480) and MIN_SIDE 320 px: below that a page
  of print has fewer than about 8 px per character; a narrow receipt strip
  (e.g. 400x1600) still passes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Union

from bot.documents.formats import MIME, sniff
from bot.documents.images import ImageTooLarge, measure_image, register_heif
from bot.documents.pdfs import measure_pdf

MAX_BYTES = 20 * 1024 * 1024
MIN_PIXELS = 300_000
MIN_SIDE = 320
MIN_SHARPNESS = 0.15

REFUSED = ("empty", "too_big", "wrong_format", "corrupted", "encrypted")
POOR = ("too_small", "blurry")
RETAKE = "请把材料平放、占满画面，在光线充足的地方拿稳手机重新拍一张。"
MESSAGES = {
    "empty": "这个文件是空的（0字节），可能没有传成功。请重新拍照或重新选择文件发送。",
    "too_big": "文件太大了（{mb:.1f}MB），单个文件不能超过20MB。照片请直接拍照发送（不用选“原图”）；PDF可以拆成几个文件，或逐页截图发送。",
    "too_many_pixels": "这张图片的尺寸太大，打不开。请截图或用手机普通模式拍照后发送。",
    "wrong_format": "这个文件不是照片或PDF，我们打不开（只收JPG、PNG照片和PDF文件）。请直接拍照发送，或截图后发送图片。",
    "heic": "这是苹果手机的HEIC格式照片，我们暂时打不开。请截图后发送，或在“设置-相机-格式”选“兼容性最佳”后重新拍照。",
    "corrupted": "这张图片文件损坏了，打不开（可能没有传完整）。请重新拍照或重新发送。",
    "pdf_corrupted": "这个PDF文件损坏了，打不开（可能没有下载或传完整）。请重新下载后发送，或把每一页截图发给我们。",
    "encrypted": "这个PDF设置了打开密码，保险公司无法查看。请去掉密码后重新导出，或把每一页截图发给我们。",
    "too_small": "照片太小了（{width}×{height}像素），上面的字看不清。" + RETAKE + "请发原图，不要发缩略图。",
    "blurry": "照片太模糊或太暗，上面的字看不清。" + RETAKE + "等对焦清楚再按快门，注意不要反光。",
}


@dataclass(frozen=True)
class Inspection:
    """What the file is and whether it can be used; `message` tells the user how to fix a problem."""

    ok: bool
    kind: Optional[str]  # "jpeg" | "png" | "pdf" | "heic"; None: not an accepted format
    problem: Optional[str] = None  # one of REFUSED or POOR
    message: Optional[str] = None
    size_bytes: int = 0
    width: Optional[int] = None
    height: Optional[int] = None
    sharpness: Optional[float] = None
    pages: Optional[int] = None

    @property
    def refused(self) -> bool:
        """Not to be attached at all."""
        return self.problem in REFUSED

    @property
    def poor(self) -> bool:
        """Readable file, but the claim needs a better copy: attach as "unusable"."""
        return self.problem in POOR

    @property
    def mime(self) -> Optional[str]:
        return MIME.get(self.kind) if self.kind else None

    @property
    def measurements(self) -> Dict[str, Union[int, float]]:
        values = dict(size_bytes=self.size_bytes, width=self.width, height=self.height,
                      sharpness=self.sharpness, pages=self.pages)
        return {key: value for key, value in values.items() if value is not None}


def _fail(kind: Optional[str], problem: str, size: int, message_key: Optional[str] = None, **facts) -> Inspection:
    message = MESSAGES[message_key or problem].format(mb=size / 1024 / 1024, **facts)
    return Inspection(False, kind, problem, message, size, **facts)


def inspect_file(data: bytes) -> Inspection:
    """Run every check on an upload, cheapest first."""
    size = len(data)
    if size == 0:
        return _fail(None, "empty", 0)
    if size > MAX_BYTES:
        return _fail(sniff(data), "too_big", size)
    kind = sniff(data)
    if kind is None:
        return _fail(None, "wrong_format", size)
    if kind == "pdf":
        pdf = measure_pdf(data)
        if pdf.encrypted:
            return _fail(kind, "encrypted", size)
        if pdf.error:
            return _fail(kind, "corrupted", size, "pdf_corrupted")
        return Inspection(True, kind, size_bytes=size, pages=pdf.pages)
    if kind == "heic" and not register_heif():
        return _fail(kind, "wrong_format", size, "heic")
    try:
        image = measure_image(data)
    except ImageTooLarge:
        return _fail(kind, "too_big", size, "too_many_pixels")
    except Exception:  # noqa: BLE001 - Pillow raises OSError, SyntaxError, ValueError ... for broken files
        return _fail(kind, "corrupted", size)
    facts = dict(width=image.width, height=image.height, sharpness=image.sharpness)
    if image.width * image.height < MIN_PIXELS or min(image.width, image.height) < MIN_SIDE:
        return _fail(kind, "too_small", size, **facts)
    if image.sharpness < MIN_SHARPNESS:
        return _fail(kind, "blurry", size, **facts)
    return Inspection(True, kind, size_bytes=size, **facts)
