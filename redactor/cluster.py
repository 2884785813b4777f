"""Detection batches on a Dask distributed cluster: ``redactor run --executor dask [--scheduler ADDRESS]``.

The coordinating process (the one that ran ``redactor run``) keeps everything it keeps with local
workers: it alone opens the case, extracts, writes flags and the audit log. A Dask worker only
receives a :class:`ClusterPlan` (the pipeline's YAML and the case's people: names, phones, e-mail
addresses and postal addresses of the people the case knows, as the bytes of a compact
:class:`~redactor.people_table.PeopleTable`, not the coordinator's file) once, and then chunks of message texts;
it returns spans as plain JSON rows. Each worker process builds the detect stage once per plan, from
its *own* installed redactor and models; at connection every worker must report the same redactor
version and the same pipeline hash (which covers the recognizer and lexicon files) as this process,
or the run stops before any text is sent.

Without ``--scheduler`` a ``LocalCluster`` of worker processes is started on this machine.
Failures: an unreachable scheduler at start, a scheduler lost mid-run, or workers that keep dying on a
chunk (Dask retries a chunk whose worker died, then gives up) stop the run with :class:`ClusterError`;
what is stored is kept and a re-run resumes.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redactor import __version__
from redactor.errors import ClusterError
from redactor.people_table import received
from redactor.records import CaseSnapshot, Person

if TYPE_CHECKING:  # executors imports this module when asked for Dask
    from redactor.executors import Pending, SpanRows, StagePlan

log = logging.getLogger(__name__)

CONNECT_SECONDS = 10


@dataclass(frozen=True, slots=True)
class ClusterPlan:
    """A :class:`StagePlan` that does not depend on this machine's paths: the pipeline goes as its YAML."""

    pipeline_yaml: str
    kind: str
    people: Sequence[Person]  # a PeopleTable (sent as its bytes) when the plan names a file: workers may not share the disk
    roster_addresses: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def of(cls, plan: StagePlan) -> ClusterPlan:
        return cls(Path(plan.pipeline).read_text(encoding="utf-8"), plan.kind, received(plan.people), plan.roster_addresses)

    def pipeline_hash(self) -> str:
        from redactor.pipeline import load_pipeline

        with tempfile.TemporaryDirectory(prefix="redactor-plan-") as tmp:
            path = Path(tmp) / "pipeline.yaml"
            path.write_text(self.pipeline_yaml, encoding="utf-8")
            return load_pipeline(str(path)).hash

    def build(self) -> Any:
        from redactor import paths
        from redactor.pipeline import load_pipeline
        from redactor.stages import StageContext

        with tempfile.TemporaryDirectory(prefix="redactor-plan-") as tmp:
            path = Path(tmp) / "pipeline.yaml"
            path.write_text(self.pipeline_yaml, encoding="utf-8")
            bound = load_pipeline(str(path)).of_kind(self.kind)
            case = CaseSnapshot(people=self.people, roster_addresses=dict(self.roster_addresses))  # type: ignore[arg-type]
            return bound.build(StageContext(paths.models_dir(), Path(tmp), case))


# --- on the workers ---------------------------------------------------------------------------------

_LOCK = threading.Lock()  # a worker may run several threads; the stage is built once and used by one at a time
_BUILT: dict[str, Any] = {}  # plan key -> its stage (one plan at a time: a new case frees the old model)


def _worker_spans(key: str, plan: ClusterPlan, texts: list[str]) -> SpanRows:
    with _LOCK:
        if key not in _BUILT:
            _BUILT.clear()
            _BUILT[key] = plan.build()
        return _BUILT[key].spans(texts)


def _worker_identity(plan: ClusterPlan) -> tuple[str, str]:
    return __version__, plan.pipeline_hash()


# --- on the coordinator -----------------------------------------------------------------------------


def check_scheduler(address: str) -> None:
    """Raise :class:`ClusterError` when the scheduler at ``address`` cannot be reached or has no workers."""
    client = DaskExecutor.connect(address, 0)
    try:
        _threads(client, address)
    finally:
        client.close()


def _threads(client: Any, address: str) -> int:
    threads = sum(w.get("nthreads", 1) for w in client.scheduler_info(n_workers=-1)["workers"].values())
    if threads == 0:
        raise ClusterError(f"the Dask scheduler {address} has no workers", hint=_SCHEDULER_HINT)
    return threads


class _DaskTask:
    __slots__ = ("future", "executor", "texts", "resubmitted")

    def __init__(self, future: Any, executor: DaskExecutor, texts: list[str]) -> None:
        self.future, self.executor, self.texts, self.resubmitted = future, executor, texts, 0

    def result(self) -> SpanRows:
        from distributed import KilledWorker

        while True:
            try:
                return self.future.result()
            except KilledWorker:
                raise ClusterError("Dask workers kept dying on a detection chunk (killed, or out of memory); the run stopped") from None
            except Exception as exc:  # noqa: BLE001 (lost connection, cancelled: the scheduler is gone)
                if _resendable(exc) and self.resubmitted < RESUBMITS and self.executor.connected():
                    # the scheduler cancelled the chunk for a reason of its own (the killed worker held the only
                    # copy of the scattered plan: "lost dependencies", or the task was forgotten meanwhile) and
                    # is still there: send the plan again and the chunk with it (detection is pure)
                    self.resubmitted += 1
                    self.future = self.executor.resend(self.texts)
                    continue
                if type(exc).__name__ in ("CancelledError", "CommClosedError", "FutureCancelledError") or isinstance(
                    exc, OSError | TimeoutError
                ):
                    why = type(exc).__name__ + (f": {exc.reason}" if getattr(exc, "reason", None) else "")
                    raise ClusterError(f"lost the Dask scheduler {self.executor.address} during the run ({why}); the run stopped") from None
                raise


