"""Processes that die with the process that started them, and signals that stop a run cleanly.

Reads: nothing. Writes: process attributes. Two tools, both without third-party code:

- :func:`die_with_parent` asks Linux to send the calling process ``SIGKILL`` when its parent dies
  (``prctl(PR_SET_PDEATHSIG)`` through ctypes), so that no server or worker of a run outlives it, even
  when the run itself is killed with ``SIGKILL``. It is a no-op elsewhere. Used as a ``preexec_fn`` (it
  then runs in the child between fork and exec) and as a worker's initializer.
- :func:`watch_descendants` starts a small watcher process (``python -m timeline.lifeline PID``, in
  its own session) that notes the descendants of this process every few tenths of a second and, when
  this process is gone (killed by ``SIGKILL`` too), terminates the ones still running: the Prefect
  server a run starts when no API is configured (``flows.server``), worker processes. Linux
  (``/proc``); elsewhere it does nothing.
- :func:`interruptible` turns ``SIGTERM`` and ``SIGINT`` into an :class:`Interrupted` exception raised in
  the main thread, after terminating this process's multiprocessing children (worker processes would
  otherwise finish their batch first): the current batch's transaction is never committed half-way
  (DuckDB rolls back what is not committed when the connection closes) and ``finally`` blocks release
  the warehouse and stop the servers the run started.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

PR_SET_PDEATHSIG = 1
SIGNAL_EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}  # 128 + the signal number, as shells report


class Interrupted(BaseException):  # noqa: N818 - like KeyboardInterrupt, not an error of the library
    """The run was asked to stop by a signal; ``exit_code`` is 128 + its number."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.name = signal.Signals(signum).name
        self.exit_code = SIGNAL_EXIT.get(signal.Signals(signum), 128 + signum)
        super().__init__(f"interrupted by {self.name}")


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Have the kernel send ``sig`` to this process when its parent exits (Linux); no-op elsewhere."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    parent = os.getppid()
    libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the call: too late for the kernel to tell us
        os.kill(os.getpid(), sig)


def _stop_children() -> None:
    import multiprocessing

    for child in multiprocessing.active_children():
        child.terminate()


@contextmanager
def interruptible() -> Iterator[None]:
    """Within the block, ``SIGTERM`` and ``SIGINT`` raise :class:`Interrupted` in the main thread."""

    def handler(signum: int, frame: FrameType | None) -> None:
        for s in SIGNAL_EXIT:  # a second signal while stopping must not interrupt the clean-up
            signal.signal(s, signal.SIG_IGN)
        _stop_children()
        raise Interrupted(signum)

    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        yield
        return
    previous = {s: signal.signal(s, handler) for s in SIGNAL_EXIT}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


# ---- a quick end ---------------------------------------------------------------------------------

exit_status: int = 0  # what the process ends with after :func:`end_quickly` (set by the CLI's entry point)


def end_quickly() -> None:
    """If this process imported Prefect, end it once the exit handlers registered from now on have run
    (Prefect's log and event workers' among them) without tearing down every module it imported:
    at the end of a ``timeline run`` that teardown (Prefect, its server's modules, pydantic, SQLAlchemy)
    took 1 to 4 s. Logging and the standard streams are flushed first; the status is :data:`exit_status`.
    A process that never imported Prefect ends as usual."""
    atexit.register(_end)


def _end() -> None:
    if "prefect" not in sys.modules:
        return
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(exit_status)


# ---- the watcher ---------------------------------------------------------------------------------

POLL_SECONDS = 0.25
GRACE_SECONDS = 3.0


_watcher: subprocess.Popen[bytes] | None = None


def watch_descendants() -> subprocess.Popen[bytes] | None:
    """Start the watcher of this process's descendants (see the module), once per process; ``None``
    where there is no /proc."""
    global _watcher
    if not Path("/proc/self/stat").exists():
        return None
    if _watcher is not None and _watcher.poll() is None:
        return _watcher
    _watcher = subprocess.Popen(
        [sys.executable, "-m", "timeline.lifeline", str(os.getpid())],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True, close_fds=True,
    )  # fmt: skip
    return _watcher


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, start time) of a process from ``/proc/PID/stat``, or ``None`` when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb", buffering=0) as f:  # unbuffered bytes: read every poll, for every process
            raw = f.read()
    except OSError:
        return None
    fields = raw[raw.rindex(b")") + 2 :].split()  # after "pid (command) "
    return fields[0].decode(), int(fields[1]), int(fields[19])


def _alive(pid: int, started: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X") and stat[2] == started


def descendants(root: int) -> dict[int, int]:
    """The descendants of ``root`` now, with their start times (to tell a reused pid later)."""
    children: dict[int, list[int]] = {}
    started: dict[int, int] = {}
    for entry in os.scandir("/proc"):  # half the CPU time of Path.iterdir and read_text (4 ms a poll, ~100 processes)
        if not entry.name.isdigit():
            continue
        stat = _stat(int(entry.name))
        if stat is not None:
            children.setdefault(stat[1], []).append(int(entry.name))
            started[int(entry.name)] = stat[2]
    found: dict[int, int] = {}
    todo = list(children.get(root, []))
    me = os.getpid()  # the watcher is a child of the process it watches: never its own target
    while todo:
        pid = todo.pop()
        if pid in started and pid not in found and pid != me:
            found[pid] = started[pid]
            todo.extend(children.get(pid, []))
    return found


def watch(root: int) -> None:
    """Note ``root``'s descendants until it is gone, then terminate the ones left (KILL after a grace)."""
    stat = _stat(root)
    if stat is None:
        return
    root_started = stat[2]
    known: dict[int, int] = {}
    while _alive(root, root_started):
        known.update(descendants(root))
        known = {pid: t for pid, t in known.items() if _alive(pid, t)}
        time.sleep(POLL_SECONDS)
    for sig, wait in ((signal.SIGTERM, GRACE_SECONDS), (signal.SIGKILL, 0.0)):
        left = {pid: t for pid, t in known.items() if _alive(pid, t)}
        for pid in left:
            try:
                os.kill(pid, sig)
            except OSError:
                pass
        deadline = time.monotonic() + wait
        while wait and time.monotonic() < deadline and any(_alive(p, t) for p, t in left.items()):
            time.sleep(0.1)


if __name__ == "__main__":
    watch(int(sys.argv[1]))
