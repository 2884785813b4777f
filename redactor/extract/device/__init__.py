"""Device downloads: phone extractions and chat exports (one module per format).

Importing this package registers every device extractor with :mod:`redactor.extract`.
Shared helpers live in ``common`` (parties, phone numbers, times, items, derived files) and
``safe`` (hostile XML and zips).
"""

from __future__ import annotations

import importlib

FORMAT_MODULES = (
    "ufdr",
    "whatsapp",
    "whatsapp_zip",
    "sms_backup",
    "telegram",
    "meta",
    "vcard",
    "email",
    "leapp",
    "axiom",
    "xry",
    "cellebrite_xlsx",
    "whatsapp_ios",
    "ios_sms",
    "android_sms",
    "contacts_db",
    "call_log",
    "whatsapp_android",
    "apple_notes",
    "browser_history",
    "calendar_db",
    "google_messages",
    "messenger",
    "signal_db",
    "viber",
    "kik",
    "line",
    "skype",
    "discord",
    "discord_ios",
    "instagram_ios",
    "google_voice",
    "whatsapp_ios_extras",
    "voicemail",
    "snapchat",
    "instagram",
    "telegram_android",
    "tiktok",
    "dating",
    "unread",  # asked last: app stores no reader takes, refused for what they are
)

for _name in FORMAT_MODULES:
    importlib.import_module(f"{__name__}.{_name}")
