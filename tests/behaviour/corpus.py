"""Legacy snippets for the behaviour harness: name → (rules the fix must apply, header, body).

Each body is the inside of `def run(session: Session, conn: Connection):` and returns what
the program would observe. Headers: "A" imports names directly, "B" uses `import
sqlalchemy as sa` only (the fixer must follow that style); "D" brings ext.declarative.
"""

from __future__ import annotations

HEADERS = {
    "A": (
        "from sqlalchemy import func, select\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session, joinedload, selectinload\n"
        "from bmodels import Address, Order, User, addresses, orders, users\n"
    ),
    "B": (
        "import sqlalchemy as sa\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session\n"
        "from bmodels import Address, User, addresses, users\n"
    ),
    "T": (
        "from sqlalchemy import Column, ForeignKey, Integer, String, Table, create_engine, select\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session, backref, declarative_base, relationship\n"
        "\n"
        "TBase = declarative_base()\n"
        "t_link = Table(\n"
        "    \"t_link\",\n"
        "    TBase.metadata,\n"
        "    Column(\"author_id\", ForeignKey(\"t_author.id\"), primary_key=True),\n"
        "    Column(\"tag_id\", ForeignKey(\"t_tag.id\"), primary_key=True),\n"
        ")\n"
        "\n"
        "\n"
        "class TAuthor(TBase):\n"
        "    __tablename__ = \"t_author\"\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    name = Column(String(30))\n"
        "    books = relationship(\"TBook\", backref=\"author\", order_by=\"TBook.id\")\n"
        "    card = relationship(\"TCard\", uselist=False, backref=\"owner\")\n"
        "    tags = relationship(\"TTag\", secondary=t_link, backref=backref(\"authors\", order_by=\"TAuthor.id\"), order_by=\"TTag.id\")\n"
        "    notes = relationship(\"TNote\", lazy=\"dynamic\", order_by=\"TNote.id\")\n"
        "\n"
        "\n"
        "class TBook(TBase):\n"
        "    __tablename__ = \"t_book\"\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    title = Column(String(50), nullable=False)\n"
        "    author_id = Column(Integer, ForeignKey(\"t_author.id\"))\n"
        "\n"
        "\n"
        "class TCard(TBase):\n"
        "    __tablename__ = \"t_card\"\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    number = Column(String(10), server_default=\"0000\")\n"
        "    owner_id = Column(Integer, ForeignKey(\"t_author.id\"), nullable=False)\n"
        "\n"
        "\n"
        "class TTag(TBase):\n"
        "    __tablename__ = \"t_tag\"\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    word = Column(String(20), nullable=False)\n"
        "\n"
        "\n"
        "class TNote(TBase):\n"
        "    __tablename__ = \"t_note\"\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    text = Column(String)\n"
        "    author_id = Column(Integer, ForeignKey(\"t_author.id\"))\n"
        "\n"
        "\n"
        "def t_session():\n"
        "    engine = create_engine(\"sqlite://\")\n"
        "    TBase.metadata.create_all(engine)\n"
        "    s = Session(engine)\n"
        "    ann, bob = TAuthor(name=\"ann\"), TAuthor(name=None)\n"
        "    red, blue = TTag(word=\"red\"), TTag(word=\"blue\")\n"
        "    s.add_all([ann, bob, red, blue])\n"
        "    s.flush()\n"
        "    s.add_all([TBook(title=\"b1\", author_id=ann.id), TBook(title=\"b2\", author_id=ann.id), TBook(title=\"orphan\")])\n"
        "    s.add_all([TCard(owner_id=bob.id), TNote(text=\"n1\", author_id=ann.id), TNote(text=None, author_id=ann.id)])\n"
        "    s.execute(t_link.insert(), [{\"author_id\": ann.id, \"tag_id\": red.id}, {\"author_id\": ann.id, \"tag_id\": blue.id}, {\"author_id\": bob.id, \"tag_id\": blue.id}])\n"
        "    s.commit()\n"
        "    return s\n"
    ),
    "D": (
        "from sqlalchemy import Column, Integer, String\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.ext.declarative import declarative_base, declared_attr\n"
        "from sqlalchemy.orm import Session\n"
    ),
}

