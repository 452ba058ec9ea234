"""The scan: list files, reuse cached analyses, analyse the rest in a process pool, stream.

`Scanner.iter_files()` yields one `FileResult` per file as soon as it is known (cached ones
first), so a UI can show findings while the scan runs and cancel it at any point.
`Scanner.run()` collects everything and runs the gathering pass, which settles evidence
that depends on other modules; streamed results carry local evidence only.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqla_assist.core.cache import Cache, StatKey
from sqla_assist.core.checkout import (
    Checkout,
    blob_id,
    list_python_files,
    list_python_stats,
    module_name,
    package_dirs_of,
)
from sqla_assist.core.config import Config
from sqla_assist.core.config_files import analyse_config, cache_key, config_kind, is_config_file
from sqla_assist.core.findings import Finding, RawFinding, Severity, assemble
from sqla_assist.core.gather import ProjectFacts, settle
from sqla_assist.core.rule import Rule

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from sqla_assist.core.analyze import FileAnalysis

# Below this many files to analyse, a pool costs more than it saves.
_POOL_MIN_FILES = 24
_BATCH_BYTES = 256 * 1024


class ScanCancelled(Exception):
    pass


@dataclass
class FileResult:
    path: str
    module: str
    blob: str
    findings: list[Finding]
    error: str | None = None
    cached: bool = False
    raw: list[RawFinding] = field(default_factory=list, repr=False)
    exports: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)
    # `findings` not built yet from `raw`: `Scanner.run` builds them once, after settling.
    unassembled: bool = field(default=False, repr=False)


@dataclass
class ScanResult:
    root: Path
    files: dict[str, FileResult]
    seconds: float = 0.0
    analysed: int = 0
    cached: int = 0
    # Every file analysed, also outside the requested paths: the gathering pass's input.
    context: dict[str, FileResult] = field(default_factory=dict)

    @property
    def all_files(self) -> dict[str, FileResult]:
        return self.context or self.files

    @property
    def findings(self) -> list[Finding]:
        out = [f for r in self.files.values() for f in r.findings]
        out.sort(key=lambda f: (f.path, f.line, f.column, f.rule))
        return out

    @property
    def errors(self) -> list[tuple[str, str]]:
        return sorted((r.path, r.error) for r in self.files.values() if r.error)

    def blob_of(self, path: str) -> str | None:
        result = self.files.get(path)
        return result.blob if result else None


# -- worker side -----------------------------------------------------------------------------
_worker_rules: Sequence[Rule] | None = None


def _rules_in_worker() -> Sequence[Rule]:
    global _worker_rules
    if _worker_rules is None:
        from sqla_assist.rules import all_rules

        _worker_rules = all_rules()
    return _worker_rules


def _analyse_batch(items: list[tuple[str, bytes]]) -> list[tuple[str, dict[str, Any]]]:
    """Runs in a pool worker, with the cyclic garbage collector paused for the batch.

    An AST is hundreds of thousands of container objects: allocating them keeps triggering
    collections that re-scan everything alive, ~10% of analysis time; a file's analysis
    leaves some reference cycles, so one collection after each batch (at most 32 files)
    frees them. The rules imported before the first batch are frozen out of every scan.
    """
    import gc

    from sqla_assist.core.analyze import analyze_source

    rules = _rules_in_worker()
    if not _gc_frozen:
        gc.freeze()
        _gc_frozen.append(True)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return [(blob, _payload(analyze_source(data, rules))) for blob, data in items]
    finally:
        if was_enabled:
            gc.enable()
        gc.collect()


_gc_frozen: list[bool] = []


def _payload(analysis: FileAnalysis) -> dict[str, Any]:
    return {
        "f": [r.to_json() for r in analysis.findings],
        "x": analysis.exports,
        "e": analysis.error,
    }


_EMPTY: dict[str, Any] = {"f": [], "x": {}, "e": None}


# -- main side -------------------------------------------------------------------------------
class Scanner:
    def __init__(
        self,
        checkout: Checkout,
        config: Config | None = None,
        rules: Sequence[Rule] | None = None,
        use_cache: bool = True,
        workers: int | None = None,
        opt_in: Sequence[str] = (),
        nice: int = 0,
    ) -> None:
        from sqla_assist.rules import OPT_IN, ruleset_version

        # Pool workers lower their CPU priority by this much (POSIX): an interactive caller
        # stays responsive while the workers fill every core.
        self.nice = nice

        named = {r.upper() for r in (*opt_in, *(config.select if config else ()))}
        self.skipped_opt_in = frozenset(OPT_IN - named)

        self.checkout = checkout
        self.config = config or Config()
        self._rules: tuple[Rule, ...] | None = tuple(rules) if rules is not None else None
        self._own_rules = rules is None  # the cache's rule-set version describes the rules
        self.cache = Cache(checkout.git_dir, ruleset_version()) if use_cache else None
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        known = self.cache.severities() if self.cache is not None and rules is None else None
        self.severity_of: dict[str, Severity] = (
            {k: Severity(v) for k, v in known.items()} if known else {r.id: r.severity for r in self.rules}
        )
        if self.cache is not None and rules is None and not known:
            self.cache.store_severities({k: v.value for k, v in self.severity_of.items()})

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rule objects, imported on first need: a fully cached rescan never needs them."""
        if self._rules is None:
            from sqla_assist.rules import all_rules

            self._rules = tuple(all_rules())
        return self._rules

    def list_files(self, paths: Sequence[str] | None = None) -> list[str]:
        return self._listed(list_python_files(self.checkout, also=is_config_file), paths)

    def _listed(self, files: list[str], paths: Sequence[str] | None) -> list[str]:
        if paths is not None:
            wanted = set(paths)
            files = [p for p in files if p in wanted or any(p.startswith(w.rstrip("/") + "/") for w in wanted)]
        return [p for p in files if self.config.wants_path(p)]

    def iter_files(
        self,
        paths: Sequence[str] | None = None,
        cancel: threading.Event | None = None,
        on_total: Callable[[int], None] | None = None,
    ) -> Iterator[FileResult]:
        return self._iter_files(paths, cancel, on_total, assemble=True)

    def _iter_files(
        self,
        paths: Sequence[str] | None,
        cancel: threading.Event | None,
        on_total: Callable[[int], None] | None,
        assemble: bool,
    ) -> Iterator[FileResult]:
        # One `git ls-files`, whose lstat of each file doubles as the cache's stat check.
        listed = list_python_stats(self.checkout, also=is_config_file)
        all_files = sorted(listed)
        files = self._listed(all_files, paths)
        if on_total is not None:
            on_total(len(files))
        packages = package_dirs_of(all_files)
        stats = self.cache.stats() if self.cache else {}
        payloads = self.cache.payloads() if self.cache else {}
        new_stats: list[tuple[str, StatKey, str]] = []
        new_payloads: list[tuple[str, dict[str, Any]]] = []
        limit = self.config.max_file_bytes

        def result(path: str, blob: str, payload: dict[str, Any], cached: bool) -> FileResult:
            return self._result(path, blob, payload, packages, cached, assemble)

        try:
            # Pass 1: stat only. Unchanged files come straight from the cache, at once.
            to_read: list[tuple[str, StatKey]] = []
            for path in files:
                _check(cancel)
                st = listed[path]
                key: StatKey = (st.st_size, st.st_mtime_ns, st.st_ino)
                known = stats.get(path)
                if known is not None and known[0] == key and cache_key(path, known[1]) in payloads:
                    yield result(path, known[1], payloads[cache_key(path, known[1])], True)
                elif st.st_size > limit:
                    yield FileResult(
                        path, "", "", [],
                        error=f"file too large to analyse ({st.st_size / 1e6:.1f} MB > "
                        f"{limit / 1e6:.1f} MB; raise max-file-bytes)",
                    )
                else:
                    to_read.append((path, key))

            # Pass 2: read and analyse the rest, streaming results as they complete.
            # The analyser (and through it every rule) loads only when something is to read.
            if to_read:
                from sqla_assist.core.analyze import wants
            work = _Work(self, cancel, pool=len(to_read) >= _POOL_MIN_FILES and self.workers > 1)

            def finished(block: bool) -> Iterator[FileResult]:
                for done_path, done_blob, payload in work.ready(block):
                    if done_blob not in payloads:
                        payloads[done_blob] = payload
                        new_payloads.append((done_blob, payload))
                    yield result(done_path, done_blob, payload, False)

            # Two sweeps: files that look likeliest to have findings first, the rest (kept as
            # read: source text is small next to what analysis holds) after. Same results, but
            # a streaming UI shows findings at once instead of after every file that sorts
            # before the first `.query(` call.
            later: list[tuple[str, StatKey, bytes | None]] = []
            try:
                for path, key, kept in _sweeps(to_read, later):
                    _check(cancel)
                    if kept is None:
                        try:
                            data = (self.checkout.root / path).read_bytes()
                        except OSError as exc:
                            yield FileResult(path, "", "", [], error=f"cannot read: {exc.strerror}")
                            continue
                        if not _promising(data):
                            later.append((path, key, data))
                            continue
                    else:
                        data = kept
                    blob = blob_id(data)
                    new_stats.append((path, key, blob))
                    if cache_key(path, blob) in payloads:
                        yield result(path, blob, payloads[cache_key(path, blob)], True)
                    elif config_kind(path):
                        # Configuration files: few and cheap to read, analysed right here.
                        payload = analyse_config(path, data, self.rules)
                        payloads[cache_key(path, blob)] = payload
                        new_payloads.append((cache_key(path, blob), payload))
                        yield result(path, blob, payload, False)
                    elif b"\0" in data or wants(data, self.rules) or _is_package(path):
                        # Package `__init__` files re-export names other modules import from them.
                        work.add(path, blob, data)
                    else:
                        payloads[blob] = _EMPTY
                        new_payloads.append((blob, _EMPTY))
                        yield result(path, blob, _EMPTY, False)
                    yield from finished(block=False)
                yield from finished(block=True)
            finally:
                work.close()
        finally:
            if self.cache is not None and (new_stats or new_payloads):
                self.cache.store(new_stats, new_payloads)

    def _result(
        self,
        path: str,
        blob: str,
        payload: dict[str, Any],
        packages: frozenset[str],
        cached: bool,
        assemble_now: bool = True,
    ) -> FileResult:
        module = path if config_kind(path) else module_name(path, packages)
        raws = [RawFinding.from_json(r) for r in payload["f"]]
        raws = [
            r
            for r in raws
            if self.config.wants_rule(r.rule) and r.rule in self.severity_of and r.rule not in self.skipped_opt_in
        ]
        return FileResult(
            path=path,
            module=module,
            blob=blob,
            findings=assemble(raws, path, module, self.severity_of) if assemble_now and raws else [],
            error=payload["e"],
            cached=cached,
            raw=raws,
            exports=payload["x"],
            unassembled=not assemble_now and bool(raws),
        )

    def run(
        self,
        paths: Sequence[str] | None = None,
        cancel: threading.Event | None = None,
        on_result: Callable[[FileResult], None] | None = None,
    ) -> ScanResult:
        """Scan, then settle evidence across modules.

        With `paths`, only files below them are returned, but every file is analysed (the
        cache makes that cheap): evidence from modules outside `paths` — which names are
        sessions, which classes are mapped — must not weaken because of where one looks.
        """
        start = time.perf_counter()
        files: dict[str, FileResult] = {}
        wanted = self._selector(paths)
        # Streamed results need their findings at once; otherwise build them after settling.
        for res in self._iter_files(None, cancel, None, assemble=on_result is not None):
            files[res.path] = res
            if on_result is not None and wanted(res.path):
                on_result(res)
        self.settle(files)
        everything = files
        files = {p: r for p, r in files.items() if wanted(p)}
        return ScanResult(
            root=self.checkout.root,
            files=files,
            context=everything,
            seconds=time.perf_counter() - start,
            analysed=sum(1 for r in files.values() if not r.cached),
            cached=sum(1 for r in files.values() if r.cached),
        )

    @staticmethod
    def _selector(paths: Sequence[str] | None) -> Callable[[str], bool]:
        if paths is None:
            return lambda _path: True
        prefixes = tuple(p.rstrip("/") + "/" for p in paths)
        exact = frozenset(paths)
        return lambda path: path in exact or path.startswith(prefixes)

    def settle(self, files: dict[str, FileResult], only: Collection[str] | None = None) -> None:
        """The gathering pass: settle cross-module evidence on the findings of every file in
        `files` (or only of the paths in `only`, e.g. one rescanned file), using all of them."""
        key = self._settled_key(files) if only is None else None
        if key is not None and self._settled_from_cache(files, key):
            return
        facts = ProjectFacts(modules={})
        # path order, not stream order: two files may claim one module name, the same one must win
        for res in sorted(files.values(), key=lambda r: r.path):
            facts.add(res.module, res.exports, _is_package(res.path))
        settled_out: dict[str, list[Any]] = {}
        for res in files.values():
            if (only is not None and res.path not in only) or not any(r.via for r in res.raw):
                if res.unassembled:
                    res.findings = assemble(res.raw, res.path, res.module, self.severity_of)
                    res.unassembled = False
                continue
            settled: list[RawFinding] = []
            for raw in res.raw:
                s = settle(raw, facts, res.module, _is_package(res.path))
                if s is not None:
                    settled.append(s)
            res.raw = settled
            res.findings = assemble(settled, res.path, res.module, self.severity_of)
            res.unassembled = False
            settled_out[res.path] = [r.to_json() for r in settled]
        if key is not None and self.cache is not None:
            self.cache.store_settled(key, settled_out)

    def _settled_key(self, files: dict[str, FileResult]) -> str | None:
        """What the gathering pass's output depends on: every file's path, module and content,
        and the rules. A warm rescan of an unchanged tree then skips the pass."""
        if self.cache is None or not self._own_rules:
            return None
        h = hashlib.sha1(self.cache.version.encode())
        h.update(",".join(sorted(self.skipped_opt_in)).encode())
        for path in sorted(files):
            res = files[path]
            h.update(f"\0{path}\0{res.module}\0{res.blob}".encode())
        return h.hexdigest()

    def _settled_from_cache(self, files: dict[str, FileResult], key: str) -> bool:
        assert self.cache is not None
        hit = self.cache.settled(key)
        if hit is None:
            return False
        waiting = [r for r in files.values() if any(raw.via for raw in r.raw)]
        if any(r.path not in hit for r in waiting):
            return False  # not this pass's output after all: settle afresh
        try:
            raws = {r.path: [RawFinding.from_json(x) for x in hit[r.path]] for r in waiting}
        except (TypeError, ValueError, KeyError):
            return False
        for res in files.values():
            if res.path in raws:
                res.raw = raws[res.path]
            elif not res.unassembled:
                continue
            res.findings = assemble(res.raw, res.path, res.module, self.severity_of)
            res.unassembled = False
        return True


