"""The stage registry.

A stage is registered under a stable, versioned name (``extract.auto@1``) with its
kind, its settings model and a factory. Pipelines name stages; the runner checks
that their kinds come in the order below, builds each stage once with validated
settings, and calls it. Stage code stays small: the runner owns ordering,
transactions, quarantine, progress and the audit log.

Contracts by kind (what the object returned by the factory is called with):

========  ==================================================  ==============================
kind      called with                                         returns
========  ==================================================  ==============================
ingest    ``paths: Sequence[Path]``                          iterator of ``Discovered`` / ``Quarantined``
extract   ``source: Source, path: Path``                     iterator of ``Item`` / ``DerivedFile`` / ``Person`` / ``Mention`` / ``Refused``
detect    ``item: Item``                                     tuple of ``Finding``
decide    ``item: Item, findings: Sequence[Finding]``        ``Decided`` (flags, scope proposal)
render    ``item: Item, flags: Sequence[Flag]`` (to redact)  ``RenderedItem``
bundle    ``out: Path, rendered: Iterable[RenderedItem]``   summary ``dict``
========  ==================================================  ==============================
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from redactor.config import problems
from redactor.errors import ConfigError
from redactor.records import CaseSnapshot
from redactor.registry import Registry

KINDS = ("ingest", "extract", "detect", "decide", "render", "bundle")
CASE_KINDS = KINDS[:4]  # run by 'redactor run'
OUTPUT_KINDS = KINDS[4:]  # run by 'redactor bundle'

# Modules whose import registers the built-in stages.
BUILTIN_MODULES = (
    "redactor.ingest.files",
    "redactor.extract.auto",
    "redactor.detect.stage",
    "redactor.decide.policy",
    "redactor.render.stage",
    "redactor.bundle.writer",
)


class NoSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True, slots=True)
class StageContext:
    """What every stage may use besides its settings: plain values, never the case database.

    ``case`` is what the case knew when the runner built the stage (people, roster addresses,
    conversations, redacted identities); ``open_source`` gives renderers an original's path,
    checked against its SHA-256. Only the runner writes to the case.
    """

    models_dir: Path
    work_dir: Path
    case: CaseSnapshot = field(default_factory=CaseSnapshot)
    open_source: Callable[[str], Path] | None = None


@dataclass(frozen=True, slots=True)
class StageSpec:
    name: str
    version: int
    kind: str
    settings: type[BaseModel]
    factory: Callable[[Any, StageContext], Callable[..., Any]]
    summary: str
    models: Callable[[Any, Path], list[str]] | None = None  # names of the models the stage uses, for the manifest

    @property
    def ref(self) -> str:
        return f"{self.name}@{self.version}"

    def validate(self, raw: dict[str, Any] | None) -> BaseModel:
        try:
            return self.settings.model_validate(raw or {})
        except ValidationError as exc:
            raise ConfigError(f"stage {self.ref}: invalid settings: {problems(exc, root='(settings)')}") from None


STAGES: Registry[StageSpec] = Registry("stage")


def register(
    name: str,
    *,
    kind: str,
    settings: type[BaseModel] = NoSettings,
    version: int = 1,
    models: Callable[[Any, Path], list[str]] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: register ``factory(settings, ctx) -> callable`` as stage ``name@version``.

    ``models(settings, models_dir)`` names the models the stage uses (recorded in the bundle manifest).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown stage kind {kind!r}")

    def wrap(factory: Callable[..., Any]) -> Callable[..., Any]:
        summary = (factory.__doc__ or "").strip().splitlines()[0] if factory.__doc__ else ""
        spec = StageSpec(name, version, kind, settings, factory, summary, models)
        STAGES.add(spec)
        return factory

    return wrap


def load_builtins() -> None:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)


def lookup(ref: str) -> StageSpec:
    load_builtins()
    spec = STAGES.get(ref)  # a bare name: its newest version
    if spec is None:
        raise ConfigError(f"unknown stage {ref!r}", hint=f"registered stages: {', '.join(STAGES.refs())}")
    return spec


def registered() -> list[StageSpec]:
    load_builtins()
    return sorted(STAGES.entries(), key=lambda s: (KINDS.index(s.kind), s.ref))
