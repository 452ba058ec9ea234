"""The app on a real 1.x-era tree: time to the first finding on screen, time to scan done,
and the longest stall of the UI event loop while the scan runs.

Headless (`App.run_test`), findings cache cleared first, so the scan is cold. A probe task
sleeps 5 ms at a time on the app's event loop; how late it wakes is how long the UI could not
answer a key. Targets (issue #6): first findings < 1 s, stall < 100 ms.

    python bench/app.py [--project NAME==VERSION] [--profile FILE] [--why]

The stall line gives the distribution, not only the worst case: max, p99, p95, median and how
many probe wake-ups were more than 50 / 100 ms late. The review screen's first frame (its
compose, first layout and paint, before which nothing is on screen to answer a key) is start-up:
"frame s" is when it was done and "start-up stall" how long the event loop was held by it; it is
not counted among the stalls while the scan runs. `--why` samples the UI thread's stack
while a stall is in progress and prints, for the longest stalls, where the UI thread was.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from scan import fetch  # noqa: E402

from sqla_assist.core.checkout import open_checkout  # noqa: E402
from sqla_assist.core.config import load_config  # noqa: E402
from sqla_assist.tui.app import create_app  # noqa: E402
from sqla_assist.tui.review import FileTree, ReviewScreen  # noqa: E402

PROBE = 0.005
WHY_AFTER = 0.03  # a stall this old is sampled (--why)


class StallSampler(threading.Thread):
    """Samples the UI thread's stack while the probe is overdue, grouped by stall.

    Python switches threads every 5 ms, so this thread gets the GIL during a stall unless the
    stall is one long call that never releases it (then the samples are taken just after).
    """

    def __init__(self, ui: int) -> None:
        super().__init__(daemon=True)
        self.ui = ui
        self.beat = time.perf_counter()
        self.samples: dict[float, list[tuple[str, ...]]] = {}  # beat the stall began at -> stacks
        self.lengths: dict[float, float] = {}  # beat the stall began at -> how late the probe woke
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.004):
            beat = self.beat
            if time.perf_counter() - beat < WHY_AFTER:
                continue
            frame = sys._current_frames().get(self.ui)
            stack: list[str] = []
            while frame is not None:
                code = frame.f_code
                name = code.co_filename
                if any(k in name for k in ("sqla_assist", "textual", "rich", "pygments", "markdown_it", "libcst")):
                    short = name.rsplit("site-packages/", 1)[-1].rsplit("/wt/", 1)[-1]
                    stack.append(f"{short}:{frame.f_lineno} {code.co_name}")
                frame = frame.f_back
            self.samples.setdefault(beat, []).append(tuple(stack))

    def report(self, start: float, top: int) -> list[str]:
        lines: list[str] = []
        stalls = sorted(self.samples.items(), key=lambda kv: -self.lengths.get(kv[0], 0.0))[:top]
        for beat, stacks in sorted(stalls, key=lambda kv: kv[0]):
            lines.append(f"stall at {beat - start:6.2f} s, {self.lengths.get(beat, 0.0) * 1000:.0f} ms:")
            for stack, n in Counter(stacks).most_common(3):
                lines.append(f"  {n}/{len(stacks)} samples:")
                # the innermost frames, then the app's own frames further out (who asked for it)
                ours = [f for f in stack[8:] if f.startswith("sqla_assist") or "/sqla_assist/" in f]
                lines += [f"    {f}" for f in stack[:8]] + [f"    .. {f}" for f in ours[:4]]
        return lines


def distribution(lates: list[float]) -> dict[str, float]:
    """max / p99 / p95 / median of the probe's lateness, and how many wake-ups were > 50 / 100 ms late."""
    if not lates:
        return {"max": 0.0, "p99": 0.0, "p95": 0.0, "p50": 0.0, "over50": 0.0, "over100": 0.0, "n": 0.0}
    s = sorted(lates)

    def pct(q: float) -> float:
        return s[min(len(s) - 1, int(len(s) * q))]

    return {
        "max": s[-1], "p99": pct(0.99), "p95": pct(0.95), "p50": pct(0.5),
        "over50": float(sum(1 for x in s if x > 0.05)), "over100": float(sum(1 for x in s if x > 0.1)),
        "n": float(len(s)),
    }


