"""What a file is, from its first bytes (never from its name)."""
from __future__ import annotations

from typing import Optional

# ISO base media files whose major brand is HEIF/HEIC (iPhone photos); "mif1"/"msf1" are generic HEIF.
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"}
MIME = {"jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf", "heic": "image/heic"}


def sniff(data: bytes) -> Optional[str]:
    """"jpeg", "png", "pdf" or "heic"; None for anything else (executables, documents, archives ...)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if b"%PDF-" in data[:1024]:  # readers accept a little junk before the header
        return "pdf"
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        return "heic"
    return None
