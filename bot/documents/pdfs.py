"""Open a PDF the way the insurer's reviewer would, with pypdf.

pypdf logs (at WARNING) what it repairs in damaged files; that is left as is.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Optional

from pypdf import PasswordType, PdfReader

PAGES_CHECKED = 50  # a claim document is a few pages; don't parse a whole book


@dataclass(frozen=True)
class PdfFacts:
    pages: int
    encrypted: bool  # needs a password to open (an owner-only password is no obstacle)
    error: Optional[str] = None  # why it could not be read


def measure_pdf(data: bytes) -> PdfFacts:
    """Page count, or why the file cannot be opened; never raises for a bad file."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                return PdfFacts(pages=0, encrypted=True)
            pages = len(reader.pages)
            for index in range(min(pages, PAGES_CHECKED)):
                page = reader.pages[index]
                page.mediabox  # noqa: B018 - reading them is the check
                page.get_contents()
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds for damaged files
            return PdfFacts(pages=0, encrypted=False, error=f"{type(exc).__name__}: {exc}")
    if pages == 0:
        return PdfFacts(pages=0, encrypted=False, error="no pages")
    return PdfFacts(pages=pages, encrypted=False)