async def measure(path: Path, why: StallSampler | None = None) -> dict[str, float]:
    checkout = open_checkout(path)
    app = create_app(checkout, load_config(checkout.root), theme="textual-dark", blink=False)
    stalls: list[tuple[float, float]] = []  # (when, how late)
    startup: list[float] = []  # how late the probe woke until the review screen's first frame
    marks: dict[str, float] = {}
    start = time.perf_counter()

    async def probe() -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(PROBE)
            now = time.perf_counter()
            if why is not None:
                why.lengths[why.beat] = now - before - PROBE
                why.beat = now
            try:
                screen = app.screen
            except Exception:  # no screen yet: the app is starting
                continue
            if not isinstance(screen, ReviewScreen):
                continue  # stalls count from the review screen on, not the app's start-up
            if "frame_asked" not in marks:
                # The review screen's first frame (compose, first layout, first paint) is start-up:
                # nothing is on screen to answer a key yet. It is timed as "frame s", and the
                # stall it causes is reported apart from the stalls while the scan runs.
                marks["frame_asked"] = now - start
                screen.call_after_refresh(lambda: marks.setdefault("frame", time.perf_counter() - start))
            if "frame" not in marks or before - start < marks["frame"]:
                startup.append(now - before - PROBE)
                continue
            stalls.append((now - start, now - before - PROBE))
            if "first" not in marks and screen.query(FileTree) and screen.query_one(FileTree).nodes:
                marks["first"] = now - start

    # Started before `run_test`: entering it waits until the screen has processed every pending
    # message, which during a streaming scan takes seconds and would hide the first findings.
    task = asyncio.create_task(probe())
    if why is not None:
        why.start()
    async with app.run_test(size=(160, 45)) as pilot:
        while not app.scan_done.is_set():
            await asyncio.sleep(0.02)
        marks["done"] = time.perf_counter() - start
        await pilot.pause(0.3)
        task.cancel()
        during = [late for when, late in stalls if when <= marks["done"]]
        after = [late for when, late in stalls if when > marks["done"]]
        worst = max(stalls, key=lambda s: s[1]) if stalls else (0.0, 0.0)
        if why is not None:
            why.stop.set()
            print("\n".join(why.report(start, 6)), file=sys.stderr)
        dist = {f"d_{k}": v for k, v in distribution(during).items()}
        return {
            **dist,
            "files": float(len(app.session.files)),
            "total": float(app.session.total),
            "findings": float(sum(len(r.findings) for r in app.session.files.values())),
            "first": marks.get("first", float("nan")),
            "frame": marks.get("frame", float("nan")),
            "startup_stall": max(startup, default=0.0),
            "done": marks["done"],
            "stall_after": max(after, default=0.0),
            "worst_at": worst[0],
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", default="apache-airflow==2.6.3", help="NAME==VERSION")
    parser.add_argument("--profile", help="write a cProfile of the UI thread's run to this file")
    parser.add_argument("--why", action="store_true", help="print where the UI thread was during the longest stalls")
    args = parser.parse_args()
    # Measure an installed package, which has bytecode (see bench/scan.py).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "sqla_assist")], check=True)
    path = fetch(args.project)
    shutil.rmtree(path / ".git" / "sqla-assist", ignore_errors=True)
    why = StallSampler(threading.get_ident()) if args.why else None
    if args.profile:
        import cProfile

        prof = cProfile.Profile()
        result = prof.runcall(asyncio.run, measure(path, why))
        prof.dump_stats(args.profile)
    else:
        result = asyncio.run(measure(path, why))
    print(f"total={result['total']:.0f}")
    print(f"{'project':<24} {'files':>6} {'findings':>8} {'frame s':>8} {'first s':>8} {'done s':>7} "
          f"{'worst at s':>10} {'stall after ms':>14} {'start-up stall ms':>17}")
    print(
        f"{args.project:<24} {result['files']:>6.0f} {result['findings']:>8.0f} {result['frame']:>8.2f} "
        f"{result['first']:>8.2f} {result['done']:>7.2f} {result['worst_at']:>10.2f} "
        f"{result['stall_after'] * 1000:>14.0f} {result['startup_stall'] * 1000:>17.0f}"
    )
    print(f"{'stall during scan (ms)':<24} {'max':>6} {'p99':>6} {'p95':>6} {'p50':>6} {'>50ms':>6} {'>100ms':>6} {'probes':>7}")
    print(
        f"{'':<24} {result['d_max'] * 1000:>6.0f} {result['d_p99'] * 1000:>6.0f} {result['d_p95'] * 1000:>6.0f} "
        f"{result['d_p50'] * 1000:>6.0f} {result['d_over50']:>6.0f} {result['d_over100']:>6.0f} {result['d_n']:>7.0f}"
    )
    ok = result["first"] < 1.0 and result["d_max"] < 0.1
    print("targets (first < 1 s, stall < 100 ms):", "met" if ok else "MISSED", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
