"""The bot gateway: the one public entry for users and advisors (chat API, events, advisor console).

    app = create_app(load_settings())      # aiohttp application
    gateway = app["gateway"]               # after startup: a Gateway (deliver, return_to_bot, ...)
"""
from bot.gateway.app import create_app
from bot.gateway.core import Gateway, Turn
from bot.gateway.rasa_client import RasaUnavailable

__all__ = ["create_app", "Gateway", "Turn", "RasaUnavailable"]
