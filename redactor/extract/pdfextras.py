"""What a PDF holds besides what its pages show: comments, form fields, links and embedded files.

None of it is reproduced in an output (render/pdfkit.py:sanitize drops it), so none of it may
be lost silently either:
- comments and form fields are counted per page (their text is not reviewed);
- links are counted per page, and their targets (a URL or a file path can name a person) are
  read into one ``links`` segment so that detection sees them; they are never printed;
- embedded files (the document's EmbeddedFiles and FileAttachment annotations) are written
  under the case's work folder and extracted as derived sources, like Word embeddings and
  device attachments; one that cannot be extracted is listed with the reason.
"""

from __future__ import annotations

import ctypes
import io
import logging
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from redactor.records import DerivedFile, Source
from redactor.stages import StageContext

log = logging.getLogger(__name__)
MAX_EMBEDDED_BYTES = 512 << 20  # one embedded file; larger ones are listed, not extracted
MAX_EMBEDDED = 500  # embedded files per PDF; more are listed as not extracted
LINK_ORIGIN = "pdf-link"  # origin of a segment holding a page's link targets
MAX_LINK_CHARS = 2000  # a link target longer than this is cut (a data: URL is not a person's name)


@dataclass
class Extras:
    """What :func:`read_extras` found: per-page counts, link targets by page, and embedded files."""

    annotations: list[dict[str, int]] = field(default_factory=list)
    links: list[tuple[int, str]] = field(default_factory=list)  # (page, target)
    derived: list[DerivedFile] = field(default_factory=list)
    embedded: list[dict[str, object]] = field(default_factory=list)  # page (or None), size, status; never the name


def read_extras(pdf: pdfium.PdfDocument, source: Source, ctx: StageContext | None) -> Extras:
    extras = Extras()
    for index in range(pdf.count_attachments()):
        _embed(extras, pdf.get_attachment(index), None, f"embedded[{index}]", source, ctx)
    for index in range(len(pdf)):
        page = pdf[index]
        counts = {"comments": 0, "form_fields": 0, "links": 0, "attachments": 0}
        for i in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
            annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
            try:
                _annotation(extras, counts, pdf, annot, index + 1, f"page[{index + 1}]/annot[{i}]", source, ctx)
            finally:
                pdfium_c.FPDFPage_CloseAnnot(annot)
        if any(counts.values()):
            extras.annotations.append({"page": index + 1, **counts})
        page.close()
    return extras


def _annotation(extras: Extras, counts: dict, pdf, annot, page: int, locator: str, source: Source, ctx) -> None:
    subtype = pdfium_c.FPDFAnnot_GetSubtype(annot)
    if subtype == pdfium_c.FPDF_ANNOT_WIDGET:
        counts["form_fields"] += 1
    elif subtype == pdfium_c.FPDF_ANNOT_LINK:
        counts["links"] += 1
        target = _link_target(pdf, annot)
        if target:
            extras.links.append((page, target))
    elif subtype == pdfium_c.FPDF_ANNOT_FILEATTACHMENT:
        counts["attachments"] += 1
        raw = pdfium_c.FPDFAnnot_GetFileAttachment(annot)
        if raw:
            _embed(extras, pdfium.PdfAttachment(raw, pdf), page, locator, source, ctx)
        else:
            extras.embedded.append({"page": page, "size": None, "status": "not extracted: the attachment has no file"})
    elif subtype != pdfium_c.FPDF_ANNOT_POPUP:
        counts["comments"] += 1


def _link_target(pdf, annot) -> str:
    """The URI (or launched file) of a link annotation, or ''."""
    link = pdfium_c.FPDFAnnot_GetLink(annot)
    action = pdfium_c.FPDFLink_GetAction(link) if link else None
    if not action:
        return ""
    kind = pdfium_c.FPDFAction_GetType(action)
    if kind == pdfium_c.PDFACTION_URI:
        size = pdfium_c.FPDFAction_GetURIPath(pdf.raw, action, None, 0)
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFAction_GetURIPath(pdf.raw, action, buffer, size)
        return buffer.value.decode("latin-1", "replace")[:MAX_LINK_CHARS]
    if kind in (pdfium_c.PDFACTION_LAUNCH, pdfium_c.PDFACTION_REMOTEGOTO):
        size = pdfium_c.FPDFAction_GetFilePath(action, None, 0)
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFAction_GetFilePath(action, buffer, size)
        return buffer.value.decode("utf-8", "replace")[:MAX_LINK_CHARS]
    return ""


def _embed(extras: Extras, attachment: pdfium.PdfAttachment, page: int | None, locator: str, source: Source, ctx) -> None:
    """Write one embedded file under the case folder as a derived source, or list why not."""
    size = ctypes.c_ulong()
    pdfium_c.FPDFAttachment_GetFile(attachment, None, 0, size)
    entry: dict[str, object] = {"page": page, "size": size.value}
    extras.embedded.append(entry)
    if ctx is None:
        entry["status"] = "not extracted: no case folder"
    elif not size.value:
        entry["status"] = "not extracted: the embedded file is empty"
    elif size.value > MAX_EMBEDDED_BYTES:
        entry["status"] = f"not extracted: larger than {MAX_EMBEDDED_BYTES >> 20} MB"
    elif len(extras.derived) >= MAX_EMBEDDED:
        entry["status"] = f"not extracted: more than {MAX_EMBEDDED} embedded files"
    else:
        from redactor.extract.device.common import write_derived

        name = attachment.get_name() or "embedded"
        target, _, _ = write_derived(ctx.work_dir, source, locator, name, io.BytesIO(bytes(attachment.get_data())))
        extras.derived.append(DerivedFile(target, name, locator))
        entry["status"] = "extracted"