Q = "session.query"
CASES: dict[str, tuple[tuple[str, ...], str, str]] = {
    # -- SQ101 all() ------------------------------------------------------------------------
    "all_simple": (("SQ101",), "A", f"return {Q}(User).order_by(User.id).all()"),
    "all_unordered": (("SQ101",), "A", f"return {Q}(User).all()"),
    "all_filter": (("SQ101",), "A", f'return {Q}(User).filter(User.name == "ed").all()'),
    "all_filter_multi": (("SQ101",), "A", f'return {Q}(User).filter(User.age >= 30, User.name != "mary").order_by(User.id).all()'),
    "all_filter_by": (("SQ101",), "A", f'return {Q}(User).filter_by(name="wendy").all()'),
    "all_join_dupes": (("SQ101",), "A", f"return {Q}(User).join(User.addresses).order_by(User.id).all()"),
    "all_outerjoin_dupes": (("SQ101",), "A", f"return {Q}(User).outerjoin(User.addresses).order_by(User.id).all()"),
    "all_join_onclause": (("SQ101",), "A", f'return {Q}(User).join(Address, Address.user_id == User.id).filter(Address.email.like("%@x.com")).order_by(User.id).all()'),
    "all_join_filter_dupes": (("SQ101",), "A", f'return {Q}(User).join(User.addresses).filter(Address.email.like("%x%")).order_by(User.id).all()'),
    "all_column": (("SQ101",), "A", f"return {Q}(User.name).order_by(User.id).all()"),
    "all_column_join_keeps_dupes": (("SQ101",), "A", f"return {Q}(User.name).join(User.addresses).order_by(User.id).all()"),
    "all_two_columns": (("SQ101",), "A", f"return {Q}(User.id, User.name).order_by(User.id).all()"),
    "all_entity_and_column": (("SQ101",), "A", f"return {Q}(User, Address.email).join(User.addresses).order_by(Address.id).all()"),
    "all_entity_and_dup_column": (("SQ101",), "A", f"return {Q}(User, User.age).join(User.addresses).order_by(User.id).all()"),
    "all_two_entities": (("SQ101",), "A", f"return {Q}(User, Address).filter(User.id == Address.user_id).order_by(Address.id).all()"),
    "all_joinedload": (("SQ101",), "A", f"return {Q}(User).options(joinedload(User.addresses)).order_by(User.id).all()"),
    "all_selectinload": (("SQ101",), "A", f"return {Q}(User).options(selectinload(User.addresses)).order_by(User.id).all()"),
    "all_limit_offset": (("SQ101",), "A", f"return {Q}(User).order_by(User.id).limit(2).offset(1).all()"),
    "all_distinct_column": (("SQ101",), "A", f"return {Q}(User.age).distinct().order_by(User.age).all()"),
    "all_group_by": (("SQ101",), "A", f"return {Q}(User.age, func.count(User.id)).group_by(User.age).order_by(User.age).all()"),
    "all_having": (("SQ101",), "A", f"return {Q}(Address.user_id, func.count(Address.id)).group_by(Address.user_id).having(func.count(Address.id) > 1).order_by(Address.user_id).all()"),
    "all_slice": (("SQ101",), "A", f"return {Q}(User).order_by(User.id).slice(1, 3).all()"),
    "all_func_label": (("SQ101",), "A", f'return {Q}(func.count(Address.id).label("n")).all()'),
    "all_empty": (("SQ101",), "A", f'return {Q}(User).filter(User.name == "nobody").all()'),
    "all_select_from": (("SQ101",), "A", f'return {Q}(Address.email).select_from(User).join(User.addresses).filter(User.name == "ed").order_by(Address.id).all()'),
    "all_multiline_comment": (("SQ101",), "A", f"return (\n    {Q}(User)\n    .filter(User.age > 20)  # adults\n    .order_by(User.id)\n    .all()\n)"),
    "all_sa_style": (("SQ101",), "B", f"return {Q}(User).filter(User.age > 26).order_by(User.id).all()"),
    "all_join_entity_outer_order": (("SQ101",), "A", f"return {Q}(Address).join(Address.user).filter(User.age == 30).order_by(Address.id).all()"),
    # -- SQ102 first() ----------------------------------------------------------------------
    "first_simple": (("SQ102",), "A", f'return {Q}(User).filter_by(name="ed").first()'),
    "first_none": (("SQ102",), "A", f'return {Q}(User).filter_by(name="nobody").first()'),
    "first_order_desc": (("SQ102",), "A", f"return {Q}(User).order_by(User.age.desc(), User.id).first()"),
    "first_replaces_limit": (("SQ102",), "A", f"return {Q}(User).order_by(User.id).limit(3).offset(1).first()"),
    "first_column": (("SQ102",), "A", f"return {Q}(User.name).order_by(User.id).first()"),
    "first_two_columns": (("SQ102",), "A", f"return {Q}(User.name, User.age).order_by(User.id.desc()).first()"),
    "first_joinedload": (("SQ102",), "A", f"return {Q}(User).options(joinedload(User.addresses)).order_by(User.id).first()"),
    "first_join": (("SQ102",), "A", f'return {Q}(User).join(User.addresses).filter(Address.email.like("%x%")).order_by(User.id.desc()).first()'),
    "first_sa_style": (("SQ102",), "B", f"return {Q}(User.name).filter(User.age > 26).order_by(User.id).first()"),
    # -- SQ103 one() ------------------------------------------------------------------------
    "one_ok": (("SQ103",), "A", f"return {Q}(User).filter_by(id=2).one()"),
    "one_none": (("SQ103",), "A", f"return {Q}(User).filter_by(id=99).one()"),
    "one_multi": (("SQ103",), "A", f"return {Q}(User).filter(User.age == 30).one()"),
    "one_columns": (("SQ103",), "A", f"return {Q}(User.id, User.name).filter(User.id == 4).one()"),
    "one_column_multi": (("SQ103",), "A", f"return {Q}(User.name).one()"),
    "one_joinedload": (("SQ103",), "A", f'return {Q}(User).options(joinedload(User.addresses)).filter(User.name == "fred").one()'),
    "one_join_dedup": (("SQ103",), "A", f'return {Q}(User).join(User.addresses).filter(User.name == "ed").one()'),
    # -- SQ104 one_or_none() ----------------------------------------------------------------
    "oon_found": (("SQ104",), "A", f'return {Q}(User).filter(User.name == "mary").one_or_none()'),
    "oon_none": (("SQ104",), "A", f'return {Q}(User).filter(User.name == "zed").one_or_none()'),
    "oon_multi": (("SQ104",), "A", f"return {Q}(User).filter(User.age == 30).one_or_none()"),
    "oon_column": (("SQ104",), "A", f"return {Q}(User.age).filter(User.id == 3).one_or_none()"),
    "oon_join_dedup": (("SQ104",), "A", f'return {Q}(User).join(User.addresses).filter(User.name == "fred").one_or_none()'),
    "oon_joinedload": (("SQ104",), "A", f"return {Q}(User).options(joinedload(User.addresses)).filter(User.id == 1).one_or_none()"),
    # -- SQ105 scalar() ---------------------------------------------------------------------
    "scalar_count": (("SQ105",), "A", f"return {Q}(func.count(User.id)).scalar()"),
    "scalar_column_one": (("SQ105",), "A", f"return {Q}(User.name).filter(User.id == 2).scalar()"),
    "scalar_column_multi": (("SQ105",), "A", f"return {Q}(User.name).scalar()"),
    "scalar_none": (("SQ105",), "A", f"return {Q}(User.name).filter(User.id == 99).scalar()"),
    "scalar_entity": (("SQ105",), "A", f"return {Q}(User).filter(User.id == 3).scalar()"),
    "scalar_sum": (("SQ105",), "A", f"return {Q}(func.sum(Order.total)).filter(Order.user_id == 1).scalar()"),
    "scalar_two_columns": (("SQ105",), "A", f"return {Q}(User.name, User.age).filter(User.id == 4).scalar()"),
    "scalar_sa_style": (("SQ105",), "B", f"return {Q}(sa.func.max(User.age)).scalar()"),
    # -- SQ106 count() ----------------------------------------------------------------------
    "count_all": (("SQ106",), "A", f"return {Q}(User).count()"),
    "count_filter": (("SQ106",), "A", f"return {Q}(User).filter(User.age == 30).count()"),
    "count_join_fans_out": (("SQ106",), "A", f"return {Q}(User).join(User.addresses).count()"),
    "count_limit": (("SQ106",), "A", f"return {Q}(User).order_by(User.id).limit(2).count()"),
    "count_distinct_column": (("SQ106",), "A", f"return {Q}(User.age).distinct().count()"),
    "count_group_by": (("SQ106",), "A", f"return {Q}(User.age).group_by(User.age).count()"),
    "count_column": (("SQ106",), "A", f"return {Q}(Address.email).count()"),
    "count_joinedload": (("SQ106",), "A", f"return {Q}(User).options(joinedload(User.addresses)).count()"),
    "count_sa_style": (("SQ106",), "B", f"return {Q}(Address).filter(Address.user_id == 4).count()"),
    # -- SQ107 get() ------------------------------------------------------------------------
    "get_simple": (("SQ107",), "A", f"return {Q}(User).get(2)"),
    "get_missing": (("SQ107",), "A", f"return {Q}(User).get(99)"),
    "get_tuple_pk": (("SQ107",), "A", f"return {Q}(User).get((4,))"),
    "get_options": (("SQ107",), "A", f"return {Q}(User).options(joinedload(User.addresses)).get(1)"),
    "get_populate": (("SQ107",), "A", f"return {Q}(User).populate_existing().get(2)"),
    "get_identity_map": (("SQ103", "SQ107"), "A", f'u = {Q}(User).filter_by(id=1).one()\nu.name = "changed"\nreturn [{Q}(User).get(1).name, {Q}(User).get(1) is u]'),
    "get_sa_style": (("SQ107",), "B", f"return {Q}(Address).get(5)"),
    # -- SQ601 / SQ602 select() -------------------------------------------------------------
    "select_list": (("SQ601",), "A", "return conn.execute(select([users.c.id, users.c.name]).order_by(users.c.id)).fetchall()"),
    "select_list_table": (("SQ601",), "A", "return conn.execute(select([users]).order_by(users.c.id)).fetchall()"),
    "select_columns_kw": (("SQ601",), "A", "return conn.execute(select(columns=[users.c.name]).order_by(users.c.name)).fetchall()"),
    "select_list_variable": (("SQ601",), "A", "cols = [users.c.id, users.c.age]\nreturn conn.execute(select(cols).order_by(users.c.id)).fetchall()"),
    "select_tuple": (("SQ601",), "A", "return conn.execute(select((addresses.c.email,)).order_by(addresses.c.id)).fetchall()"),
    "select_where_positional": (("SQ601", "SQ602"), "A", "return conn.execute(select([users.c.name], users.c.age > 26, order_by=[users.c.id])).fetchall()"),
    "select_kwargs_limit": (("SQ601", "SQ602"), "A", "return conn.execute(select([users.c.id], order_by=[users.c.id.desc()], limit=2, offset=1)).fetchall()"),
    "select_from_obj": (("SQ601", "SQ602"), "A", "return conn.execute(select([users.c.name, addresses.c.email], from_obj=[users.join(addresses)], order_by=[addresses.c.id])).fetchall()"),
    "select_distinct_kw": (("SQ601", "SQ602"), "A", "return conn.execute(select([users.c.age], distinct=True, order_by=users.c.age)).fetchall()"),
    "select_group_having": (("SQ601", "SQ602"), "A", "return conn.execute(select([addresses.c.user_id, func.count()], group_by=[addresses.c.user_id], having=func.count() > 1, order_by=[addresses.c.user_id])).fetchall()"),
    "select_use_labels": (("SQ601", "SQ602"), "A", "return list(conn.execute(select([users, addresses.c.email], users.c.id == addresses.c.user_id, use_labels=True)).keys())"),
    "select_whereclause_kw": (("SQ601", "SQ602"), "A", "return conn.execute(select([orders.c.total], whereclause=orders.c.user_id == 1, order_by=[orders.c.id])).fetchall()"),
    "select_sa_style": (("SQ601",), "B", "return conn.execute(sa.select([sa.func.count()]).select_from(users)).scalar()"),
    "select_sa_kwargs": (("SQ601", "SQ602"), "B", "return conn.execute(sa.select([users.c.name], users.c.age == 30, order_by=[users.c.name])).fetchall()"),
    "select_multiline_kwargs": (("SQ601", "SQ602"), "A", "stmt = select(\n    [users.c.name, addresses.c.email],\n    users.c.id == addresses.c.user_id,\n    order_by=[addresses.c.email.desc()],\n    limit=3,\n)\nreturn conn.execute(stmt).fetchall()"),
    "select_orm_list": (("SQ601",), "A", "return session.execute(select([User.name]).where(User.age > 26).order_by(User.id)).all()"),
    # -- SQ404 raw SQL ----------------------------------------------------------------------
    "raw_plain": (("SQ404",), "A", 'return conn.execute("SELECT name FROM users ORDER BY id").fetchall()'),
    "raw_qmark_tuple": (("SQ404",), "A", 'return conn.execute("SELECT name FROM users WHERE id = ?", (2,)).fetchall()'),
    "raw_qmark_args": (("SQ404",), "A", 'return conn.execute("SELECT name FROM users WHERE id = ? OR id = ? ORDER BY id", 1, 3).fetchall()'),
    "raw_qmark_scalar": (("SQ404",), "A", 'return conn.execute("SELECT ? + 1", 5).scalar()'),
    "raw_named_kwargs": (("SQ404",), "A", 'return conn.execute("SELECT name FROM users WHERE name = :n", n="ed").fetchall()'),
    "raw_named_dict": (("SQ404",), "A", 'return conn.execute("SELECT id FROM users WHERE age = :a ORDER BY id", {"a": 30}).fetchall()'),
    "raw_colon_literal": (("SQ404",), "A", "return conn.execute(\"SELECT 'at :noon'\").scalar()"),
    "raw_percent_like": (("SQ404",), "A", "return conn.execute(\"SELECT name FROM users WHERE name LIKE 'e%' ORDER BY id\").fetchall()"),
    "raw_executemany": (("SQ404",), "A", 'conn.execute("INSERT INTO orders (id, user_id, total) VALUES (:i, 1, :t)", {"i": 10, "t": 1}, {"i": 11, "t": 2})\nreturn conn.execute("SELECT id, total FROM orders ORDER BY id").fetchall()'),
    "raw_variable": (("SQ404",), "A", 'sql = "SELECT count(*) FROM addresses"\nreturn conn.execute(sql).scalar()'),
    "raw_keys": (("SQ404",), "A", 'return list(conn.execute("SELECT id AS ident, name FROM users").keys())'),
    # -- SQ301 ext.declarative ----------------------------------------------------------------
    # -- typed models: SQ302/SQ308/SQ309/SQ311/SQ313 (legacy declarative on 1.4 vs typed on 2.x) --
    "typed_rows_and_collections": (('SQ302', 'SQ308', 'SQ309', 'SQ311', 'SQ313'), "T", "s = t_session()\nauthors = s.execute(select(TAuthor).order_by(TAuthor.id)).scalars().all()\nreturn [(a.id, a.name, [b.title for b in a.books], a.card.number if a.card is not None else None, [t.word for t in a.tags], [n.text for n in a.notes]) for a in authors]"),
    "typed_reverse_sides": (('SQ302', 'SQ308', 'SQ309', 'SQ311', 'SQ313'), "T", "s = t_session()\nbooks = s.execute(select(TBook).order_by(TBook.id)).scalars().all()\ncards = s.execute(select(TCard)).scalars().all()\ntags = s.execute(select(TTag).order_by(TTag.id)).scalars().all()\nreturn ([(b.title, b.author.name if b.author is not None else None) for b in books], [c.owner.id for c in cards], [(t.word, [a.id for a in t.authors]) for t in tags])"),
    "typed_collection_kinds": (('SQ302', 'SQ308', 'SQ309', 'SQ311', 'SQ313'), "T", "s = t_session()\na = s.get(TAuthor, 1)\nreturn [type(a.books).__name__, type(a.tags).__name__, type(a.card).__name__, type(a.notes).__name__, a.notes.filter(TNote.text.is_(None)).count()]"),
    "typed_nullability_kept": (('SQ302', 'SQ308', 'SQ309', 'SQ311', 'SQ313'), "T", "s = t_session()\ns.add_all([TAuthor(name=None), TNote(text=None), TBook(title=\"x\", author_id=None)])\ns.commit()\ns.add(TBook(title=None))\ns.commit()"),
    "typed_sync_back_populates": (('SQ302', 'SQ308', 'SQ309', 'SQ311', 'SQ313'), "T", "s = t_session()\nann = s.get(TAuthor, 1)\nbook = TBook(title=\"new\")\nann.books.append(book)\ntag = TTag(word=\"green\")\ns.add(tag)  # 2.x: no cascade along backrefs (SQ315)\ntag.authors.append(ann)\nreturn [book.author is ann, ann.tags[-1] is tag, [b.title for b in ann.books]]"),
    "ext_declarative": (("SQ301",), "D", 'B = declarative_base()\nclass T(B):\n    __tablename__ = "t"\n    id = Column(Integer, primary_key=True)\n    name = Column(String)\nreturn sorted(T.__table__.c.keys())'),
    "ext_declared_attr": (("SQ301",), "D", 'B = declarative_base()\nclass Mixin:\n    @declared_attr\n    def __tablename__(cls):\n        return cls.__name__.lower()\n    id = Column(Integer, primary_key=True)\nclass Thing(Mixin, B):\n    pass\nreturn Thing.__table__.name'),
}

