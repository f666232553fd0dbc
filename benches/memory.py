#!/usr/bin/env python3
"""Peak resident memory of qualplan, whole process, by /usr/bin/time -v.

Builds qualplan (release) and the 10k synthetic catalogue, then runs every
one-shot command with the built-in catalogue and with the 10k one (loaded
before, so from its compiled copy; the first load, which compiles the copy,
is shown on lines of its own for validate, list and search), and the app itself in a pseudo-terminal: the
home screen, the compare table, and "reflective" typed into search. Each
figure is the "Maximum resident set size" /usr/bin/time reports, against
the limits in docs/performance.md: under 8 MiB with the built-in catalogue,
at most twice the catalogue file's size with the 10k one, and under three
times for the app. Needs GNU time: `apt-get install -y time`.

    python3 benches/memory.py
"""

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time

import support

TIME = "/usr/bin/time"
N = 10_000
MIB = 1 << 20

# One of each one-shot command a person would run.
COMMANDS = [
    ["list"],
    ["list", "--units", "--all"],
    ["show", "l5-dip-cm"],
    ["routes"],
    ["recommend", "--role", "middle-manager", "--interest", "both"],
    ["compare"],
    ["upgrade", "--from", "l5-cert-cm"],
    ["plan", "l5-dip-cm", "--start", "2027-01-04"],
    ["pay", "l5-dip-cm", "--instalments"],
    ["search", "reflective"],
    ["search", "extended", "period", "of", "mentoring"],
    ["search", "--format", "json", "S02345-3"],
    ["validate"],
    ["catalogue", "path"],
]

# Commands run over the 10k catalogue before it has a compiled copy.
FIRST = [
    ["validate"],
    ["list"],
    ["search", "reflective"],
]


def peak(report):
    """The peak resident set size, in bytes, from /usr/bin/time -v's report."""
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    if not match:
        sys.exit(f"no peak memory in /usr/bin/time's report:\n{report}")
    return int(match.group(1)) * 1024


def one_shot(args, env):
    """Peak memory of `qualplan ARGS`."""
    done = subprocess.run([TIME, "-v", support.QUALPLAN] + args, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=True)
    return peak(done.stderr)


def app(args, env, tmp):
    """Peak memory of the app, used as a person would for a minute."""
    report = os.path.join(tmp, "time.txt")
    # A terminal of its own (the app reads keys from its controlling one).
    pid, main = pty.fork()
    if pid == 0:
        os.execve(TIME, [TIME, "-v", "-o", report, support.QUALPLAN] + args,
                  dict(env, TERM="xterm-256color"))
    fcntl.ioctl(main, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))

    def settle(seconds):
        """Reads what the app draws for `seconds`."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                os.read(main, 65536)
            except BlockingIOError:
                pass
            except OSError:
                return  # the app has ended
            time.sleep(0.01)

    def keys(keys, pause=0.05):
        """Sends each key (a whole escape sequence at once) and lets the
        app draw."""
        for key in keys:
            os.write(main, key.encode())
            settle(pause)

    down, up, esc, backspace = "\x1b[B", "\x1b[A", "\x1b", "\x7f"
    os.set_blocking(main, False)
    # The search index is built on its own thread while the home screen shows.
    settle(3)
    keys(["c"] + [down] * 20 + [up] * 20 + [esc], pause=0.1)
    keys(["/"] + list("reflective"), pause=0.2)
    settle(1)
    keys([backspace] * 10 + [esc, "q"], pause=0.2)
    settle(1)
    _, status = os.waitpid(pid, 0)
    os.close(main)
    if status != 0:
        sys.exit(f"the app ended with status {status}")
    with open(report) as f:
        return peak(f.read())


def mib(n):
    return f"{n / MIB:.1f} MiB"


def main():
    if not os.path.exists(TIME):
        sys.exit("GNU time is not installed: apt-get install -y time")
    support.build()
    with tempfile.TemporaryDirectory() as tmp:
        env = support.private_env(tmp)
        big = support.synthetic(tmp, N)
        size = os.path.getsize(big)
        # The first load of each kind: no compiled copy yet, so the text
        # is parsed and the copy written (a search then reads the copy).
        firsts = []
        for args in FIRST:
            shutil.rmtree(env["XDG_CACHE_HOME"])
            os.makedirs(env["XDG_CACHE_HOME"])
            firsts.append((" ".join(args), one_shot(["--catalogue", big] + args, env)))
        rows = []
        for args in COMMANDS:
            rows.append((" ".join(args), one_shot(args, env),
                         one_shot(["--catalogue", big] + args, env)))
        rows.append(("(the app)", app([], env, tmp), app(["--catalogue", big], env, tmp)))
        print(f"peak resident memory (/usr/bin/time -v); the 10k catalogue is "
              f"{size / 1e6:.1f} MB ({mib(size)})")
        print(f"{'command':<44} {'built-in':>10} {'10k':>10} {'10k / file':>10}")
        for name, builtin, synthetic in rows:
            print(f"{name:<44} {mib(builtin):>10} {mib(synthetic):>10} "
                  f"{synthetic / size:>9.2f}x")
        for name, first in firsts:
            print(f"{'first load: ' + name:<44} {'':>10} "
                  f"{mib(first):>10} {first / size:>9.2f}x")
        commands = rows[:-1]
        worst = max([r[2] for r in commands] + [f for _, f in firsts])
        print(f"\nlimits: built-in under 8 MiB (worst {mib(max(r[1] for r in commands))}); "
              f"10k one-shot, first load or not, at most 2x (worst {worst / size:.2f}x); "
              f"app with 10k under 3x ({rows[-1][2] / size:.2f}x)")


if __name__ == "__main__":
    main()
