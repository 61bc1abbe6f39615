"""One lock beside STATIC_ROOT for the static files: `boligsocial serve` collects them holding
it exclusively, and a starting server (whitenoise lists and stats every file when the WSGI
application is built) reads them holding it shared. So a server started while another
collects never lists a file that the other is replacing (collectstatic deletes and writes
each changed file), which made a worker fail to boot."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def static_root_lock(static_root: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold the lock beside `static_root`: exclusive to write the files, shared to read them."""
    static_root.parent.mkdir(parents=True, exist_ok=True)
    with open(static_root.parent / f".{static_root.name}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
