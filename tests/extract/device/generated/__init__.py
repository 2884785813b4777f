"""Device-format fixtures written by code, in the layout of ``shared/samples/device``.

``write_samples(root)`` builds ``root/synthetic/...`` and ``root/public/...`` with the same file names as the
shared samples folder, so a test can run on either tree. Nothing here is copied from that folder: every file is
written from message and record lists in ``chats.py`` and ``records.py`` (invented people, Ofcom drama numbers).
"""

from __future__ import annotations

from pathlib import Path

from tests.extract.device.generated import chats, records


def write_samples(root: Path) -> Path:
    syn, pub = root / "synthetic", root / "public"
    for folder in ("whatsapp", "sms_backup_restore", "telegram", "facebook", "vcard", "email", "ufdr", "aleapp_output"):
        (syn / folder).mkdir(parents=True)
    chats.whatsapp_android_gb(syn / "whatsapp" / "android_en-GB_24h.txt")
    chats.whatsapp_ios_gb(syn / "whatsapp" / "ios_en-GB_24h.txt")
    chats.whatsapp_ios_us(syn / "whatsapp" / "ios_en-US_12h_nnbsp.txt")
    chats.sms_backup(syn / "sms_backup_restore" / "sms-20240301120000.xml")
    chats.sms_calls(syn / "sms_backup_restore" / "calls-20240301120000.xml")
    chats.telegram_full(syn / "telegram" / "result.json")
    chats.meta_thread(syn / "facebook" / "message_1.json")
    records.vcards(syn / "vcard")
    records.emails(syn / "email")
    records.ufdr(syn / "ufdr")
    records.aleapp(syn / "aleapp_output")
    miner = pub / "chat-miner"
    for style, name in [("ddmmyy", "test_ddmmyy_24hrs.txt"), ("mmddyy", "test_[mmddyy]_24hrs.txt"),
                        ("mmddyyyy12", "test_mmddyyyy_12hrs.txt"), ("yyyymmdd", "test_yyyymmdd_24hrs.txt")]:  # fmt: skip
        chats.whatsapp_miner(miner / "whatsapp" / name, style)
    chats.signal_export(miner / "signal" / "test_export.txt")
    chats.telegram_single(miner / "telegram" / "test_single_export.json")
    chats.telegram_batch(miner / "telegram" / "test_batch_export.json")
    chats.meta_minimal(miner / "instagram" / "test_export.json", ("Kim Sample", "Lee Sample"))
    chats.meta_minimal(miner / "facebookMessenger" / "testlog.json", ("Ash Sample", "Kim Sample"))
    (pub / "ileapp").mkdir(parents=True)
    records.chatstorage(pub / "ileapp" / "ios15_whatsapp_ChatStorage.sqlite")
    return root
