"""Scan speed on real 1.x-era code, measured next to `ruff check` in the same run.

Downloads source distributions from PyPI into bench/.cache/ (never committed), makes each a
git checkout, then prints wall times for a cold scan (no findings cache), a warm rescan
(nothing changed), ruff on the same tree, their ratios, and the peak memory of the whole
scan process tree. Targets (issue #2): cold <= 2x ruff, warm <= 0.3 s, peak <= 400 MB.

    python bench/scan.py [--project NAME==VERSION ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import threading
import time
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = HERE / ".cache"
DEFAULT = ["apache-airflow==2.6.3", "apache-superset==2.1.0"]


def _download_sdist(spec: str, dl: Path) -> Path:
    """The release's source archive, from PyPI's simple index (its JSON form, PEP 691).

    Not `pip download --no-binary :all:`: pip prepares an sdist's metadata, which builds its
    build requirements from source too (setuptools among them), and that fails on a fresh
    machine; the archive itself is all the bench needs. (The simple index, not the `/pypi/`
    JSON API: package proxies serve the former.)
    """
    project, version = spec.split("==")
    request = urllib.request.Request(
        f"https://pypi.org/simple/{project}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=60) as resp:
        files = json.load(resp)["files"]
    stem = f"{project}-{version}".lower().replace("_", "-")
    sdist = next(
        f for f in files
        if f["filename"].lower().replace("_", "-") in (f"{stem}.tar.gz", f"{stem}.zip")
    )
    digest = sdist["hashes"]["sha256"]
    target = dl / sdist["filename"]
    if not target.is_file() or hashlib.sha256(target.read_bytes()).hexdigest() != digest:
        partial = target.with_suffix(target.suffix + ".part")
        with urllib.request.urlopen(sdist["url"], timeout=300) as resp, partial.open("wb") as out:
            shutil.copyfileobj(resp, out)
        if hashlib.sha256(partial.read_bytes()).hexdigest() != digest:
            raise SystemExit(f"{sdist['filename']}: checksum mismatch")
        partial.rename(target)
    return target


def fetch(spec: str) -> Path:
    """Unpacked sdist as a committed git checkout (cached between runs)."""
    name = spec.replace("==", "-")
    dest = CACHE / name
    if (dest / ".git").is_dir():
        return dest
    dl = CACHE / "downloads"
    dl.mkdir(parents=True, exist_ok=True)
    archive = _download_sdist(spec, dl)
    tmp = CACHE / f"{name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(tmp)
    else:
        with tarfile.open(archive) as tf:
            tf.extractall(tmp, filter="data")
    (inner,) = list(tmp.iterdir())
    shutil.rmtree(dest, ignore_errors=True)
    inner.rename(dest)
    shutil.rmtree(tmp)
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@x.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "b@x.invalid"}
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "import"]):
        subprocess.run(cmd, cwd=dest, check=True, env=env)
    return dest


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, subprocess.CompletedProcess[bytes]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    return elapsed, peak, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


RUNS_COLD = 3
RUNS_WARM = 7


def fmt(times: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in sorted(times))


def in_process_warm(path: Path) -> float:
    sys.path.insert(0, str(ROOT))
    from sqla_assist.core.checkout import open_checkout
    from sqla_assist.core.scan import Scanner

    checkout = open_checkout(path)
    Scanner(checkout).run()
    start = time.perf_counter()
    Scanner(checkout).run()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", action="append", help="NAME==VERSION (repeatable)")
    args = parser.parse_args()
    # An installed package has bytecode; an editable checkout (or PYTHONDONTWRITEBYTECODE)
    # may not, and every scan process would then compile the rules first. Measure the former.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "sqla_assist")], check=True)
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    scan_cmd = [sys.executable, "-m", "sqla_assist", "scan", "--format", "json"]
    print(f"{'project':<24} {'files':>6} {'findings':>8} {'cold s':>7} {'warm s':>7} {'warm(in-proc) s':>15} "
          f"{'ruff s':>7} {'cold/ruff':>9} {'peak MB':>8}")
    for spec in args.project or DEFAULT:
        path = fetch(spec)
        # Medians of several runs: the machines are shared, one run says little.
        colds: list[float] = []
        peaks: list[int] = []
        doc: dict[str, Any] = {}
        for _ in range(RUNS_COLD):
            shutil.rmtree(path / ".git" / "sqla-assist", ignore_errors=True)
            cold, peak, proc = timed([*scan_cmd, str(path)])
            if proc.returncode != 0:
                print(proc.stderr.decode(), file=sys.stderr)
                return 1
            colds.append(cold)
            peaks.append(peak)
            doc = json.loads(proc.stdout)
        warms = [timed([*scan_cmd, str(path)])[0] for _ in range(RUNS_WARM)]
        warm_in = in_process_warm(path)
        rufs = [
            timed([ruff, "check", "--no-cache", "--exit-zero", "--quiet", "."], cwd=path)[0]
            for _ in range(RUNS_COLD)
        ]
        cold, warm, ruff_s = statistics.median(colds), statistics.median(warms), statistics.median(rufs)
        print(
            f"{spec:<24} {doc['summary']['files_scanned']:>6} {doc['summary']['total']:>8} {cold:>7.2f} "
            f"{warm:>7.2f} {warm_in:>15.3f} {ruff_s:>7.2f} {cold / ruff_s:>9.2f} {max(peaks) / 1e6:>8.0f}"
        )
        print(f"{'':<24} runs: cold {fmt(colds)}; warm {fmt(warms)}; ruff {fmt(rufs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
