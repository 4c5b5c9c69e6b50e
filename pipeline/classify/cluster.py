"""Classify on a Dask cluster: the same read, extract, tag and classify functions, on many machines.

The client walks the paths given (listing folders, opening no file) into `Pending`
units of reading (a file, a body's folder, a zip of responses) and sends them to the
workers in partitions of PARTITION units, at most two partitions per worker thread in
flight. Each worker reads its units where the files are (the same paths: a shared
disk), or from the bytes the client packed in when a worker cannot see them, then
extracts, tags and classifies them with predict.py's own functions, so records are
byte for byte those of a local run (with a cache folder, a unit whose bytes the record
cache knows is neither parsed nor extracted: recordcache.py). The client yields the records back in input
order: the output is written by the caller (atomically, as any run's).

Each worker loads the model and the spaCy pipeline once, when a run's worker plugin
is set up on it (workers that join or restart mid-run get it too), and handles one
partition at a time (spaCy's memory zones are not thread-safe). A worker that dies
mid-run loses nothing: the scheduler runs its partitions again elsewhere, and since
records come back per partition, none is written twice. A document that fails gives
its error record, as in a local run.

`--resume`: the documents already complete are sent to the workers once (in the
plugin), which read but do not extract them; the client's `admit` sees a stub of every
document read (its name and its attachments' errors) in input order, as in a local run.
"""
from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import uuid
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from distributed import Client, Future, LocalCluster, WorkerPlugin, get_worker
from distributed.comm.addressing import parse_address
from threadpoolctl import threadpool_limits

from ..documents import Document
from ..extract import Request
from ..read import Pending
from ..runner import UsageError
from ..tag import Tagger
from .model import FoiModel
from .predict import Entry, admitted, classify_read, nlp_for
from .recordcache import read_cached, record_cache

# Units of reading per task: a few seconds of work, so a lost worker costs little and all are busy.
PARTITION = 16
CONNECT_TIMEOUT = "10s"
_LOCAL = re.compile(r"local:(\d+)")
Record = dict[str, Any]


class SchedulerError(UsageError):
    """The scheduler address is malformed or nobody answers there (a usage error: exit code 2)."""


@contextlib.contextmanager
def connect_scheduler(scheduler: str) -> Iterator[Client]:
    """A client of the Dask scheduler at `scheduler` ("tcp://host:8786", "host:8786"), or of a
    cluster of N worker processes started on this machine for the run ("local:N")."""
    local = _LOCAL.fullmatch(scheduler.strip())
    if local:
        workers = int(local.group(1))
        if workers < 1:
            raise SchedulerError(f"--scheduler {scheduler}: local:N needs at least one worker")
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        parse_address(scheduler if "://" in scheduler else f"tcp://{scheduler}")
        if not re.search(r":\d+$", scheduler):
            raise ValueError("no port")
    except ValueError as exc:
        raise SchedulerError(f"--scheduler {scheduler}: not a scheduler address (try tcp://HOST:8786 or local:2)") from exc
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler} ({_reason(exc)})") from None
    with client:
        yield client


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:160] if text else type(exc).__name__


class ClassifyPlugin(WorkerPlugin):
    """What a run needs on each worker: the model, the spaCy pipeline (loaded in `setup`, once per
    worker) and the run's settings; `classify` does a partition's work."""

    def __init__(self, model: FoiModel, request: Request | None, batch_size: int, review_below: float,
                 cache_dir: str | Path | None, skip: Collection[str]) -> None:
        self.model, self.request, self.batch_size = model, request, batch_size
        self.review_below, self.cache_dir, self.skip = review_below, cache_dir, frozenset(skip)

    def setup(self, worker: Any) -> None:
        threadpool_limits(1)  # one BLAS/OpenMP thread: a worker is one core
        self.tagger = Tagger(nlp_for(self.model), cache_dir=self.cache_dir, batch_size=self.batch_size)
        self.records = record_cache(self.cache_dir, self.request, self.model.segmenter)
        self.lock = threading.Lock()

    def classify(self, units: list[Pending | Record]) -> list[Entry]:
        """Read, extract and classify a partition: a stub and the records of each document read."""
        read = list(read_cached(units, self.records))
        with self.lock:
            return classify_read(read, model=self.model, tagger=self.tagger, records=self.records, request=self.request,
                                 batch_size=self.batch_size, review_below=self.review_below, skip=self.skip)


def _classify_partition(plugin: str, units: list[Pending | Record]) -> list[Entry]:
    """The task run on a worker."""
    return get_worker().plugins[plugin].classify(units)


def _sees(paths: list[str]) -> bool:
    return all(os.path.exists(p) for p in paths)


def classify_on_cluster(items: Iterable[Pending | Record], *, client: Client, paths: Iterable[str | Path], model: FoiModel,
                        request: Request | None, batch_size: int, review_below: float, cache_dir: str | Path | None,
                        admit: Callable[[Document | Record], bool] | None = None,
                        skip: Collection[str] = ()) -> Iterator[Record]:
    """Records of `items` (from `iter_pending`) classified on the cluster's workers, in input order."""
    name = f"foi-nlp-classify-{uuid.uuid4().hex}"
    client.register_plugin(ClassifyPlugin(model, request, batch_size, review_below, cache_dir, skip), name=name)
    in_place = all(client.run(_sees, [os.path.abspath(p) for p in paths]).values())
    window = 2 * max(1, sum(client.nthreads().values()))
    running: deque[Future] = deque()
    try:
        for units in _partitions(items, in_place):
            running.append(client.submit(_classify_partition, name, units, pure=False))
            if len(running) >= window:
                yield from _settle(running.popleft(), admit)
        while running:
            yield from _settle(running.popleft(), admit)
    finally:
        for future in running:
            future.cancel()
        with contextlib.suppress(Exception):
            client.unregister_worker_plugin(name)


def _partitions(items: Iterable[Pending | Record], in_place: bool) -> Iterator[list[Pending | Record]]:
    partition: list[Pending | Record] = []
    for item in items:
        partition.append(item if in_place or not isinstance(item, Pending) else item.loaded())
        if len(partition) >= PARTITION:
            yield partition
            partition = []
    if partition:
        yield partition


def _settle(future: Future, admit: Callable[[Document | Record], bool] | None) -> Iterator[Record]:
    yield from admitted(future.result(), admit)
