"""The Dask cluster ``redactor run --executor dask`` starts on this machine when no ``--scheduler`` is given.

Dask's scheduler and workers always start an HTTP server (dashboard routes, Prometheus metrics,
health, a proxy): in distributed 2026.8 ``Scheduler.__init__`` and ``Worker.__init__`` call
``start_http_server`` whatever ``dashboard_address`` says, and a scheduler given none listens on
port 8787. distributed has no setting to leave it out, so this module leaves it empty and closes
it: while the cluster starts, both servers get no routes (``distributed.*.http.routes``) and a
random port on 127.0.0.1; then the scheduler's server is stopped on the cluster's event loop and
every worker's by a worker plugin (which also reaches a worker the nanny restarts). What stays
listening, on 127.0.0.1 only, is what Dask needs to work: the scheduler's, the nannies' and the
workers' comm ports (``tests/runner/test_cluster.py`` lists every listening socket).

Only :mod:`redactor.cluster` imports this module, and only when Dask is installed.
"""

from __future__ import annotations

from typing import Any

import dask
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

HOST = "127.0.0.1"
NO_ROUTES = {"distributed.scheduler.http.routes": [], "distributed.worker.http.routes": []}


class NoHttp(WorkerPlugin):
    """Stops the worker's HTTP server (on the worker's event loop, where plugins are set up)."""

    name = "redactor-no-http"
    idempotent = True

    def setup(self, worker: Any) -> None:
        worker.http_server.stop()


async def _stop_scheduler_http(cluster: LocalCluster) -> None:
    cluster.scheduler.http_server.stop()


def start(workers: int) -> tuple[LocalCluster, Client]:
    """A local cluster of ``workers`` processes (one thread each) and a client, no HTTP server left listening."""
    with dask.config.set(NO_ROUTES):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host=HOST,
            dashboard_address=None,
            scheduler_kwargs={"dashboard": False, "dashboard_address": f"{HOST}:0"},
            worker_dashboard_address=f"{HOST}:0",
        )
    try:
        cluster.sync(_stop_scheduler_http, cluster)
        client = Client(cluster, set_as_default=False)
        try:
            client.register_plugin(NoHttp())
        except BaseException:
            client.close()
            raise
    except BaseException:
        cluster.close()
        raise
    return cluster, client
