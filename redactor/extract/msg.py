"""Outlook ``.msg`` files (OLE compound files, MS-OXMSG), read with extract-msg.

Recognised by content: a compound file (sniffed ``application/x-ole-storage``) with the MSG
property stream ``__properties_version1.0``. Each file is one ``email`` item built like an
``.eml`` (``device/common.make_item``): sender, recipients (To, Cc, Bcc), subject, the plain body
(or the HTML body reduced to text by :mod:`redactor.extract.html`), attachment names, and in
``meta`` the time, message id, thread and a list of attachments. Attachments are written under
``work/derived`` and extracted as sources of their own: files as they are, an attached Outlook
item (a forwarded message) as a ``.msg`` of its own, so its attachments are reached in turn.
Attachments that hold no file (links to the web, OLE objects) are listed with the reason.
Contacts, tasks and appointments saved as ``.msg`` are read the same way (subject, body, people).
S/MIME messages (signed or encrypted) are handled by :mod:`redactor.extract.smime`: readable
content is extracted, the rest is named with the reason (``meta.smime``, ``meta.embedded_files``).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from redactor.errors import CorruptInput, EncryptedInput, InputError
from redactor.extract import extractor
from redactor.extract.device import common
from redactor.records import DerivedFile, Item, Mention, Person, Source, stable_id
from redactor.stages import StageContext

log = logging.getLogger(__name__)
MAX_DEPTH = 8  # attached messages within attached messages
RECIPIENT_TYPES = {1: "to", 2: "cc", 3: "bcc"}


def ole_streams(path: Path) -> set[str] | None:
    """The stream and storage names at the top of a compound file, or None if it is not one."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return {entry[0] for entry in ole.listdir(streams=True, storages=True) if entry}
    except Exception:  # noqa: BLE001 - any damage: not recognisable as MSG
        return None


def _accepts(source: Source, path: Path, head: bytes) -> bool:
    if source.media_type != "application/x-ole-storage":
        return False
    names = ole_streams(path)
    return names is not None and "__properties_version1.0" in names and any(n.startswith("__substg1.0_") for n in names)


def _get(obj: Any, name: str) -> Any:
    """An attribute of the message, or None when extract-msg cannot read it (damaged property)."""
    try:
        return getattr(obj, name, None)
    except Exception:  # noqa: BLE001 - a damaged property must not lose the rest of the message
        return None


def _open(path: Path) -> Any:
    import extract_msg

    try:
        return extract_msg.openMsg(str(path), strict=False, delayAttachments=False)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - olefile and extract-msg raise many types on damage
        if "encrypt" in str(exc).lower():
            raise EncryptedInput(f"{path}: Outlook message is encrypted") from None
        raise CorruptInput(f"{path}: Outlook message cannot be read ({type(exc).__name__})") from None


def _recipients(msg: Any) -> list[dict[str, Any]]:
    out = []
    for r in _get(msg, "recipients") or []:
        kind = RECIPIENT_TYPES.get(int(_get(r, "type") or 1), "to")
        email, name = _get(r, "email"), _get(r, "name")
        if email or name:
            out.append(common.party(email or None, name or None, None, kind))
    return out


def _sender(msg: Any) -> dict[str, Any] | None:
    name = None
    for attr in ("senderName", "sender"):
        value = _get(msg, attr)
        if value:
            name = str(value)
            break
    email = _get(msg, "senderEmailAddress") or _stream(msg, "__substg1.0_0C1F") or _stream(msg, "__substg1.0_5D01")
    if email and name and email in name:
        name = name.replace(f"<{email}>", "").strip() or None
    return common.party(email or None, name, None, "from") if (email or name) else None


def _stream(msg: Any, name: str) -> str | None:
    try:
        return msg.getStringStream(name)
    except Exception:  # noqa: BLE001
        return None


def _body(msg: Any, path: Path) -> str:
    body = _get(msg, "body")
    if body:
        return str(body)
    html = _get(msg, "htmlBody")
    if not html:
        return ""
    from redactor.extract.html import decode_html, page_text

    return page_text(decode_html(bytes(html), path), path).finish()