RESUBMITS = 3  # a chunk the scheduler cancelled while it was still there is sent again at most this often
SCHEDULER_GONE = ("scheduler-connection-lost", "scheduler-restart")  # the cancel reasons that mean the scheduler went away
RECONNECT_SECONDS = 10  # how long a client that is reconnecting (a missed heartbeat under load) is given


def _resendable(exc: BaseException) -> bool:
    """A future the scheduler cancelled for a reason of its own, not because the scheduler itself went away."""
    return type(exc).__name__ == "FutureCancelledError" and getattr(exc, "reason", None) not in SCHEDULER_GONE


class DaskExecutor:
    """Chunks of texts as tasks on a Dask cluster; ``workers`` is how many chunks it runs at once."""

    replaced = 0  # Dask itself retries a chunk whose worker died

    def __init__(self, plan: StagePlan, scheduler: str | None, local_workers: int) -> None:
        self.plan = ClusterPlan.of(plan)
        self.key = hashlib.sha256(pickle.dumps(self.plan)).hexdigest()
        self.cluster: Any = None
        self.client = self.connect(scheduler, local_workers, self)
        self.address = scheduler or "local"
        try:
            self.workers = self._check_workers()
            self.remote_plan = self.client.scatter(self.plan, broadcast=True, hash=False)
        except BaseException:
            self.close()
            raise

    @staticmethod
    def connect(scheduler: str | None, local_workers: int, owner: DaskExecutor | None = None) -> Any:
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError("--executor dask needs Dask: pip install 'dask[distributed]' (pinned in requirements/lock.txt)") from None
        if scheduler is None:
            from redactor import local_cluster

            cluster, client = local_cluster.start(max(local_workers, 1))  # no HTTP server left listening
            if owner is not None:
                owner.cluster = cluster
            return client
        try:
            return Client(scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {scheduler} ({type(exc).__name__}); nothing was sent", hint=_SCHEDULER_HINT
            ) from None

    def _check_workers(self) -> int:
        threads = _threads(self.client, self.address)
        mine = _worker_identity(self.plan)
        for worker, theirs in self.client.run(_worker_identity, self.plan).items():
            if tuple(theirs) != mine:
                raise ClusterError(
                    f"Dask worker {worker} runs redactor {theirs[0]} with pipeline {theirs[1][:12]}; this process runs "
                    f"{mine[0]} with {mine[1][:12]}; nothing was sent",
                    hint="install the same redactor wheel and models on every worker",
                )
        return threads

    def submit(self, texts: Sequence[str]) -> Pending:
        chunk = list(texts)
        try:
            future = self.client.submit(_worker_spans, self.key, self.remote_plan, chunk, pure=False)
        except Exception as exc:  # noqa: BLE001
            raise ClusterError(f"lost the Dask scheduler {self.address} during the run ({type(exc).__name__}); the run stopped") from None
        return _DaskTask(future, self, chunk)

    def connected(self) -> bool:
        """Whether the client talks to the scheduler; one that is reconnecting is given ``RECONNECT_SECONDS``."""
        deadline = time.monotonic() + RECONNECT_SECONDS
        while getattr(self.client, "status", None) == "connecting" and time.monotonic() < deadline:
            time.sleep(0.2)
        return getattr(self.client, "status", None) == "running"

    def resend(self, texts: list[str]) -> Any:
        """The plan scattered again (once for all chunks that lost it) and ``texts`` submitted with it."""
        try:
            if self._plan_lost():
                self.remote_plan = self.client.scatter(self.plan, broadcast=True, hash=False)
            return self.client.submit(_worker_spans, self.key, self.remote_plan, texts, pure=False)
        except Exception as exc:  # noqa: BLE001
            raise ClusterError(f"lost the Dask scheduler {self.address} during the run ({type(exc).__name__}); the run stopped") from None

    def _plan_lost(self) -> bool:
        """No worker holds the scattered plan. A plan future the scheduler cancelled (it went with a killed worker)
        is asked nothing: ``who_has`` raises on a cancelled future, which stopped the run."""
        if getattr(self.remote_plan, "status", "finished") != "finished":
            return True
        return self.client.who_has(self.remote_plan).get(self.remote_plan.key) in (None, (), [])

    def close(self) -> None:
        for part in (self.client, self.cluster):
            if part is not None:
                try:
                    part.close()
                except Exception:  # noqa: BLE001 (a lost scheduler cannot be closed politely)
                    log.warning("closing the Dask %s failed", type(part).__name__)


_SCHEDULER_HINT = (
    "start one with 'dask scheduler' and workers with 'dask worker ADDRESS', check the address, or run without --executor dask"
)
