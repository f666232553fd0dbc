"""What the whole-process benchmarks share: building qualplan, writing the
synthetic catalogue, and running a command with a private home."""

import os
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUALPLAN = os.path.join(ROOT, "target", "release", "qualplan")
GENERATE = os.path.join(ROOT, "target", "release", "examples", "synthetic_catalogue")


def build():
    """Builds the release binary and the synthetic catalogue generator."""
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "qualplan",
         "--example", "synthetic_catalogue"],
        cwd=ROOT, check=True)


def private_env(tmp):
    """An environment whose home, config, data and cache are under `tmp`."""
    env = dict(os.environ)
    for name, sub in [("HOME", "home"), ("XDG_CONFIG_HOME", "config"),
                      ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"),
                      ("XDG_STATE_HOME", "state")]:
        env[name] = os.path.join(tmp, sub)
        os.makedirs(env[name], exist_ok=True)
    return env


def synthetic(tmp, n, titles=False):
    """Writes the catalogue of `n` synthetic qualifications (or, with
    `titles`, one "id-or-code title" line per entry) and returns its path."""
    path = os.path.join(tmp, f"synthetic-{n}{'-titles.txt' if titles else '.ron'}")
    with open(path, "w") as f:
        subprocess.run([GENERATE, str(n)] + (["--titles"] if titles else []),
                       stdout=f, check=True)
    return path


def timed(cmd, env, stdin_path=None):
    """Runs `cmd` (output discarded) and returns its wall time in seconds."""
    stdin = open(stdin_path, "rb") if stdin_path else None
    try:
        started = time.perf_counter()
        subprocess.run(cmd, env=env, stdin=stdin, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - started
    finally:
        if stdin:
            stdin.close()