def _attachments(msg: Any, source: Source, locator: str, ctx: StageContext) -> tuple[list[dict[str, Any]], list[DerivedFile]]:
    infos, derived = [], []
    for i, att in enumerate(_get(msg, "attachments") or []):
        name = str(_get(att, "longFilename") or _get(att, "name") or f"attachment-{i + 1}")
        data = _get(att, "data")
        key = f"{locator}/attachment[{i}]"
        if hasattr(data, "exportBytes"):  # an attached Outlook item: kept whole as a .msg of its own
            try:
                data = data.exportBytes(allowBadEmbed=True)
            except Exception:  # noqa: BLE001
                data = None
            name = name if name.lower().endswith(".msg") else f"{name}.msg"
        info = {"name": name, "type": type(att).__name__, "present": isinstance(data, bytes) and bool(data), "sha256": None}
        if info["present"]:
            target, digest, size = common.write_derived(ctx.work_dir, source, key, name, io.BytesIO(data))
            info.update(sha256=digest, size=size)
            derived.append(DerivedFile(target, name, key))
        else:
            info["reason"] = "the attachment holds no file (a link, an OLE object or damaged data)"
        infos.append(info)
    return infos, derived


@extractor("msg", accepts=_accepts, priority=40)
def extract_msg_file(source: Source, path: Path, ctx: StageContext) -> Iterator[Item | DerivedFile | Person | Mention]:
    from redactor.extract.smime import inspect

    secure = inspect(path)
    msg = _open(path)
    try:
        sender, recipients = _sender(msg), _recipients(msg)
        book = common.PeopleBook(source.ref)
        for p in [sender, *recipients]:
            if p:
                book.add(p, "e-mail correspondents")
        if secure is None:
            attachments, derived = _attachments(msg, source, "message", ctx)
            item = _item(source, msg, path, sender, recipients, attachments)
        else:
            attachments, derived, extra = _smime_parts(secure, msg, sender, source, ctx)
            item = _item(source, msg, path, sender, recipients, attachments, extra)
    finally:
        msg.close()
    if not item.segments:
        raise CorruptInput(f"{path}: Outlook message has no sender, recipients, subject, body or attachments")
    log.info("msg %s: %d segments, %d attachments (%d extracted)", source.ref, len(item.segments), len(attachments), len(derived))
    yield item
    yield from derived
    yield from book


def _smime_parts(
    secure: Any, msg: Any, sender: dict[str, Any] | None, source: Source, ctx: StageContext
) -> tuple[list[dict[str, Any]], list[DerivedFile], dict[str, Any]]:
    """The attachment list, derived files and meta of an opaque-signed or encrypted message: the signed
    content as an ``.eml`` of its own when it unpacks, else the reason it was not read."""
    from redactor.extract.smime import as_eml, reason

    why = reason(secure)
    info: dict[str, Any] = {"name": secure.name, "type": f"S/MIME {secure.kind}", "present": not why, "sha256": None}
    derived = []
    if not why:
        name, raw = (sender or {}).get("name"), (sender or {}).get("raw")
        who = f"{name or ''} <{raw}>".strip() if raw else name or ""
        headers = {"From": who, "To": str(_get(msg, "to") or ""), "Subject": str(_get(msg, "subject") or "")}
        name = "signed-content.eml"
        target, digest, size = common.write_derived(
            ctx.work_dir, source, "message/smime", name, io.BytesIO(as_eml(secure.content, headers))
        )
        info.update(sha256=digest, size=size, extracted_as=name)
        derived.append(DerivedFile(target, name, "message/smime"))
    else:
        info["reason"] = why
    status = "extracted" if not why else f"not extracted: {why}"
    extra = {"smime": {"kind": secure.kind, "status": status, "body": "" if why else f"read from {info.get('extracted_as')}"}}
    extra["embedded_files"] = [{"name": secure.name, "status": status}]
    return [info], derived, extra


def _item(source: Source, msg: Any, path: Path, sender: Any, recipients: list, attachments: list, extra: dict | None = None) -> Item:
    date = _get(msg, "date")
    message_id = _get(msg, "messageId")
    root = (_get(msg, "inReplyTo") or "").split() or [message_id or _get(msg, "conversationTopic") or "message"]
    meta = {
        "format": "msg",
        "app": "Outlook",
        "message_class": str(_get(msg, "classType") or ""),
        "time": common.when(
            date if hasattr(date, "astimezone") else None, str(date) if date else None, "message time (UTC)" if date else ""
        ),
        "sender": sender,
        "recipients": recipients,
        "message_id": message_id,
        "thread": {"id": root[0], "key": stable_id(source.source_id, "email", root[0])},
        "attachments": attachments,
        "direction": {"value": "unknown", "how": "an Outlook file does not say whose mailbox it came from"},
        **(extra or {}),
    }
    body = _body(msg, path) if extra is None else ""  # an S/MIME message's body property holds its CMS bytes
    fields = (
        common.party_fields("sender", sender)
        + [("recipients", common.recipients_text(recipients)), ("subject", _get(msg, "subject")), ("text", body)]
        + [("attachment.name", a["name"]) for a in attachments]
    )
    return common.make_item(source, "message", "email", "E-mail", fields, meta)
