"""The values step on the second core: a helper process reads the policy spread's occurrences while the step records
the policy's decisions.

After a large run the values step files the new flags, records what the policy decides and spreads the values it
redacted over every segment (:mod:`redactor.case.value_spread`). The spread's read side (which segments hold a
redacted text, where no flag covers it) reads only what detection committed: the segments and the flags' spans,
which filing and recording leave alone. So once the policy's decisions are known, and before they are recorded, the
step asks a helper for the occurrences of the texts it will spread; the helper reads them while the step records, and
the spread takes them instead of reading them itself.

- **Part of the writer's run, never a writer.** The helper is started by the process that writes the case (a fresh
  interpreter: nothing of the writer's connection is inherited), inside the step's write transaction, so no one else
  commits between the helper's snapshot and the spread it answers. It opens the case read-only (``mode=ro``,
  ``query_only``), reads everything inside one read transaction, and returns its results through a pipe. It reads the
  segments' texts, not the segment index (which the step may still be writing): the same texts the index holds.
- **Identical or not used.** The step checks that the texts it spreads are exactly those it asked for (else it reads
  them itself); a helper that dies, fails or answers short is logged in one line and the step reads them itself.
- **No child left behind.** The helper dies with its parent (``PR_SET_PDEATHSIG``), exits when its request pipe
  closes, ignores Ctrl-C, and is killed and reaped when the step ends, whatever happened.
- **Only where it pays**: two cores or more, :data:`FLAGS` new flags or more, and :data:`value_index.BULK` texts or
  more (fewer are looked up in the index, quickly); on anything but Linux the step stays in one process. Not beyond
  :data:`TEXTS` texts: the helper holds them beside the step (a million messages: 135,000 texts, a helper of 95 MB).
"""

from __future__ import annotations

import ctypes
import logging
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO
from urllib.parse import quote

from redactor.case.value_filed import Filed
from redactor.case.value_index import BULK, bulk_windows, squeezed_segments
from redactor.case.value_spread import Occurrence, Unanswered, occurrences_in
from redactor.case.value_text import normalise, watched, watched_name

log = logging.getLogger(__name__)

FLAGS = 10_000  # new flags from which the step asks a helper (fewer: the spread's read side is under a second)
TEXTS = 50_000  # texts up to which it is asked: it holds them and their trigram keys beside the step's own peak (1M: 135,000)
_DONE = "done"  # the helper's last message: everything was sent
Names = Callable[[Iterable[str]], Iterable[tuple[str, str]]]  # people ids -> (name or alias, person id)
_PIPE_BYTES = 1 << 20  # the answer pipe's buffer: the helper need not wait for the step to read (Linux, best effort)


def wanted(new_flags: int) -> bool:
    """Whether a values step filing ``new_flags`` asks a helper: enough work, a second core, Linux."""
    if new_flags < FLAGS or not sys.platform.startswith("linux"):
        return False
    return len(os.sched_getaffinity(0)) >= 2


