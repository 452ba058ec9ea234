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
    "ext_declarative": (("SQ301",), "D", 'B = declarative_base()\nclass T(B):\n    __tablename__ = "t"\n    id = Column(Integer, primary_key=True)\n    name = Column(String)\nreturn sorted(T.__table__.c.keys())'),
    "ext_declared_attr": (("SQ301",), "D", 'B = declarative_base()\nclass Mixin:\n    @declared_attr\n    def __tablename__(cls):\n        return cls.__name__.lower()\n    id = Column(Integer, primary_key=True)\nclass Thing(Mixin, B):\n    pass\nreturn Thing.__table__.name'),
}

# Cases for the SQ108–SQ128 / SQ8xx fixers live in their own module (merged here).
from tests.behaviour.corpus_select import CASES_SELECT, HEADERS_SELECT  # noqa: E402

HEADERS.update(HEADERS_SELECT)
CASES.update(CASES_SELECT)
