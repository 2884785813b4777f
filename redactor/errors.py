"""One error hierarchy for the whole tool.

Every error carries an exit code and a hint that tells the user what to do.
The library raises these; only the CLI turns them into a message and an exit code.
Messages name files and problems, never document text or detected values.
"""

from __future__ import annotations


class RedactorError(Exception):
    """Base class. ``code`` is a stable identifier, ``exit_code`` what the CLI returns."""

    code = "E000"
    exit_code = 1
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class UsageError(RedactorError):
    code = "E001"
    exit_code = 2


class ConfigError(RedactorError):
    """A pipeline, model or roster file is missing or invalid."""

    code = "E010"
    exit_code = 2
    hint = "check the file against the examples in pipelines/ and models/"


class CaseError(RedactorError):
    """The case folder is missing, locked or not a redactor case."""

    code = "E020"
    exit_code = 2
    hint = "create it with 'redactor run SOURCE --case DIR'"


class InputError(RedactorError):
    """One input file cannot be processed. The item is quarantined; the batch goes on."""

    code = "E030"
    exit_code = 3


class UnsupportedInput(InputError):
    code = "E031"
    hint = "supported: PDF, images, Word, Excel, Outlook, RTF, OpenDocument, HTML, CSV, JSON, XML, text, device exports; convert it or leave it out"


class EncryptedInput(InputError):
    code = "E032"
    hint = "ask the supplier for an unencrypted copy or the password, then re-run"


class CorruptInput(InputError):
    code = "E033"
    hint = "the file is damaged or truncated; obtain a fresh copy from the exhibit"


class EmptyInput(InputError):
    code = "E034"
    hint = "the file has no content to review; check that the right file was supplied"


class HostileInput(InputError):
    """Zip slip, entity expansion, external entities, decompression bombs."""

    code = "E035"
    hint = "the file tries to escape the case folder or exhaust memory; examine it with forensic tools"


class TooLargeInput(InputError):
    code = "E036"
    hint = "raise the limit in the pipeline's ingest settings if the file is genuine"


class StageError(RedactorError):
    """A stage failed on one item. The item is quarantined and never rendered unredacted."""

    code = "E040"
    exit_code = 3


class ModelError(RedactorError):
    """The NLP model is not installed. Nothing is ever downloaded at run time."""

    code = "E050"
    exit_code = 2
    hint = "run 'make install', or install the model wheel named in models/nlp_engine.yaml"


class PendingFlagsError(RedactorError):
    code = "E060"
    exit_code = 4
    hint = "review them ('redactor review', 'redactor decide') or pass --pending redact"


class InconsistentValuesError(RedactorError):
    """A value is redacted in one place and kept in another, and an exception has no recorded reason."""

    code = "E061"
    exit_code = 4
    hint = "see 'redactor status CASE'; decide the value again, or except each occurrence with a reason"


class VerificationError(RedactorError):
    """A bundle or audit log failed verification."""

    code = "E070"
    exit_code = 5
    hint = "the material has been altered since it was written; do not serve it"


class DecisionImportError(RedactorError):
    code = "E080"
    exit_code = 2
    hint = "fix the listed rows and import again; nothing was changed"


class ConflictError(RedactorError):
    """Another reviewer changed the flag since it was loaded."""

    code = "E090"
    exit_code = 6
    hint = "reload to see the other reviewer's decision"


class LeakError(VerificationError):
    """A value the case decided to redact is in the bundle (``redactor verify --case``)."""

    code = "E071"
    hint = "do not serve this bundle; rebuild it with 'redactor bundle' and report the defect"


class WorkerError(RedactorError):
    """A worker process or cluster the run depended on failed; what was stored is kept."""

    code = "E100"
    exit_code = 7
    hint = "run the same command again: it resumes from the last stored batch"


class ClusterError(WorkerError):
    """The Dask cluster a run was sent to is unreachable, was lost, or does not match this installation."""

    code = "E101"
    exit_code = 7
    hint = "check the scheduler ('dask scheduler') and its workers, then run the same command again: it resumes"