class SpreadHelper:
    """The step's side of one helper: started, asked once, read once, stopped."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._asked: tuple[list[str], int] | None = None

    @classmethod
    def start(cls, db_path: Path) -> SpreadHelper | None:
        """A helper for the case at ``db_path``, importing while the step files (None if it cannot start)."""
        package = str(Path(__file__).resolve().parents[2])  # the helper runs this code, whatever the caller's path
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package, os.environ.get("PYTHONPATH")) if p)}
        try:
            process = subprocess.Popen(command(db_path), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        except OSError as exc:
            log.warning("values helper not started (%s): the step reads the spread in this process", type(exc).__name__)
            return None
        _widen(process.stdout)
        return cls(process)

    def ask(self, norms: list[str], after: int = 0) -> None:
        """The texts (sorted, normalised) whose occurrences the helper reads now, in the segments above rowid ``after``."""
        assert self._process.stdin is not None
        try:
            pickle.dump((norms, after), self._process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self._process.stdin.close()
        except OSError:
            self._stopped("did not take the request")
            return
        self._asked = (norms, after)

    def ask_values(self, redacted: list[tuple[str, str | None]], created: Mapping[str, Filed], names: Names) -> None:
        """Ask for the texts the policy's spread of these redacted values will take (value id, the value's person), as
        :meth:`ValueSpread._sources` takes them: each first member's that the filing holds, the person's names
        (``names``). Not asked (stopped) when a value's texts are read from the case, or when they are few."""
        norms, people = set(), set()
        for value_id, person_id in redacted:
            firsts = created[value_id].first_members() if value_id in created else None
            if firsts is None:  # the spread reads this value's texts from the case once recorded: not known yet
                self.close()
                return
            norms |= {norm for r in firsts if watched(norm := normalise(r.value or ""))}
            people |= {person_id} if person_id else set()
        norms |= {norm for name, _ in names(people) if watched_name(norm := normalise(name))}
        if not BULK <= len(norms) <= TEXTS:  # few: the index answers them quickly; very many: memory first
            self.close()
            return
        self.ask(sorted(norms))

    def answer(self, norms: list[str], after: int) -> Iterator[list[Occurrence]] | None:
        """The occurrences of ``norms`` if the helper was asked exactly these (else None: the spread reads them), a chunk
        at a time; raises :class:`Unanswered` if the helper stops before its last chunk."""
        if self._asked is None:
            return None
        if self._asked != (norms, after):
            log.info("values helper asked for other texts than spread: the step reads the spread in this process")
            self.close()
            return None
        self._asked = None
        log.info("values helper answers the spread of %d texts", len(norms))
        return self._chunks()

    def _chunks(self) -> Iterator[list[Occurrence]]:
        assert self._process.stdout is not None
        while True:
            try:
                message = pickle.load(self._process.stdout)
            except (EOFError, pickle.UnpicklingError, OSError, ValueError):
                message = None
            if message == _DONE:
                self.close()
                return
            if not isinstance(message, list):
                try:  # it closed its answer: it is exiting
                    code: int | None = self._process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    code = None
                self._stopped(f"stopped (exit {code})")
                raise Unanswered
            yield message

    def _stopped(self, why: str) -> None:
        self.close()
        log.warning("values helper %s: the step reads the spread in this process", why)

    def close(self) -> None:
        """Stop the helper (if still running) and reap it."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for pipe in (self._process.stdin, self._process.stdout):
            try:
                if pipe is not None:
                    pipe.close()
            except OSError:  # a request the helper never read
                pass


def command(db_path: Path) -> list[str]:
    return [sys.executable, "-m", "redactor.case.value_helper", str(db_path), str(os.getpid())]


def _widen(pipe: IO[bytes] | None) -> None:
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), 1031, _PIPE_BYTES)  # F_SETPIPE_SZ
    except (ImportError, OSError, AttributeError):
        pass


# -- the helper process --------------------------------------------------------------------------
def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the step stops it
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: die with the step
    db_path, parent = Path(argv[0]), int(argv[1])
    if os.getppid() != parent:  # the step died before the line above
        return 1
    conn = sqlite3.connect(f"file:{quote(str(db_path))}?mode=ro", uri=True, isolation_level=None)
    conn.execute("PRAGMA query_only=1")
    conn.execute("BEGIN")  # one read transaction: one committed state throughout
    conn.execute("SELECT COUNT(*) FROM meta").fetchone()  # the snapshot is taken at the first read
    try:
        norms, after = pickle.load(sys.stdin.buffer)
    except EOFError:  # the step ended without asking
        return 0
    out = sys.stdout.buffer
    for chunk in occurrences_in(conn, bulk_windows(squeezed_segments(conn, after), norms)):  # as the index's texts
        if chunk:
            pickle.dump(chunk, out, protocol=pickle.HIGHEST_PROTOCOL)
    pickle.dump(_DONE, out)
    out.flush()
    conn.execute("COMMIT")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