def _merge(prefix: str, headers: dict, cases: dict) -> None:
    """Add a sub-corpus; its header keys are namespaced so corpora cannot overwrite each other."""
    clash = set(cases) & set(CASES)
    assert not clash, f"behaviour case names defined twice: {sorted(clash)}"
    HEADERS.update({f"{prefix}:{k}": v for k, v in headers.items()})
    # A case may also use one of the shared headers above; only its corpus's own keys move.
    CASES.update(
        {
            name: (rules, f"{prefix}:{head}" if head in headers else head, *rest)
            for name, (rules, head, *rest) in cases.items()
        }
    )


# Cases for the SQ108–SQ128 / SQ8xx fixers live in their own module (merged here).
from tests.behaviour.corpus_select import CASES_SELECT, HEADERS_SELECT  # noqa: E402

_merge("select", HEADERS_SELECT, CASES_SELECT)

# -- session and engine fixers (SQ2xx / SQ4xx) ---------------------------------------------------
# "E" brings Core names and factories; `session.bind` is the seeded engine on both versions.
HEADERS["E"] = (
    "import os\n"
    "import tempfile\n"
    "from sqlalchemy import MetaData, Sequence, Table, create_engine, func, inspect, select, text\n"
    "from sqlalchemy.engine import Connection\n"
    "from sqlalchemy.orm import Session, sessionmaker\n"
    "from bmodels import Address, User, addresses, seed, users\n"
)
CASES.update({
    # -- SQ202 autocommit=False ----------------------------------------------------------------
    "sess_autocommit_false_get": (("SQ202",), "E", "F = sessionmaker(bind=session.bind, autocommit=False)\ns2 = F()\nu = s2.get(User, 2)\nreturn [u.name, s2.in_transaction()]"),
    "sess_autocommit_false_commit": (("SQ202",), "E", 's2 = Session(session.bind, autocommit=False)\ns2.add(User(id=9, name="z"))\ns2.commit()\nreturn session.execute(select(User.name).where(User.id == 9)).all()'),
    # -- SQ203 future=True ---------------------------------------------------------------------
    "future_engine": (("SQ203",), "E", 'e2 = create_engine("sqlite://", future=True)\nwith e2.connect() as c:\n    return c.execute(text("select 1 + 1")).all()'),
    "future_sessionmaker": (("SQ203",), "E", "F = sessionmaker(session.bind, future=True)\nwith F() as s2:\n    return s2.execute(select(User.id).where(User.age == 30).order_by(User.id)).all()"),
    # -- SQ210 close_all -----------------------------------------------------------------------
    "close_all_class": (("SQ210",), "E", "s2 = Session(session.bind)\nu = s2.get(User, 1)\nSession.close_all()\nreturn [u in s2, len(s2.identity_map), u.name]"),
    "close_all_factory": (("SQ210",), "E", "F = sessionmaker(bind=session.bind)\ns2 = F()\ns2.get(User, 1)\nF.close_all()\nreturn len(s2.identity_map)"),
    # -- SQ219 positional Session args ---------------------------------------------------------
    "session_positional_noautoflush": (("SQ219",), "E", 's2 = Session(session.bind, False, True, False)\ns2.add(User(id=7, name="n"))\nreturn [s2.execute(select(func.count(User.id))).scalar(), s2.autoflush, s2.expire_on_commit]'),
    "session_positional_autoflush": (("SQ219",), "E", 's2 = Session(session.bind, True)\ns2.add(User(id=8, name="m"))\nreturn s2.execute(select(func.count(User.id))).scalar()'),
    # -- SQ208 session.execute("...") ----------------------------------------------------------
    "session_execute_str_params": (("SQ208",), "E", 'return session.execute("SELECT name FROM users WHERE id = :id", {"id": 2}).all()'),
    "session_scalar_str_var": (("SQ208",), "E", 'sql = "SELECT count(*) FROM users"\nreturn session.scalar(sql)'),
    "session_execute_str_write": (("SQ208",), "E", 'session.execute("UPDATE users SET age = :a WHERE id = :i", {"a": 99, "i": 1})\nsession.commit()\nreturn session.execute(select(User.age).where(User.id == 1)).all()'),
    # -- SQ207 bind keywords -------------------------------------------------------------------
    "session_execute_mapper_kw": (("SQ207",), "E", "return session.execute(select(User.name).where(User.id == 1), mapper=User).all()"),
    "session_execute_bind_kw": (("SQ207",), "E", 'return session.execute(text("select count(*) from users"), bind=session.bind).scalar()'),
})

