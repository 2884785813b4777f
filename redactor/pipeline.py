"""Pipeline definitions: which registered stages run, in which order, with which settings.

A pipeline is a YAML file in ``pipelines/`` (named by its stem) or any path::

    name: disclosure
    stages:
      - use: ingest.files@1
        with: {max_file_mb: 1024}
      - use: extract.auto@1
      ...

Loading validates the file, resolves every stage in the registry, validates its
settings, and checks the stage order, so a broken pipeline fails before any input
is touched. The pipeline hash (SHA-256 over the resolved configuration and the model
files it uses) goes into the audit log and the bundle manifest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from redactor import paths
from redactor.audit.log import canonical
from redactor.config import load_yaml, problems
from redactor.errors import ConfigError
from redactor.stages import CASE_KINDS, KINDS, OUTPUT_KINDS, StageContext, StageSpec, lookup

DEFAULT_PIPELINE = "disclosure"


class StageEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    use: str
    with_: dict[str, Any] = Field(default_factory=dict, alias="with")


class PipelineFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    description: str = ""
    stages: list[StageEntry]


@dataclass(frozen=True, slots=True)
class BoundStage:
    spec: StageSpec
    settings: BaseModel

    def build(self, ctx: StageContext) -> Any:
        return self.spec.factory(self.settings, ctx)


@dataclass(frozen=True, slots=True)
class Pipeline:
    name: str
    path: Path
    stages: tuple[BoundStage, ...]
    hash: str

    def of_kind(self, kind: str) -> BoundStage:
        for stage in self.stages:
            if stage.spec.kind == kind:
                return stage
        raise ConfigError(f"pipeline {self.name} has no {kind} stage")

    def describe(self) -> list[str]:
        return [s.spec.ref for s in self.stages]

    def models(self) -> list[str]:
        """The models the stages use (for the bundle manifest), as each registered stage reports them."""
        return [name for s in self.stages if s.spec.models is not None for name in s.spec.models(s.settings, paths.models_dir())]


def resolve_path(name_or_file: str | None) -> Path:
    value = name_or_file or DEFAULT_PIPELINE
    candidate = Path(value)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        if not candidate.is_file():
            raise ConfigError(f"pipeline file {candidate} not found")
        return candidate
    named = paths.pipelines_dir() / f"{value}.yaml"
    if not named.is_file():
        known = sorted(p.stem for p in paths.pipelines_dir().glob("*.yaml"))
        raise ConfigError(f"no pipeline named {value!r}", hint=f"known pipelines: {', '.join(known) or 'none'}; or pass a YAML file")
    return named


def _model_files_digest(settings: BaseModel) -> dict[str, str]:
    """Hashes of the model files a stage's settings point at, so changing a lexicon changes the pipeline hash."""
    digests: dict[str, str] = {}
    for value in settings.model_dump().values():
        if isinstance(value, str) and value.endswith((".yaml", ".yml", ".txt", ".json", ".csv")):
            path = paths.models_dir() / value
            if path.is_file():
                digests[value] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def load_pipeline(name_or_file: str | None = None) -> Pipeline:
    path = resolve_path(name_or_file)
    raw = load_yaml(path, "pipeline")
    try:
        spec = PipelineFile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"pipeline {path}: {problems(exc)}") from None
    bound = tuple(BoundStage(s, s.validate(entry.with_)) for entry in spec.stages for s in [lookup(entry.use)])
    _check_order(path, bound)
    resolved = [{"use": b.spec.ref, "with": b.settings.model_dump(mode="json"), "files": _model_files_digest(b.settings)} for b in bound]
    digest = hashlib.sha256(canonical({"name": spec.name, "stages": resolved})).hexdigest()
    return Pipeline(spec.name, path, bound, digest)


def _check_order(path: Path, stages: tuple[BoundStage, ...]) -> None:
    kinds = [s.spec.kind for s in stages]
    if kinds != sorted(kinds, key=KINDS.index) or len(set(kinds)) != len(kinds):
        raise ConfigError(f"pipeline {path}: stages must run once each in the order {' -> '.join(KINDS)}; got {' -> '.join(kinds)}")
    missing = [k for k in (*CASE_KINDS, *OUTPUT_KINDS) if k not in kinds]
    if missing:
        raise ConfigError(f"pipeline {path}: missing stage kinds: {', '.join(missing)}")
