"""Detection on a Dask cluster (``--executor dask``): the same flags as local detection, with thread
and process workers; a worker killed mid-run changes nothing; an unreachable scheduler stops the run
before anything is extracted, with one line and exit code 7; a scheduler lost mid-run stops it
(E101) and a re-run resumes from the stored batches and ends with the same flags."""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from benchmarks.device_data import write_chat
from redactor import cluster
from redactor.case import CaseStore
from redactor.errors import ClusterError
from redactor.pipeline import load_pipeline
from redactor.runner import run_case
from tests.runner.test_volume import flag_rows

distributed = pytest.importorskip("distributed")


def stored_upto(case: Path) -> int:
    try:
        with sqlite3.connect(f"file:{case / 'case.db'}?mode=ro", uri=True, timeout=5) as conn:
            row = conn.execute("SELECT MAX(upto) FROM detect_progress").fetchone()
    except sqlite3.Error:
        return 0
    return (row[0] or 0) if row else 0


def run(chat: Path, case: Path, **options):
    with CaseStore.create(case) as store:
        return run_case(store, load_pipeline(None), [chat], batch_items=12, **options)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    root = tmp_path_factory.mktemp("cluster")
    write_chat(root / "chat.txt", 240, seed=11)
    run(root / "chat.txt", root / "local", workers=1)
    rows = flag_rows(root / "local")
    assert len(rows) > 50
    return root / "chat.txt", rows


def local_cluster(processes: bool, workers: int = 2):
    """A cluster for a test: its HTTP servers on random ports, so two suites at once don't fight over 8787."""
    return distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=processes,
        dashboard_address=None,
        scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
        worker_dashboard_address="127.0.0.1:0",
    )


def test_thread_workers_give_the_flags_of_local_detection(tmp_path, reference):
    chat, expected = reference
    with local_cluster(processes=False) as lc:
        summary = run(chat, tmp_path / "case", executor="dask", scheduler=lc.scheduler_address)
    assert summary.items == 241 and flag_rows(tmp_path / "case") == expected


@pytest.mark.slow
def test_process_workers_give_the_same_flags_even_when_one_is_killed_mid_run(tmp_path, reference):
    chat, expected = reference
    case = tmp_path / "case"
    with local_cluster(processes=True) as lc, distributed.Client(lc, set_as_default=False) as client:
        pids = list(client.run(os.getpid).values())

        def kill_one() -> None:
            while stored_upto(case) == 0:
                time.sleep(0.02)
            os.kill(pids[0], signal.SIGKILL)

        killer = threading.Thread(target=kill_one, daemon=True)
        killer.start()
        summary = run(chat, case, executor="dask", scheduler=lc.scheduler_address)
        killer.join(timeout=60)
    assert not killer.is_alive() and summary.items == 241
    assert flag_rows(case) == expected


