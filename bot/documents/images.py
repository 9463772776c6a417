"""Open an image and measure what decides whether text on it can be read.

Sharpness is measured on a grey-scale copy scaled down to at most 1024 px on
the long side (about how a reviewer sees it on screen), after a 3x3 median
filter that removes sensor and JPEG noise but keeps strokes. The copy is cut
into 64 px tiles; tiles with a grey range of at least 48 hold content (text,
edges), the rest is background and ignored, so a page with three lines of text
scores like a full one. For each content tile: the 98th percentile of the
absolute 8-neighbour Laplacian, divided by the tile's grey range. A sharp
black-on-white page scores about 0.5 to 0.8, a Gaussian blur of 1 px (at
the 1024 px scale) about 0.2 to 0.3, 2 px about 0.1. The image's score is the 75th
percentile over content tiles (the best-focused part of a photo counts). No
content tile at all (blank, or too dark) scores 0.
Thresholds and their calibration: bot/documents/inspect.py.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import List

from PIL import Image, ImageFilter

WORKING_SIZE = 1024
TILE = 64
MIN_TILE_RANGE = 48
LAPLACIAN = ImageFilter.Kernel((3, 3), [-1, -1, -1, -1, 8, -1, -1, -1, -1], scale=8, offset=128)
ABSOLUTE = [min(255, abs(value - 128) * 2) for value in range(256)]


class ImageTooLarge(Exception):
    """More pixels than Pillow's decompression-bomb limit."""


@dataclass(frozen=True)
class ImageFacts:
    width: int
    height: int
    sharpness: float


@lru_cache(maxsize=None)
def register_heif() -> bool:
    """Teach Pillow to open HEIC (iPhone) photos; False when pillow-heif is not installed."""
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return True


def measure_image(data: bytes) -> ImageFacts:
    """Decode fully (raises OSError/ValueError if the file is broken) and measure it."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                image.draft("L", (WORKING_SIZE, WORKING_SIZE))  # JPEG: decode at a reduced scale, much faster
                grey = image.convert("L")  # forces a full decode: truncated files fail here
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise ImageTooLarge(str(exc)) from exc
    return ImageFacts(width, height, sharpness(grey))


def _quantile(histogram: List[int], fraction: float) -> int:
    needed, seen = fraction * sum(histogram), 0
    for value, count in enumerate(histogram):
        seen += count
        if seen >= needed:
            return value
    return len(histogram) - 1


def sharpness(grey: Image.Image) -> float:
    """0 (nothing readable) to about 1 (crisp); see the module docstring."""
    if max(grey.size) > WORKING_SIZE:
        grey = grey.copy()
        grey.thumbnail((WORKING_SIZE, WORKING_SIZE), Image.Resampling.BOX)
    smooth = grey.filter(ImageFilter.MedianFilter(3))
    edges = smooth.filter(LAPLACIAN).point(ABSOLUTE)
    width, height = smooth.size
    scores = []
    for top in range(2, max(3, height - TILE // 2), TILE):  # 2 px margin: filters leave the border as is
        for left in range(2, max(3, width - TILE // 2), TILE):
            box = (left, top, min(left + TILE, width - 2), min(top + TILE, height - 2))
            if box[2] <= box[0] or box[3] <= box[1]:
                continue
            low, high = smooth.crop(box).getextrema()
            if high - low >= MIN_TILE_RANGE:
                scores.append(_quantile(edges.crop(box).histogram(), 0.98) / (high - low))
    if not scores:
        return 0.0
    scores.sort()
    return round(scores[int(len(scores) * 0.75)], 3)
