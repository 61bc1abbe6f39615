"""A starting server reads the static files only while no `serve` is collecting them."""

from __future__ import annotations

import threading

from boligsocial.core.static_lock import static_root_lock


def test_reading_waits_for_collecting_and_readers_share(tmp_path):
    root = tmp_path / "var" / "static"
    read = threading.Event()

    def reader() -> None:
        with static_root_lock(root, shared=True):
            read.set()

    with static_root_lock(root):  # collecting
        thread = threading.Thread(target=reader)
        thread.start()
        assert not read.wait(0.5)
    assert read.wait(5)
    thread.join(5)

    # Two readers at once do not wait for each other.
    with static_root_lock(root, shared=True):
        read.clear()
        thread = threading.Thread(target=reader)
        thread.start()
        assert read.wait(5)
        thread.join(5)
