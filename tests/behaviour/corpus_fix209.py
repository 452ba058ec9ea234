"""Behaviour cases for the SQ209 fixer (rules/_fix_sessbind.py): an unbound Session that found
its engine through bound metadata on 1.4 gets that engine as `bind=` and returns the same rows.

SQ209 is decided project-wide: with any other engine bound to metadata in the project, the fix
is (rightly) manual. The shared corpus is one project whose cases bind engines inside `run()`,
so these cases run each as a project of its own (tests/behaviour/test_fix209_sessbind.py).
Header "SB": the engine, the bound metadata and a mapped class at module level, as 1.x apps had.
"""

from __future__ import annotations

HEADERS_FIX209 = {
    "SB": (
        "from sqlalchemy import Column, Integer, MetaData, String, create_engine, select\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session, declarative_base, scoped_session, sessionmaker\n"
        "\n"
        'sb_engine = create_engine("sqlite://")\n'
        "sb_metadata = MetaData(bind=sb_engine)\n"
        "SBBase = declarative_base(metadata=sb_metadata)\n"
        "\n"
        "\n"
        "class SBItem(SBBase):\n"
        '    __tablename__ = "sb_item"\n'
        "    id = Column(Integer, primary_key=True)\n"
        "    name = Column(String(20))\n"
        "\n"
        "\n"
        "SBBase.metadata.create_all(sb_engine)\n"
        "SBLocal = sessionmaker(autoflush=False)\n"
        "SBScoped = scoped_session(sessionmaker())\n"
    ),
}

_ROWS = "select(SBItem.id, SBItem.name).order_by(SBItem.id)"

CASES_FIX209 = {
    # A module-level factory and a one-off Session: writes land in the bound engine, reads see them.
    "fix209_sessionmaker_write_read": (
        ("SQ209",),
        "SB",
        's2 = SBLocal()\ns2.add_all([SBItem(id=1, name="a"), SBItem(id=2, name="b")])\ns2.commit()\ns2.close()\n'
        f"s3 = Session()\nrows = s3.execute({_ROWS}).all()\ns3.close()\nreturn rows",
    ),
    # scoped_session(sessionmaker()): the registry's sessions use the engine too.
    "fix209_scoped_session": (
        ("SQ209",),
        "SB",
        'SBScoped.add(SBItem(id=7, name="seven"))\nSBScoped.commit()\n'
        f"rows = SBScoped.execute({_ROWS}).all()\nSBScoped.remove()\nreturn rows",
    ),
}
