#!/usr/bin/env python3
"""Measures the console in a pseudo-terminal at 120x40 on a generated organization.

Prints, for each size: time from start to the first complete frame, time per filter keystroke
(median and worst), bytes written to the terminal per `j`, and peak memory (VmHWM); then, for a
second start on the same data directory, the time until the cached list shows and until the
fresh listing has replaced it.
Usage: benchmarks/console.py BINARY [ACCOUNTS ...]   (default 10000 50000)
"""
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

import pyte

COLUMNS, ROWS = 120, 40
QUIET = 0.15  # seconds without output that end a frame


class Console:
    def __init__(self, binary, home):
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.update(ROOTMAIL_HOME=home, TERM="xterm-256color", LANG="C.UTF-8")
            os.execv(binary, [binary])
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        os.kill(pid, signal.SIGWINCH)
        self.pid, self.fd, self.started = pid, fd, time.perf_counter()

    def read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return b""
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return b""
        self.stream.feed(data)
        return data

    def text(self):
        return "\n".join(self.screen.display)

    def wait_until(self, condition, timeout=120):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if condition(self.text()):
                return time.perf_counter()
            self.read(0.01)
        raise SystemExit("timed out; the screen was:\n" + self.text())

    def settle(self):
        """Reads until the program has been quiet for QUIET seconds; returns (bytes, last byte time)."""
        total, last = 0, time.perf_counter()
        while True:
            data = self.read(QUIET)
            if not data:
                return total, last
            total += len(data)
            last = time.perf_counter()

    def press(self, key):
        self.settle()
        sent = time.perf_counter()
        os.write(self.fd, key)
        count, last = self.settle()
        return count, last - sent

    def peak_memory_mb(self):
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def quit(self):
        os.write(self.fd, b"q")
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def measure(binary, accounts):
    home = tempfile.mkdtemp(prefix="rootmail-bench-")
    try:
        demo = 41
        subprocess.run([binary, "sim", "throttling", "off"], env={**os.environ, "ROOTMAIL_HOME": home},
                       check=True, stdout=subprocess.DEVNULL)
        if accounts > demo:
            subprocess.run([binary, "sim", "generate", str(accounts - demo)],
                           env={**os.environ, "ROOTMAIL_HOME": home}, check=True, stdout=subprocess.DEVNULL)
        console = Console(binary, home)
        first_frame = console.wait_until(lambda s: "q quit" in s and "@" in s) - console.started
        console.wait_until(lambda s: f"{accounts} of {accounts}" in s)
        j_bytes = [console.press(b"j")[0] for _ in range(40)]
        console.press(b"/")
        filter_times = [console.press(key.encode())[1] * 1000 for key in "gen"]
        console.press(b"\x7f")
        console.press(b"\x7f")
        filter_times += [console.press(key.encode())[1] * 1000 for key in "en-0012"]
        memory = console.peak_memory_mb()
        console.press(b"\x1b")
        console.quit()
        # The second start shows the list the first one cached, and refreshes it behind.
        console = Console(binary, home)
        cached_frame = console.wait_until(lambda s: "cached" in s and "@" in s) - console.started
        refreshed = console.wait_until(lambda s: "Refreshed:" in s) - console.started
        cached_memory = console.peak_memory_mb()
        console.quit()
        # A keystroke's time includes the QUIET window's resolution of select(); report it as measured.
        print(f"{accounts:>6} accounts: first frame {first_frame * 1000:7.1f} ms | "
              f"filter keystroke median {statistics.median(filter_times):6.1f} ms, worst {max(filter_times):6.1f} ms | "
              f"bytes per j {statistics.mean(j_bytes):6.0f} | peak memory {memory:6.1f} MB")
        print(f"{'':>6}  second start: cached list shown {cached_frame * 1000:7.1f} ms | "
              f"fresh list in place {refreshed * 1000:7.1f} ms | peak memory {cached_memory:6.1f} MB")
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    sizes = [int(n) for n in sys.argv[2:]] or [10000, 50000]
    print(f"rootmail console benchmark, {COLUMNS}x{ROWS} pseudo-terminal, {binary}")
    for accounts in sizes:
        measure(binary, accounts)


if __name__ == "__main__":
    main()