# A file database, so a write can be read back through a fresh engine (is it committed?).
_FILE_DB = 'fd, path = tempfile.mkstemp(suffix=".db")\nos.close(fd)\nengine = create_engine("sqlite:///" + path)\nseed(engine)\n'
_READ_BACK = 'check = create_engine("sqlite:///" + path)\nwith check.connect() as c:\n    return c.execute(text("{sql}")).fetchall()'
CASES.update({
    # -- SQ401 engine.execute ------------------------------------------------------------------
    "engine_execute_write_committed": (("SQ401",), "E", _FILE_DB + 'engine.execute(users.insert(), {"id": 20, "name": "new", "age": 1})\n' + _READ_BACK.format(sql="SELECT id, name FROM users WHERE id = 20")),
    "engine_execute_text_update_committed": (("SQ401",), "E", _FILE_DB + 'engine.execute(text("UPDATE users SET age = 50 WHERE id = 2"))\n' + _READ_BACK.format(sql="SELECT age FROM users WHERE id = 2")),
    "engine_execute_raw_positional_committed": (("SQ401",), "E", _FILE_DB + 'engine.execute("UPDATE users SET age = ? WHERE id = ?", 77, 1)\n' + _READ_BACK.format(sql="SELECT age FROM users ORDER BY id")),
    "engine_execute_delete_committed": (("SQ401",), "E", _FILE_DB + "engine.execute(addresses.delete().where(addresses.c.user_id == 4))\n" + _READ_BACK.format(sql="SELECT count(*) FROM addresses")),
    "engine_execute_read_fetchall": (("SQ401",), "E", "engine = session.get_bind()\nrows = engine.execute(select(users.c.name).order_by(users.c.id)).fetchall()\nreturn rows"),
    "engine_execute_return_scalar": (("SQ401",), "E", 'engine = session.get_bind()\nreturn engine.execute(text("SELECT count(*) FROM users WHERE age = 30")).scalar()'),
    "engine_execute_first": (("SQ401",), "E", "engine = session.get_bind()\nrow = engine.execute(select(users.c.id, users.c.name).order_by(users.c.id.desc())).first()\nreturn row"),
    # -- SQ402 engine.scalar -------------------------------------------------------------------
    "engine_scalar_assign": (("SQ402",), "E", "engine = session.get_bind()\nn = engine.scalar(select(func.count()).select_from(users))\nreturn n"),
    "engine_scalar_return": (("SQ402",), "E", "engine = session.get_bind()\nreturn engine.scalar(select(func.max(users.c.age)))"),
    # -- SQ405 keyword parameters --------------------------------------------------------------
    "conn_execute_kwargs_text": (("SQ405",), "E", 'return conn.execute(text("SELECT name FROM users WHERE id = :id"), id=2).all()'),
    "conn_execute_kwargs_insert": (("SQ405",), "E", 'conn.execute(users.insert(), id=30, name="k", age=3)\nreturn conn.execute(select(users.c.name, users.c.age).where(users.c.id == 30)).all()'),
    "conn_execute_kwargs_splat": (("SQ405",), "E", 'values = {"id": 31, "name": "s"}\nconn.execute(users.insert(), **values)\nreturn conn.execute(select(users.c.name).where(users.c.id == 31)).all()'),
    # -- SQ406 several dicts -------------------------------------------------------------------
    "conn_execute_multi_dicts": (("SQ406",), "E", 'conn.execute(users.insert(), {"id": 32, "name": "a"}, {"id": 33, "name": "b"})\nreturn conn.execute(select(users.c.id, users.c.name).where(users.c.id > 30).order_by(users.c.id)).all()'),
    "conn_execute_splat_dicts": (("SQ406",), "E", 'rows = [{"id": 34, "name": "c"}, {"id": 35, "name": "d"}]\nconn.execute(users.insert(), *rows)\nreturn conn.execute(select(func.count()).select_from(users)).scalar()'),
    # -- SQ407 positional parameters -----------------------------------------------------------
    "conn_execute_positional_args": (("SQ404", "SQ407"), "E", 'return conn.execute("SELECT name FROM users WHERE age = ? AND id > ? ORDER BY id", 30, 0).fetchall()'),
    "conn_execute_positional_many": (("SQ404", "SQ407"), "E", 'conn.execute("INSERT INTO orders (id, user_id, total) VALUES (?, ?, ?)", [(20, 2, 1), (21, 2, 2)])\nreturn conn.execute(select(func.count()).select_from(users).where(users.c.id == 2)).scalar()'),
    # -- SQ412 autoload=True next to autoload_with ---------------------------------------------
    "table_autoload_with_users": (("SQ412",), "E", 'engine = session.get_bind()\nt = Table("users", MetaData(), autoload=True, autoload_with=engine)\nreturn sorted(t.c.keys())'),
    "table_autoload_with_query": (("SQ412",), "E", 'engine = session.get_bind()\nmd = MetaData()\nt = Table("addresses", md, autoload=True, autoload_with=engine)\nreturn conn.execute(select(t.c.email).where(t.c.user_id == 1).order_by(t.c.id)).all()'),
    # -- SQ413 sqlalchemy.future imports -------------------------------------------------------
    "future_import_engine": (("SQ413",), "E", 'from sqlalchemy.future import create_engine as fce\ne2 = fce("sqlite://")\nwith e2.connect() as c:\n    c.execute(text("CREATE TABLE t (x INTEGER)"))\n    c.execute(text("INSERT INTO t VALUES (5)"))\n    c.commit()\n    return c.execute(text("SELECT x FROM t")).all()'),
    "future_import_select": (("SQ413",), "E", "from sqlalchemy.future import select as fselect\nreturn conn.execute(fselect(users.c.name).where(users.c.id == 1)).all()"),
    # -- SQ414 removed create_engine() arguments -----------------------------------------------
    "engine_convert_unicode": (("SQ414",), "E", 'e2 = create_engine("sqlite://", convert_unicode=True)\nwith e2.connect() as c:\n    return c.execute(text("SELECT \'caf\\u00e9\'")).scalar()'),
    "engine_encoding_utf8": (("SQ414",), "E", 'e2 = create_engine("sqlite://", encoding="utf-8", empty_in_strategy="static")\nwith e2.connect() as c:\n    return c.execute(text("SELECT 1 + 2")).scalar()'),
    # -- SQ417 branching -----------------------------------------------------------------------
    "conn_branch_read": (("SQ417",), "E", "branch = conn.connect()\nreturn branch.execute(select(users.c.id).order_by(users.c.id)).all()"),
    "conn_branch_write": (("SQ417",), "E", "branch = conn.connect()\nbranch.execute(addresses.delete().where(addresses.c.id == 3))\nreturn conn.execute(select(func.count()).select_from(addresses)).scalar()"),
    # -- SQ418 transaction / run_callable ------------------------------------------------------
    "engine_transaction_return": (("SQ418",), "E", "engine = session.get_bind()\ndef work(c, n):\n    return c.execute(select(users.c.name).where(users.c.id == n)).all()\nreturn engine.transaction(work, 2)"),
    "engine_transaction_write_committed": (("SQ418",), "E", _FILE_DB + 'def work(c, n):\n    c.execute(users.update().where(users.c.id == n).values(name="tx"))\nengine.transaction(work, 3)\n' + _READ_BACK.format(sql="SELECT name FROM users WHERE id = 3")),
    "conn_run_callable": (("SQ418",), "E", "def work(c, n):\n    return c.execute(select(users.c.age).where(users.c.id == n)).scalar()\nvalue = conn.run_callable(work, 4)\nreturn value"),
    # -- SQ419 table_names / has_table ---------------------------------------------------------
    "engine_table_names": (("SQ419",), "E", "engine = session.get_bind()\nreturn sorted(engine.table_names())"),
    "engine_has_table": (("SQ419",), "E", 'engine = session.get_bind()\nreturn [engine.has_table("users"), engine.has_table("nope")]'),
    # -- SQ420 Inspector -----------------------------------------------------------------------
    "inspector_from_engine": (("SQ420",), "E", "from sqlalchemy.engine.reflection import Inspector\ninsp = Inspector.from_engine(session.get_bind())\nreturn sorted(insp.get_table_names())"),
    "inspector_reflecttable": (("SQ420",), "E", 'from sqlalchemy.engine.reflection import Inspector\ninsp = Inspector(session.get_bind())\nt = Table("orders", MetaData())\ninsp.reflecttable(t, None)\nreturn sorted(t.c.keys())'),
    # -- SQ422 URL(...) ------------------------------------------------------------------------
    "url_constructor_connect": (("SQ422",), "E", 'from sqlalchemy.engine.url import URL\nu = URL("sqlite", database=":memory:")\ne2 = create_engine(u)\nwith e2.connect() as c:\n    return [u.drivername, c.execute(text("SELECT 7")).scalar()]'),
    "url_constructor_fields": (("SQ422",), "E", 'from sqlalchemy.engine.url import URL\nu = URL("postgresql", username="u", password="p", host="h", port=5432, database="d")\nreturn [u.host, u.port, u.database, u.username, u.password, u.get_backend_name()]'),
    # -- SQ423 sqlalchemy.databases ------------------------------------------------------------
    "databases_postgres": (("SQ423",), "E", "from sqlalchemy.databases import postgres\nreturn postgres.dialect.name"),
    "databases_sqlite": (("SQ423",), "E", "from sqlalchemy.databases import sqlite as sq\nreturn [sq.dialect.name, sq.dialect.supports_native_boolean]"),
})
CASES.update({
    # -- SQ424 default drivers (which dialect class the URL picks; no server needed) -----------
    "url_pin_postgresql": (("SQ424",), "E", 'from sqlalchemy.engine import make_url\nd = make_url("postgresql://u:p@h/db").get_dialect()\nreturn [d.name, d.driver]'),
    "url_pin_oracle": (("SQ424",), "E", 'from sqlalchemy.engine import make_url\nd = make_url("oracle://scott:tiger@h/orcl").get_dialect()\nreturn [d.name, d.driver]'),
    "url_pin_create": (("SQ424",), "E", 'from sqlalchemy.engine.url import URL\nd = URL.create("postgresql", username="u", host="h").get_dialect()\nreturn [d.name, d.driver]'),
})
CASES.update({
    # -- SQ410 / SQ411 bound metadata (the binding and the engine are in the same file) ----------
    "metadata_bind_create_all": (("SQ410", "SQ411"), "E", 'from sqlalchemy import Column, Integer\nengine = create_engine("sqlite://")\nmd = MetaData(bind=engine)\nt = Table("t", md, Column("id", Integer, primary_key=True))\nmd.create_all()\nwith engine.connect() as c:\n    return sorted(inspect(c).get_table_names())'),
    "metadata_positional_table_create": (("SQ410", "SQ411"), "E", 'from sqlalchemy import Column, Integer\nengine = create_engine("sqlite://")\nmd = MetaData(engine)\nt = Table("t2", md, Column("id", Integer, primary_key=True))\nt.create()\nreturn inspect(engine).get_table_names()'),
    "metadata_bind_reflect": (("SQ410", "SQ411"), "E", _FILE_DB + "md = MetaData(bind=engine)\nmd.reflect()\nreturn sorted(md.tables)"),
    "metadata_bind_autoload": (("SQ410", "SQ412"), "E", _FILE_DB + 'md = MetaData(bind=engine)\nt = Table("orders", md, autoload=True)\nreturn sorted(t.c.keys())'),
})
CASES.update({
    # -- SQ421 bind= on constructs that are executed explicitly --------------------------------
    "text_bind_assigned": (("SQ421",), "E", 'stmt = text("SELECT count(*) FROM users", bind=session.get_bind())\nreturn conn.execute(stmt).scalar()'),
    "text_bind_inline": (("SQ421",), "E", 'return conn.execute(text("SELECT name FROM users WHERE id = 3", bind=session.get_bind())).all()'),
})

