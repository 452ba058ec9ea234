"""The scan streams: pool batches, duplicates and cancellation, on a real git repository."""

from __future__ import annotations

import threading

import pytest

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.scan import ScanCancelled, Scanner
from tests.conftest import Repo

LEGACY = "from sqlalchemy import select\n\nstmt = select([t.c.id{n}])\n"


def _repo(repo: Repo, n: int) -> Repo:
    for i in range(n):
        repo.write(f"pkg/m{i:03d}.py", LEGACY.format(n=f", t.c.x{i}"))
    repo.write("pkg/dup_a.py", LEGACY.format(n=""))
    repo.write("pkg/dup_b.py", LEGACY.format(n=""))  # same bytes as dup_a
    repo.commit()
    return repo


def test_pool_scan_equals_inline_scan(repo: Repo) -> None:
    _repo(repo, 60)
    checkout = open_checkout(repo.root)
    pooled = Scanner(checkout, use_cache=False, workers=2).run()
    inline = Scanner(checkout, use_cache=False, workers=1).run()
    assert len(pooled.files) == 62
    assert [(f.path, f.rule, f.line, f.fingerprint) for f in pooled.findings] == [
        (f.path, f.rule, f.line, f.fingerprint) for f in inline.findings
    ]
    # identical contents under two paths: both reported, each with its own fingerprint
    dups = [f for f in pooled.findings if f.path.startswith("pkg/dup_")]
    assert [f.path for f in dups] == ["pkg/dup_a.py", "pkg/dup_b.py"]
    assert dups[0].fingerprint != dups[1].fingerprint


def test_every_file_is_streamed_once(repo: Repo) -> None:
    _repo(repo, 40)
    seen = [r.path for r in Scanner(open_checkout(repo.root), use_cache=False, workers=2).iter_files()]
    assert sorted(seen) == sorted(set(seen)) and len(seen) == 42


def test_cancel_stops_the_stream(repo: Repo) -> None:
    _repo(repo, 40)
    cancel = threading.Event()
    stream = Scanner(open_checkout(repo.root), use_cache=False, workers=2).iter_files(cancel=cancel)
    next(stream)
    cancel.set()
    with pytest.raises(ScanCancelled):
        list(stream)


def test_files_likely_to_have_findings_stream_first(repo: Repo) -> None:
    """A UI shows findings before the files that sort ahead of the first `.query(` are analysed."""
    _repo(repo, 30)
    repo.write("pkg/zz_query.py", "def f(session, User):\n    return session.query(User).all()\n")
    repo.commit()
    for workers in (1, 2):
        stream = list(Scanner(open_checkout(repo.root), use_cache=False, workers=workers).iter_files())
        assert stream[0].path == "pkg/zz_query.py" and stream[0].findings
        assert sorted(r.path for r in stream) == sorted({r.path for r in stream}) and len(stream) == 33


def test_niced_pool_workers_give_the_same_results(repo: Repo) -> None:
    """The app lowers its pool workers' priority; the initializer must not change or break the scan."""
    _repo(repo, 40)
    checkout = open_checkout(repo.root)
    niced = Scanner(checkout, use_cache=False, workers=2, nice=5).run()
    inline = Scanner(checkout, use_cache=False, workers=1).run()
    assert [(f.path, f.fingerprint) for f in niced.findings] == [(f.path, f.fingerprint) for f in inline.findings]
    assert len(niced.findings) == 42