def test_an_unreachable_scheduler_stops_the_run_before_extraction_with_one_line(tmp_path, cli, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1)
    chat = tmp_path / "chat.txt"
    write_chat(chat, 5)
    result = cli("run", chat, "--case", tmp_path / "case", "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 7
    assert result.output.strip().splitlines() == [result.output.strip()]  # one line
    assert "[E101] cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output and "dask scheduler" in result.output
    with CaseStore.open(tmp_path / "case") as store:
        assert store.sources() == []  # stopped before ingest: nothing extracted, nothing sent


def test_a_scheduler_option_needs_the_dask_executor(tmp_path, cli):
    chat = tmp_path / "chat.txt"
    write_chat(chat, 5)
    result = cli("run", chat, "--case", tmp_path / "case", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2 and "--scheduler is for --executor dask" in result.output


def test_a_scheduler_lost_mid_run_stops_it_and_a_re_run_resumes_with_the_same_flags(tmp_path, reference):
    chat, expected = reference
    case = tmp_path / "case"
    lc = local_cluster(processes=False)
    try:

        def lose_scheduler() -> None:
            while stored_upto(case) == 0:
                time.sleep(0.01)
            lc.sync(lc.scheduler.close)

        threading.Thread(target=lose_scheduler, daemon=True).start()
        with pytest.raises(ClusterError, match="lost the Dask scheduler") as caught:
            run(chat, case, executor="dask", scheduler=lc.scheduler_address)
        assert caught.value.code == "E101" and caught.value.exit_code == 7
    finally:
        try:
            lc.close()
        except Exception:  # noqa: BLE001, S110 (its scheduler is already gone)
            pass
    kept = stored_upto(case)
    assert 0 < kept < 241
    with local_cluster(processes=False) as again:
        summary = run(chat, case, executor="dask", scheduler=again.scheduler_address)
    assert summary.items_resumed == kept
    assert flag_rows(case) == expected


def test_a_scheduler_without_workers_stops_the_run_before_extraction(tmp_path):
    chat = tmp_path / "chat.txt"
    write_chat(chat, 5)
    with local_cluster(processes=False, workers=0) as lc:
        with pytest.raises(ClusterError, match="has no workers"):
            run(chat, tmp_path / "case", executor="dask", scheduler=lc.scheduler_address)
    with CaseStore.open(tmp_path / "case") as store:
        assert store.sources() == []


def listening(pids: set[int]) -> set[tuple[str, int]]:
    """Every TCP address that a process of ``pids`` listens on."""
    psutil = pytest.importorskip("psutil")
    out = set()
    for pid in pids:
        for conn in psutil.Process(pid).net_connections(kind="inet"):
            if conn.status == psutil.CONN_LISTEN:
                out.add((conn.laddr.ip, conn.laddr.port))
    return out


def dask_comm_ports(client) -> set[tuple[str, int]]:
    """The scheduler's, the nannies' and the workers' comm addresses (what Dask needs to talk)."""
    info = client.scheduler_info(n_workers=-1)
    addresses = [info["address"], *info["workers"], *(w["nanny"] for w in info["workers"].values() if w.get("nanny"))]
    return {(host, int(port)) for host, _, port in (a.removeprefix("tcp://").rpartition(":") for a in addresses)}


def test_the_local_cluster_listens_on_its_comm_ports_alone_on_loopback_even_after_a_worker_restarts():
    """No HTTP server (Dask's dashboard routes, metrics, proxy on 8787) is left listening: only the comm ports."""
    psutil = pytest.importorskip("psutil")
    from redactor import local_cluster

    local, client = local_cluster.start(2)
    try:
        worker_pids = set(client.run(os.getpid).values())
        pids = {os.getpid(), *worker_pids}
        expected = dask_comm_ports(client)
        assert len(expected) == 5 and {host for host, _ in expected} == {"127.0.0.1"}
        assert listening(pids) == expected
        os.kill(next(iter(worker_pids)), signal.SIGKILL)  # the nanny starts a new worker, with a new HTTP server
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.2)
            try:
                now = set(client.run(os.getpid).values())
            except Exception:  # noqa: BLE001, S112 (the killed worker is still being removed)
                continue
            if len(now) == 2 and now != worker_pids and all(psutil.pid_exists(p) for p in now):
                break
        else:
            pytest.fail("the nanny did not restart the killed worker")
        time.sleep(0.5)
        assert listening({os.getpid(), *now}) == dask_comm_ports(client)
        assert client.submit(len, "abc").result() == 3  # still works without them
    finally:
        client.close()
        local.close()


class _Cancelled:
    """A future the scheduler cancelled (distributed's FutureCancelledError), with its reason."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def result(self):
        from distributed.client import FutureCancelledError

        raise FutureCancelledError(key="chunk", reason=self.reason)


class _Done:
    def result(self):
        return [["spans"]]


class _Executor:
    address = "tcp://test"

    def __init__(self, connected: bool) -> None:
        self.sent: list[list[str]] = []
        self._connected = connected

    def connected(self) -> bool:
        return self._connected

    def resend(self, texts):
        self.sent.append(texts)
        return _Done()


@pytest.mark.parametrize("reason", ["lost dependencies", "already forgotten", None])
def test_a_chunk_the_scheduler_cancelled_while_still_there_is_sent_again(reason):
    executor = _Executor(connected=True)
    task = cluster._DaskTask(_Cancelled(reason), executor, ["a", "b"])
    assert task.result() == [["spans"]] and executor.sent == [["a", "b"]]


@pytest.mark.parametrize(
    ("reason", "connected"), [("scheduler-connection-lost", True), ("scheduler-restart", True), ("lost dependencies", False)]
)
def test_a_cancelled_chunk_stops_the_run_when_the_scheduler_is_gone(reason, connected):
    executor = _Executor(connected=connected)
    task = cluster._DaskTask(_Cancelled(reason), executor, ["a"])
    with pytest.raises(cluster.ClusterError, match="lost the Dask scheduler tcp://test"):
        task.result()
    assert executor.sent == []


def test_a_chunk_is_sent_again_a_bounded_number_of_times():
    class AlwaysLost(_Executor):
        def resend(self, texts):
            self.sent.append(texts)
            return _Cancelled("lost dependencies")

    executor = AlwaysLost(connected=True)
    with pytest.raises(cluster.ClusterError):
        cluster._DaskTask(_Cancelled("lost dependencies"), executor, ["a"]).result()
    assert len(executor.sent) == cluster.RESUBMITS


@pytest.mark.parametrize(("after", "expected"), [("running", True), ("closed", False)])
def test_a_client_that_is_reconnecting_is_given_time_before_the_run_stops(after, expected):
    class Client:
        status = "connecting"

    client = Client()
    threading.Timer(0.5, lambda: setattr(client, "status", after)).start()
    executor = object.__new__(cluster.DaskExecutor)
    executor.client = client
    assert executor.connected() is expected


def test_a_plan_cancelled_with_its_worker_is_scattered_again_without_asking_who_holds_it():
    """distributed's who_has raises on a cancelled future: the kill-worker test stopped in resend so, under load."""

    class Plan:
        key, status = "plan", "cancelled"

    class Client:
        def __init__(self) -> None:
            self.calls: list[str] = []

        def who_has(self, future):
            from distributed.client import FuturesCancelledError

            raise FuturesCancelledError([])

        def scatter(self, plan, **kwargs):
            self.calls.append("scatter")
            return "new plan"

        def submit(self, fn, key, plan, texts, **kwargs):
            self.calls.append(f"submit {plan}")
            return "future"

    executor = cluster.DaskExecutor.__new__(cluster.DaskExecutor)
    executor.client, executor.remote_plan, executor.plan, executor.key, executor.address = Client(), Plan(), "plan", "k", "tcp://test"
    assert executor.resend(["a"]) == "future"
    assert executor.client.calls == ["scatter", "submit new plan"]