_HEAD_START = 6


def _pool_context() -> Any:
    """forkserver on POSIX (safe from threads, unlike fork), preloaded with every rule."""
    from multiprocessing import get_context  # the pool's modules load only on a cold scan

    if os.name != "posix":
        return get_context("spawn")
    ctx = get_context("forkserver")
    ctx.set_forkserver_preload(["sqla_assist.rules._loaded"])
    return ctx


class _Work:
    """Files waiting for analysis: inline, or in a process pool fed growing batches.

    The first batches are tiny (1, 2, 4 ... files) so the first findings arrive as soon as a
    worker has parsed one file; later batches are larger to keep pickling overhead low.
    Identical contents (same blob) are analysed once, whatever their paths.
    """

    def __init__(self, scanner: Scanner, cancel: threading.Event | None, pool: bool) -> None:
        self.scanner = scanner
        self.cancel = cancel
        self.inline: list[tuple[str, dict[str, Any]]] = []
        self.paths: dict[str, list[str]] = {}
        self.batch: list[tuple[str, bytes]] = []
        self.batch_bytes = 0
        self.limit = 4
        self.futures: set[Future[list[tuple[str, dict[str, Any]]]]] = set()
        self.pool: ProcessPoolExecutor | None = None
        # While the pool boots (a second or so), the calling process analyses a few files
        # itself: the first findings then do not wait for worker start-up.
        self.head_start = _HEAD_START if pool else 0
        if pool:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(
                max_workers=scanner.workers,
                mp_context=_pool_context(),
                initializer=partial(_renice, scanner.nice) if scanner.nice else None,
            )

    def add(self, path: str, blob: str, data: bytes) -> None:
        if blob in self.paths:
            self.paths[blob].append(path)
            return
        self.paths[blob] = [path]
        if self.pool is None or (self.head_start > 0 and not self._any_done()):
            self.head_start -= 1
            from sqla_assist.core.analyze import analyze_source

            self.inline.append((blob, _payload(analyze_source(data, self.scanner.rules))))
            return
        self.batch.append((blob, data))
        self.batch_bytes += len(data)
        if len(self.batch) >= self.limit or self.batch_bytes >= _BATCH_BYTES:
            self._submit()

    def _any_done(self) -> bool:
        return any(f.done() for f in self.futures)

    def _submit(self) -> None:
        if self.batch and self.pool is not None:
            self.futures.add(self.pool.submit(_analyse_batch, self.batch))
            self.batch, self.batch_bytes = [], 0
            self.limit = min(self.limit * 2, 32)

    def _emit(self, blob: str, payload: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
        # Paths with this content seen so far; later duplicates find the payload cached.
        for path in self.paths.pop(blob, []):
            yield path, blob, payload
        self.paths[blob] = []

    def ready(self, block: bool) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Finished analyses; `block` waits for all of them (the end of the scan)."""
        inline, self.inline = self.inline, []
        for blob, payload in inline:
            yield from self._emit(blob, payload)
        if block:
            self._submit()
        if self.futures:
            from concurrent.futures import FIRST_COMPLETED, wait
        while self.futures:
            _check(self.cancel)
            done, self.futures = wait(self.futures, timeout=0.1 if block else 0, return_when=FIRST_COMPLETED)
            for fut in done:
                for blob, payload in fut.result():
                    yield from self._emit(blob, payload)
            if not block:
                return

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)


def _is_package(path: str) -> bool:
    return path == "__init__.py" or path.endswith("/__init__.py")


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ScanCancelled


def scan(
    checkout: Checkout,
    config: Config | None = None,
    paths: Sequence[str] | None = None,
    use_cache: bool = True,
) -> ScanResult:
    return Scanner(checkout, config, use_cache=use_cache).run(paths)


# Bytes that make findings likely: legacy `Query` use is the most common 1.x habit.
_PROMISING = (b".query(",)


def _promising(data: bytes) -> bool:
    return any(token in data for token in _PROMISING)


def _sweeps(
    first: list[tuple[str, StatKey]], later: list[tuple[str, StatKey, bytes | None]]
) -> Iterator[tuple[str, StatKey, bytes | None]]:
    """`first` (no bytes yet), then whatever the caller moved to `later`, with its bytes."""
    for path, key in first:
        yield path, key, None
    yield from later


def _renice(increment: int) -> None:
    """Pool worker initializer: yield the CPU to the process that asked for the scan."""
    # not POSIX, or not permitted: the worker runs at normal priority
    with contextlib.suppress(AttributeError, OSError):
        os.nice(increment)
