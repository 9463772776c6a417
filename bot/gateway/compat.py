"""A fix for aiohttp 3.9 (Rasa's pin) with yarl >= 1.13: `request.url` fails when the Host header has a port.

yarl 1.13 validates hosts, and aiohttp before 3.10.7 passes "host:port" as the host
(aio-libs/aiohttp#9307, fixed by #9309). Sub-applications (the console at
/advisor) resolve through `request.url`, so every browser request to them failed.
This applies aiohttp's own fix; pinning yarl < 1.13 would make it unnecessary.
"""
from __future__ import annotations

from aiohttp.helpers import reify
from aiohttp.web_request import BaseRequest
from yarl import URL


def _url(self: BaseRequest) -> URL:
    # "authority" may carry the port; yarl splits it correctly.
    return URL.build(scheme=self.scheme, authority=self.host).join(self._rel_url)


_FIXED_URL = reify(_url)


def fix_request_url() -> None:
    """Installs the fixed `BaseRequest.url` (idempotent)."""
    if BaseRequest.__dict__.get("url") is not _FIXED_URL:
        BaseRequest.url = _FIXED_URL
