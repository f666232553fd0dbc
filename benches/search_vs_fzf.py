#!/usr/bin/env python3
"""qualplan search against fzf --filter, whole process, on the same entries.

Builds qualplan (release), writes the 10k synthetic catalogue and, for fzf,
the same entries one per line ("id-or-code title": every qualification and
unit), then runs the two tools in pairs, one straight after the other, RUNS
times per query. It prints each tool's median and the median of the pairs'
ratios: pairing cancels out most of the noise of a machine shared with
other work. qualplan's time includes checking its compiled copy of the
catalogue against the catalogue's text (the copy was made by a load before)
and finding its index there; fzf's includes reading its lines. Needs fzf:
`apt-get install -y fzf`.

    python3 benches/search_vs_fzf.py [RUNS]
"""

import shutil
import statistics
import sys
import tempfile

import support

N = 10_000
QUERIES = ["reflective", "coaching ethics", "S02345-3", "team"]


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    if shutil.which("fzf") is None:
        sys.exit("fzf is not installed: apt-get install -y fzf")
    support.build()
    with tempfile.TemporaryDirectory() as tmp:
        env = support.private_env(tmp)
        catalogue = support.synthetic(tmp, N)
        lines = support.synthetic(tmp, N, titles=True)
        entries = sum(1 for _ in open(lines))
        # The first load compiles the catalogue; time the loads after it.
        support.timed([support.QUALPLAN, "--catalogue", catalogue, "validate"], env)
        print(f"{N} synthetic qualifications, {entries} entries; "
              f"{runs} pairs of runs per query, whole process")
        print(f"{'query':<18} {'qualplan':>10} {'fzf':>10} {'ratio':>7}")
        ratios = []
        for query in QUERIES:
            ours, theirs = [], []
            for _ in range(runs):
                ours.append(support.timed(
                    [support.QUALPLAN, "--catalogue", catalogue, "search", query,
                     "--limit", "50"], env))
                theirs.append(support.timed(["fzf", "--filter", query], env, lines))
            ratio = statistics.median(a / b for a, b in zip(ours, theirs))
            ratios.append(ratio)
            print(f"{query:<18} {statistics.median(ours) * 1000:>8.1f}ms "
                  f"{statistics.median(theirs) * 1000:>8.1f}ms {ratio:>6.2f}x")
        print(f"{'worst ratio':<18} {'':>10} {'':>10} {max(ratios):>6.2f}x")


if __name__ == "__main__":
    main()
