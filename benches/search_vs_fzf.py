#!/usr/bin/env python3
"""qualplan search against fzf --filter, whole process, on the same entries.

Builds qualplan (release), writes the 10k synthetic catalogue and, for fzf,
the same entries one per line ("id-or-code title": every qualification and
unit), then runs each tool RUNS times per query and prints the medians and
their ratio. qualplan's time includes loading the catalogue (its compiled
copy, as on every start after the first) and building its search index;
fzf's includes reading its lines. Needs fzf: `apt-get install -y fzf`.

    python3 benches/search_vs_fzf.py
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

N = 10_000
RUNS = 10
QUERIES = ["reflective", "coaching ethics", "S02345-3", "team"]


def run(cmd, env, stdin=None):
    started = time.perf_counter()
    subprocess.run(cmd, env=env, stdin=stdin, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def median_time(cmd, env, stdin_path=None):
    times = []
    for _ in range(RUNS):
        if stdin_path:
            with open(stdin_path, "rb") as f:
                times.append(run(cmd, env, f))
        else:
            times.append(run(cmd, env))
    return statistics.median(times)


def main():
    if shutil.which("fzf") is None:
        sys.exit("fzf is not installed: apt-get install -y fzf")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--bin", "qualplan",
         "--example", "synthetic_catalogue"],
        cwd=root, check=True)
    qualplan = os.path.join(root, "target", "release", "qualplan")
    generate = os.path.join(root, "target", "release", "examples", "synthetic_catalogue")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "cache"))
        catalogue = os.path.join(tmp, "catalogue.ron")
        lines = os.path.join(tmp, "entries.txt")
        with open(catalogue, "w") as f:
            subprocess.run([generate, str(N)], stdout=f, check=True)
        with open(lines, "w") as f:
            subprocess.run([generate, str(N), "--titles"], stdout=f, check=True)
        entries = sum(1 for _ in open(lines))
        # The first load compiles the catalogue; time the loads after it.
        run([qualplan, "--catalogue", catalogue, "validate"], env)
        print(f"{N} synthetic qualifications, {entries} entries; "
              f"median of {RUNS} runs, whole process")
        print(f"{'query':<18} {'qualplan':>10} {'fzf':>10} {'ratio':>7}")
        for query in QUERIES:
            ours = median_time(
                [qualplan, "--catalogue", catalogue, "search", query, "--limit", "50"], env)
            theirs = median_time(["fzf", "--filter", query], env, lines)
            print(f"{query:<18} {ours * 1000:>8.1f}ms {theirs * 1000:>8.1f}ms "
                  f"{ours / theirs:>6.1f}x")


if __name__ == "__main__":
    main()
