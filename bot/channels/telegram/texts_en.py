"""What the Telegram channel says by itself, in English: the names of texts.py, same payloads and commands."""
from __future__ import annotations

COMMANDS = (
    ("start", "Start / main menu"),
    ("help", "What I can do for you"),
    ("human", "Talk to an advisor"),
    ("elder", "Simple mode (large text, one step at a time)"),
    ("elder_off", "Turn simple mode off"),
    ("cancel", "Cancel what you are doing"),
    ("lang", "Language (English · 简体 · 繁體)"),
)

HELP = (
    "In Telegram you can also use these commands:\n"
    "/start main menu\n"
    "/human talk to an advisor\n"
    "/elder simple mode (large text, one step at a time)\n"
    "/elder_off turn simple mode off\n"
    "/cancel cancel what you are doing\n"
    "/lang change the language (/lang zh Chinese, /lang zh-hant Traditional Chinese)\n"
    "For documents, just send a photo or a PDF, one at a time, with all four corners visible."
)
UNKNOWN_COMMAND = "I don't know that command. Just type what you would like to do, or send /help to see what I can do."

SHARE_CONTACT_BUTTON_NAME = "Share my phone number"
SHARE_CONTACT_BUTTON = "📱 " + SHARE_CONTACT_BUTTON_NAME
SHARE_CONTACT_HINT = f"You can also tap “{SHARE_CONTACT_BUTTON_NAME}” below, or type it."
NOT_YOUR_CONTACT = f"Please share your own contact: tap “{SHARE_CONTACT_BUTTON_NAME}” below, or type your mobile number."
CONTACT_WITHOUT_NUMBER = "This contact card has no phone number. Please type your mobile number."

FILE_TOO_BIG = ("This file is larger than 20 MB, and Telegram does not let bots download files that big. "
                "Please compress it, or photograph the pages and send them one at a time.")
FILE_FAILED = "The file did not arrive. Please send it again."

VOICE = ("Sorry, I can't listen to voice messages yet. Please type your message; "
         "if typing is hard, you can book a call-back and an advisor will help you by phone.")
CALLBACK_BUTTON = {"title": "Book a call-back", "payload": "/request_callback"}

OTHER = {
    "sticker": "Thanks for the sticker 😊 For anything about a claim, just type it.",
    "location": ("Got your location, but I can't use locations yet. To find a service centre, "
                 "just ask me “nearest service centre”."),
    "video": "Sorry, I can't watch videos yet. Please send claim documents as photos or PDF files.",
    "animation": "Got it 😊 For anything about a claim, just type it.",
    "poll": "Sorry, I can't handle polls. For anything about a claim, just type it.",
}
OTHER_DEFAULT = ("Sorry, I can't read this kind of message. Please type what you would like to do; "
                 "send documents as photos or PDF files.")
EDITED = "I can't see edited messages. Please send the corrected text as a new message."
GROUPS = "To protect your personal information, please message me privately about claims, not in a group."

EXPIRED_BUTTON = "This button has expired. Please type your choice."
TOO_FAST = ("You are sending messages too fast. Please wait {seconds} s; messages sent until then were not "
            "received, so please send them again.")
ERROR = "Sorry, something went wrong. Please try again in a moment. If it keeps failing, send /human to reach an advisor."
RASA_DOWN = "Sorry, the assistant cannot answer right now (it may be restarting). Please send it again shortly; your message was saved."

ADVISOR_PREFIX = "[Advisor] "
CHOOSE = "Please choose:"

LANG_CHOOSE = "Which language should I reply in? · 请选择回复语言 · 請選擇回覆語言"
LANG_BUTTONS = ({"title": "English", "payload": "/lang en"}, {"title": "简体中文", "payload": "/lang zh"},
                {"title": "繁體中文", "payload": "/lang zh-hant"})
