"""The ``extract.auto`` stage: pick the extractor that recognises the file, run it."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from redactor.errors import UnsupportedInput
from redactor.extract import accepting
from redactor.records import DerivedFile, Item, Mention, Person, Refused, Source
from redactor.stages import StageContext, register

# Modules whose import registers the built-in extractors.
EXTRACTOR_MODULES = (
    "redactor.extract.pdf",
    "redactor.extract.image",  # PNG, JPEG, TIFF (multi-page): OCR
    "redactor.extract.docx",  # Word .docx, recognised inside application/zip
    "redactor.extract.odt",  # OpenDocument text .odt, recognised inside application/zip
    "redactor.extract.xlsx",  # Excel .xlsx, recognised inside application/zip
    "redactor.extract.xls",  # legacy Excel .xls (compound file), read with xlrd
    "redactor.extract.msg",  # Outlook .msg (compound file), attachments as derived sources
    "redactor.extract.doc",  # legacy Word .doc (compound file) through catdoc; encrypted Office files refused
    "redactor.extract.rtf",  # RTF, a reader of our own
    "redactor.extract.heic",  # iPhone HEIC photos, decoded to PNG for OCR
    "redactor.extract.csvfile",  # .csv/.tsv tables that no device format claims
    "redactor.extract.html",  # HTML pages: text with structure, nothing run or fetched
    "redactor.extract.structured",  # other JSON and XML, read as indented text
    "redactor.extract.text",
    "redactor.extract.archive",  # any other zip: every member a source of its own
    "redactor.extract.tar",  # tar archives (plain or compressed) and single gzip/bzip2/xz files, member by member
    "redactor.extract.package",  # a zip that cannot be opened: damaged, not unsupported
    "redactor.extract.device",  # every device format (UFDR, WhatsApp, SMS backup, ...)
)


class ExtractSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    disabled: tuple[str, ...] = ()  # extractor names to switch off


@register("extract.auto", kind="extract", settings=ExtractSettings)
def extract_auto(settings: ExtractSettings, ctx: StageContext):
    """Recognise each source's format from its content and run the matching extractor."""
    for module in EXTRACTOR_MODULES:
        importlib.import_module(module)

    def run(source: Source, path: Path) -> Iterator[Item | DerivedFile | Person | Mention | Refused]:
        found = accepting(source, path, skip=settings.disabled)
        if found is None:
            raise UnsupportedInput(f"{path}: unsupported file type ({source.media_type})")
        yield from found.extract(source, path, ctx)

    return run
