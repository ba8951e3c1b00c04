"""Asking glibc for one malloc heap for every thread (reader/malloc_arenas.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader.malloc_arenas import share_one_arena


def test_elsewhere_it_does_nothing():
    assert share_one_arena("win32") is False
    assert share_one_arena("darwin") is False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt is Linux's")
def test_glibc_takes_it_and_threads_then_share_the_main_heap():
    """In a fresh process, threads that allocate after the call leave the process with one
    heap: /proc/self/maps shows no extra thread arenas (64 MiB reservations)."""
    probe = (
        "import threading, sys\n"
        "from reader.malloc_arenas import share_one_arena\n"
        "took = share_one_arena() if sys.argv[1] == 'share' else True\n"
        "def work():\n"
        "    blocks = [bytearray(200) for _ in range(20000)]\n"
        "threads = [threading.Thread(target=work) for _ in range(4)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "maps = open('/proc/self/maps').read().splitlines()\n"
        "arenas = sum(1 for line in maps if line.split()[1].startswith('---p')\n"
        "             and int(line.split()[0].split('-')[1], 16)\n"
        "             - int(line.split()[0].split('-')[0], 16) > 32 * 2**20)\n"
        "print(took, arenas)\n")
    import os

    glibc = os.confstr("CS_GNU_LIBC_VERSION") if hasattr(os, "confstr") else None
    if not glibc:
        pytest.skip("not glibc")
    shared = subprocess.run([sys.executable, "-c", probe, "share"], capture_output=True,
                            text=True, check=True).stdout.split()
    default = subprocess.run([sys.executable, "-c", probe, "default"], capture_output=True,
                             text=True, check=True).stdout.split()
    assert shared[0] == "True"
    assert int(shared[1]) < int(default[1])  # fewer thread heaps reserved