# Core, row and loading cases (SQ5xx–SQ7xx) live in their own module; merged here.
from tests.behaviour.corpus_core import CORE_CASES, CORE_HEADERS  # noqa: E402

_merge("core", CORE_HEADERS, CORE_CASES)

# fixers-b cases (SQ503, SQ607, SQ612, SQ618, SQ623, SQ624, SQ625, SQ712 fixers), merged from their own module.
from tests.behaviour.corpus_fixers_b import CASES_FIXERS_B, HEADERS_FIXERS_B  # noqa: E402

_merge("fixers_b", HEADERS_FIXERS_B, CASES_FIXERS_B)

# Fixers of issue #4 (SQ403 and neighbours); merged here.
from tests.behaviour.corpus_fixers_a import CASES_FIXERS_A, HEADERS_FIXERS_A  # noqa: E402

_merge("fixers_a", HEADERS_FIXERS_A, CASES_FIXERS_A)

# Typed-model cases (SQ303/SQ304/SQ312/SQ314/SQ315) live in their own module; merged here.
from tests.behaviour.corpus_models import MODELS_CASES, MODELS_HEADERS  # noqa: E402

_merge("models", MODELS_HEADERS, MODELS_CASES)

# SQ109 stored-Query fixer cases (issue #4); merged here.
from tests.behaviour.corpus_fix109 import CASES_FIX109, HEADERS_FIX109  # noqa: E402

_merge("fix109", HEADERS_FIX109, CASES_FIX109)
# Rows proved by the executed statement, a returning helper or an annotation (issue #4 evidence).
from tests.behaviour.corpus_evid import CASES_EVID, HEADERS_EVID  # noqa: E402

_merge("evid", HEADERS_EVID, CASES_EVID)
