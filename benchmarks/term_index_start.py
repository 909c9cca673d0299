"""Benchmark: how long a command that needs the term index takes to start, on 300,000 terms.

Run: .venv/bin/python benchmarks/term_index_start.py [--concepts N] [--repeat R]
     [--baseline-src DIR] [--pg URL]

A term base of N concepts with a Korean, a Chinese and an English term each (benchmarks/
glossary_import.py's generator) is imported once. Then, each in a fresh process, median of R:
- `workbench terms find TEXT --lang ko` without a kept index (the term base is read whole,
  and the index file written);
- the same with the kept index current;
- the same after another process added a concept (the changed concept is read again);
- the editor's start: services.load_term_index and the term hits of a first segment.
Wall time, CPU time (user + system) and peak memory of each; the machine is shared, so the
CPU time is the steadier figure. --baseline-src runs the first command with the workbench
source found in DIR (an earlier checkout), as the baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from glossary_import import generate

TEXT = "센스타임은 좋다"
EDITOR = """
import sys, time
from workbench import services
started = time.perf_counter()
db = services.open_database(sys.argv[1])
index = services.load_term_index(db)
hits = index.find("가나다라마바사아1은 새 모델을 공개했다.", "ko")
print(time.perf_counter() - started)
"""
ADD = """
import sys
from workbench import services
from workbench.domain.model import Term
db = services.open_database(sys.argv[1])
services.add_concept(db, [Term("ko", "센스타임"), Term("en", "SenseTime")], new=True)
"""


PEAK = (
    "import runpy, sys\n"
    "sys.argv = sys.argv[1:]\n"
    "try:\n"
    "    if sys.argv[0] == '-c':\n"
    "        sys.argv = sys.argv[1:]\n"
    "        exec(compile(sys.argv[0], '<benchmark>', 'exec'), {'__name__': '__main__'})\n"
    "    else:\n"
    "        runpy.run_module('workbench', run_name='__main__')\n"
    "finally:\n"
    "    status = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
    "    print(f'peak-kb {status}', file=sys.stderr)\n"
)
"""Runs the workbench CLI (or -c CODE) and reports the process's own peak memory (VmHWM: a
child's rusage also counts what the benchmark's earlier children held)."""


def run(command: list[str], env: dict[str, str], cwd: str) -> dict[str, float]:
    """Wall and CPU seconds and peak memory (MB) of one child process."""
    wrapped = [sys.executable, "-c", PEAK, *command[1:]]
    if command[1:3] == ["-m", "workbench"]:
        wrapped = [sys.executable, "-c", PEAK, "workbench", *command[3:]]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(wrapped, capture_output=True, text=True, env=env, cwd=cwd, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = [line for line in done.stderr.splitlines() if line.startswith("peak-kb ")]
    if done.returncode or not peak:
        raise RuntimeError(f"{command} failed: {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "peak_mb": int(peak[-1].split()[1]) / 1024}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.median(r[key] for r in runs), 3) for key in runs[0]}


def kept_files(url: str) -> list[Path]:
    """The index files of a SQLite database (beside it)."""
    path = Path(url.removeprefix("sqlite:///"))
    return list(path.parent.glob(f"{path.name}.term-index"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--concepts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-src", type=Path)
    parser.add_argument("--pg", help="also on this PostgreSQL URL (an empty database)")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    workbench = [sys.executable, "-m", "workbench"]
    results: dict[str, object] = {"concepts": args.concepts, "terms": 3 * args.concepts}
    with tempfile.TemporaryDirectory(prefix="wb-start-") as tmp:
        tbx = Path(tmp) / "glossary.tbx"
        generate(tbx, args.concepts)
        urls = {"sqlite": f"sqlite:///{Path(tmp) / 'termbase.sqlite'}"}
        if args.pg:
            urls["postgresql"] = args.pg
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        for backend, url in urls.items():
            run([*workbench, "--db", url, "glossary", "import", str(tbx)], env, tmp)
            find = [*workbench, "--db", url, "terms", "find", TEXT, "--lang", "ko"]
            cache = Path(tmp) / "cache"
            fresh, current, changed, editor = [], [], [], []
            for _ in range(args.repeat):
                for path in [*kept_files(url), *cache.rglob("*.npz")]:
                    path.unlink()
                fresh.append(run(find, env, tmp))
                current.append(run(find, env, tmp))
                run([sys.executable, "-c", ADD, url], env, tmp)
                changed.append(run(find, env, tmp))
                editor.append(run([sys.executable, "-c", EDITOR, url], env, tmp))
            measured: dict[str, object] = {
                "terms_find_without_kept_index": median_of(fresh),
                "terms_find_with_kept_index": median_of(current),
                "terms_find_after_another_client_added_a_concept": median_of(changed),
                "editor_index_and_first_hits": median_of(editor),
            }
            if args.baseline_src and backend == "sqlite":
                # the earlier code refuses a database of a newer schema: a term base of its own
                base_env = {**env, "PYTHONPATH": str(args.baseline_src)}
                base_url = f"sqlite:///{Path(tmp) / 'baseline.sqlite'}"
                run([*workbench, "--db", base_url, "glossary", "import", str(tbx)], base_env, tmp)
                base_find = [*workbench, "--db", base_url, "terms", "find", TEXT, "--lang", "ko"]
                baseline = [run(base_find, base_env, tmp) for _ in range(args.repeat)]
                measured["baseline_terms_find"] = median_of(baseline)
            results[backend] = measured
            print(backend, json.dumps(measured), flush=True)
    results["load_average"] = round(os.getloadavg()[0], 2)
    args.out.mkdir(exist_ok=True)
    (args.out / "term_index_start.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
