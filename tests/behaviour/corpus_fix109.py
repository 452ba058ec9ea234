"""Behaviour cases for the SQ109 stored-Query fixer (merged into `corpus.CASES`).

Same shape as corpus.py: name → (rules the fix must apply, header, body of `run`). The bodies
use the shared header "A". Every name starts with `fix109_` (`pytest tests/behaviour -k fix109`).
"""

from __future__ import annotations

HEADERS_FIX109: dict[str, str] = {}

CASES_FIX109: dict[str, tuple[tuple[str, ...], str, str]] = {
    "fix109_stored_all": (
        ("SQ109",),
        "A",
        "q = session.query(User).filter(User.age == 30).order_by(User.id)\n"
        "return [u.name for u in q.all()]",
    ),
    # Both branches of each `if` run: the refinements apply to a Query and to a Select alike.
    "fix109_if_refined": (
        ("SQ109",),
        "A",
        "out = []\n"
        "for name, newest in ((None, True), ('ed', False), ('nobody', True)):\n"
        "    q = session.query(User)\n"
        "    if name is not None:\n"
        "        q = q.filter(User.name == name)\n"
        "    if newest:\n"
        "        q = q.order_by(User.id.desc())\n"
        "    else:\n"
        "        q = q.order_by(User.id)\n"
        "    out.append([u.id for u in q.all()])\n"
        "return out",
    ),
    "fix109_iterated_rows": (
        ("SQ109",),
        "A",
        "q = session.query(User.id, User.name).filter(User.id > 1).order_by(User.id)\n"
        "seen = []\n"
        "for row in q:\n"
        "    seen.append((row.id, row.name))\n"
        "return seen, [tuple(r) for r in q.filter(User.id < 4)]",
    ),
    "fix109_terminals_joined": (
        ("SQ109",),
        "A",
        "q = session.query(User).join(User.addresses).filter(Address.email.like('%x.com')).order_by(User.id)\n"
        "first = q.first()\n"
        "n = q.count()\n"
        "m = session.query(func.max(User.age)).filter(User.age < 40)\n"
        "one = q.filter(User.id == 4).one_or_none()\n"
        "return [first.id, n, m.scalar(), one.name, [u.id for u in q.all()]]",
    ),
    "fix109_eager_unique": (
        ("SQ109",),
        "A",
        "q = session.query(User).options(joinedload(User.addresses))\n"
        "q = q.filter(User.id < 3).order_by(User.id)\n"
        "users = q.all()\n"
        "ed = q.filter(User.id == 1).one()\n"
        "return [(u.name, [a.email for a in u.addresses]) for u in users], ed.name, len(ed.addresses)",
    ),
    "fix109_scalar_several_rows": (
        ("SQ109",),
        "A",
        "q = session.query(User.name).filter(User.age == 30)\n"
        "try:\n"
        "    q.scalar()\n"
        "except Exception as e:\n"
        "    return type(e).__name__\n"
        "return 'no error'",
    ),
    "fix109_refined_in_loop": (
        ("SQ109",),
        "A",
        "q = session.query(User)\n"
        "for bad in ('ed', 'mary'):\n"
        "    q = q.filter(User.name != bad)\n"
        "return [u.name for u in q.order_by(User.name)], q.count()",
    ),
}
