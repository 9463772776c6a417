"""The advisor console: an aiohttp sub-application the gateway mounts at /advisor.

    app.add_subapp("/advisor", create_console())
"""
from bot.advisor.app import create_console

__all__ = ["create_console"]
