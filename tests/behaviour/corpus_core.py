"""Core-construct, row and loading cases (SQ5xx–SQ7xx) for the behaviour harness.

Merged into corpus.CASES; kept apart from corpus.py so the query and core families can grow
their corpora without editing the same lines. Header "C" imports the Core constructors by
name, "S" brings the removed standalone `subquery()` (an ImportError on 2.x unless the fix
drops the import), "R"/"N" are for rows and result names, "L"/"E"/"M" for loading; "M"
declares its models in the module, the only place string names are resolved from, and
`_selects(session)` records the statements so loading strategies are compared as well.
"""

from __future__ import annotations

_COUNTER = (
    "from sqlalchemy import event\n"
    "\n\ndef _selects(session):\n"
    "    seen = []\n"
    "    event.listen(session.get_bind(), 'before_cursor_execute', lambda *a: seen.append(a[2].split()[0]))\n"
    "    return seen\n"
)

CORE_HEADERS = {
    "C": (
        "from sqlalchemy import MetaData, alias, case, delete, exists, func, insert, select, union, union_all, update\n"
        "from sqlalchemy.dialects import mysql\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session\n"
        "from bmodels import Address, User, addresses, orders, users\n"
    ),
    "S": (
        "from sqlalchemy import select\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session\n"
        "from sqlalchemy.sql.expression import subquery\n"
        "from bmodels import addresses, users\n"
    ),
    # Loading: `_selects(session)` records the statements, so the loading strategy is compared too.
    "L": (
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session, aliased, contains_eager, selectinload\n"
        "from bmodels import Address, Order, User\n" + _COUNTER
    ),
    "R": (
        "from sqlalchemy import select\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session\n"
        "from bmodels import addresses, users\n"
    ),
    "N": (
        "import sqlalchemy as sa\n"
        "from sqlalchemy import select\n"
        "from sqlalchemy.engine import Connection, ResultProxy\n"
        "from sqlalchemy.orm import Session\n"
        "from bmodels import users\n"
    ),
    # Models declared in the module itself: string names are resolved only against this file's classes.
    "M": (
        "from sqlalchemy import Column, ForeignKey, Integer, String\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Load, Session, contains_eager, declarative_base, joinedload, load_only, relationship, selectinload, with_parent\n"
        + _COUNTER
        + "\n\nBase = declarative_base()\n\n\n"
        "class U(Base):\n"
        "    __tablename__ = 'users'\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    name = Column(String(50))\n"
        "    age = Column(Integer)\n"
        "    addresses = relationship('A', back_populates='user', order_by='A.id')\n"
        "    orders = relationship('O', order_by='O.id')\n\n\n"
        "class A(Base):\n"
        "    __tablename__ = 'addresses'\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    user_id = Column(ForeignKey('users.id'))\n"
        "    email = Column(String(100))\n"
        "    user = relationship('U', back_populates='addresses')\n\n\n"
        "class O(Base):\n"
        "    __tablename__ = 'orders'\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    user_id = Column(ForeignKey('users.id'))\n"
        "    total = Column(Integer)\n"
    ),
    "E": (
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session, eagerload\n"
        "from bmodels import Address, User\n" + _COUNTER
    ),
}

_ROWS = "conn.execute({}).fetchall()"
_MYSQL = "str(({}).compile(dialect=mysql.dialect()))"
_AFTER = "\nreturn conn.execute(select(users.c.id, users.c.name, users.c.age).order_by(users.c.id)).fetchall()"

CORE_CASES: dict[str, tuple[tuple[str, ...], str, str]] = {
    # -- SQ606 case() -----------------------------------------------------------------------
    "case_list": (("SQ606",), "C", "return " + _ROWS.format('select(users.c.name, case([(users.c.age > 28, "old"), (users.c.age > 20, "mid")], else_="young")).order_by(users.c.id)')),
    "case_whens_kw": (("SQ606",), "C", "return " + _ROWS.format('select(case(whens=[(users.c.name == "ed", 1)], else_=0)).order_by(users.c.id)')),
    "case_whens_dict": (("SQ606",), "C", "return " + _ROWS.format('select(case(whens={30: "thirty", 41: "forty-one"}, value=users.c.age, else_="?")).order_by(users.c.id)')),
    "case_listcomp": (("SQ606",), "C", "return " + _ROWS.format('select(case([(users.c.id == n, n * 10) for n in (1, 2)], else_=-1)).order_by(users.c.id)')),
    "case_in_where": (("SQ606",), "C", "return " + _ROWS.format('select(users.c.id).where(case([(users.c.age >= 30, True)], else_=False)).order_by(users.c.id)')),
    # -- SQ610 with_only_columns ------------------------------------------------------------
    "woc_list": (("SQ610",), "C", "return " + _ROWS.format("select(users.c.id).with_only_columns([users.c.name, users.c.age]).order_by(users.c.id)")),
    "woc_table": (("SQ610",), "C", "return " + _ROWS.format("select(users.c.id).with_only_columns([addresses]).order_by(addresses.c.id)")),
    # -- SQ617 exists -----------------------------------------------------------------------
    "exists_list": (("SQ617",), "C", "e = exists([addresses.c.id]).where(addresses.c.user_id == users.c.id)\nreturn " + _ROWS.format("select(users.c.name).where(e).order_by(users.c.id)")),
    "exists_not": (("SQ617",), "C", "e = exists([addresses.c.id]).where(addresses.c.user_id == users.c.id)\nreturn " + _ROWS.format("select(users.c.name).where(~e).order_by(users.c.id)")),
    # -- SQ616 set operations ---------------------------------------------------------------
    "union_order_limit": (("SQ616",), "C", "u = union(select(users.c.name), select(addresses.c.email), order_by=\"name\", limit=4)\nreturn " + _ROWS.format("u")),
    "union_all_offset": (("SQ616",), "C", "u = union_all(select(users.c.age), select(users.c.age), order_by=[\"age\"], limit=3, offset=2)\nreturn " + _ROWS.format("u")),
    # -- SQ621 standalone subquery ----------------------------------------------------------
    "subquery_fn": (("SQ621",), "S", "sq = subquery(\"sq\", [users.c.id, users.c.name], users.c.age > 26)\nreturn " + _ROWS.format("select(sq.c.name).order_by(sq.c.id)")),
    "subquery_fn_kwargs": (("SQ621",), "S", "sq = subquery(\"sq\", [addresses.c.user_id], order_by=[addresses.c.id], limit=3)\nreturn " + _ROWS.format("select(sq.c.user_id)")),
    # -- SQ611 as_scalar --------------------------------------------------------------------
    "as_scalar_select": (("SQ611",), "C", "n = select(func.count(addresses.c.id)).where(addresses.c.user_id == users.c.id).as_scalar()\nreturn " + _ROWS.format('select(users.c.name, n.label("n")).order_by(users.c.id)')),
    "as_scalar_where": (("SQ611",), "C", "m = select(func.max(users.c.age)).as_scalar()\nreturn " + _ROWS.format("select(users.c.name).where(users.c.age == m).order_by(users.c.id)")),
    # -- SQ608 apply_labels -----------------------------------------------------------------
    "apply_labels_keys": (("SQ608",), "C", "stmt = select(users.c.id, addresses.c.email).where(users.c.id == addresses.c.user_id).apply_labels()\nres = conn.execute(stmt.order_by(addresses.c.id))\nreturn [list(res.keys()), res.fetchall()]"),
    "apply_labels_subquery": (("SQ608",), "C", "sq = select(users, addresses.c.email).where(users.c.id == addresses.c.user_id).apply_labels().subquery()\nreturn [sorted(sq.c.keys()), " + _ROWS.format("select(sq.c.users_name).order_by(sq.c.addresses_email)") + "]"),
    # -- SQ622 tometadata -------------------------------------------------------------------
    "tometadata_copy": (("SQ622",), "C", "m = MetaData()\nt = users.tometadata(m)\nreturn [t.name, sorted(t.c.keys()), t.metadata is m]"),
    "tometadata_schema": (("SQ622",), "C", "m = MetaData()\nusers.tometadata(m, schema=\"other\")\nt = addresses.tometadata(m, schema=\"other\")\nreturn [t.fullname, [str(fk.column) for fk in t.foreign_keys], sorted(m.tables)]"),
    # -- SQ629 MySQL ENUM quoting -----------------------------------------------------------
    "mysql_enum_quoting": (("SQ629",), "C", "typ = mysql.ENUM(\"a\", \"b'c\", quoting=\"auto\")\nreturn [typ.enums, str(typ.compile(dialect=mysql.dialect()))]"),
    "mysql_set_quoting": (("SQ629",), "C", "typ = mysql.SET(\"x\", \"y\", quoting=\"quoted\")\nreturn [list(typ.values), str(typ.compile(dialect=mysql.dialect()))]"),
    # -- SQ603 FromClause.select(args) ------------------------------------------------------
    "table_select_where": (("SQ603",), "C", "return " + _ROWS.format("users.select(users.c.age == 30).order_by(users.c.id)")),
    "table_select_kwargs": (("SQ603",), "C", "return " + _ROWS.format("users.select(users.c.age > 20, order_by=[users.c.age.desc(), users.c.id], limit=2)")),
    "join_select_where": (("SQ603",), "C", "return " + _ROWS.format('users.join(addresses).select(addresses.c.email.like("%x.com"), order_by=addresses.c.id)')),
    # -- SQ604 DML constructor arguments ----------------------------------------------------
    "insert_values_kw": (("SQ604",), "C", 'conn.execute(insert(users, values={"id": 9, "name": "zoe", "age": 20}))' + _AFTER),
    "insert_positional": (("SQ604",), "C", 'conn.execute(users.insert({"id": 8, "name": "al", "age": 50}))' + _AFTER),
    "update_where_values": (("SQ604",), "C", 'conn.execute(users.update(users.c.age == 30, {"age": 31}))' + _AFTER),
    "update_kw": (("SQ604",), "C", 'conn.execute(update(users, whereclause=users.c.name == "fred", values={"name": "fredrick"}))' + _AFTER),
    "delete_where": (("SQ604",), "C", "conn.execute(delete(users, users.c.id > 2))" + _AFTER),
    "table_delete_where": (("SQ604",), "C", "conn.execute(addresses.delete(addresses.c.user_id == 4))\nreturn " + _ROWS.format("select(addresses.c.id).order_by(addresses.c.id)")),
    "insert_inline_prefixes": (("SQ604",), "C", 'return str(insert(users, inline=True, prefixes=["OR IGNORE"]).values(id=1))'),
    # -- SQ605 preserve_parameter_order -----------------------------------------------------
    "update_ordered_sql": (("SQ604", "SQ605"), "C", "return " + _MYSQL.format("users.update(users.c.id == 1, values=[(users.c.age, 5), (users.c.name, users.c.age)], preserve_parameter_order=True)")),
    "update_ordered_rows": (("SQ605",), "C", "conn.execute(update(users, values=[(users.c.name, \"x\"), (users.c.age, 1)], preserve_parameter_order=True).where(users.c.id == 2))" + _AFTER),
    # -- SQ620 dialect keywords -------------------------------------------------------------
    "update_mysql_limit": (("SQ620",), "C", "return " + _MYSQL.format('update(users, mysql_limit=10).values(name="x")')),
    "update_where_mysql_limit": (("SQ604", "SQ620"), "C", "return " + _MYSQL.format('update(users, users.c.age > 1, {"age": 2}, mysql_limit=2)')),
    # -- SQ709 eagerload --------------------------------------------------------------------
    "eagerload_rename": (("SQ709",), "E", "seen = _selects(session)\nus = session.query(User).options(eagerload(User.addresses)).order_by(User.id).all()\nreturn [[(u.id, len(u.__dict__['addresses'])) for u in us], len(seen)]"),
    "eagerload_many_to_one": (("SQ709",), "E", "seen = _selects(session)\nads = session.query(Address).options(eagerload(Address.user)).order_by(Address.id).all()\nreturn [[(a.id, a.__dict__['user'].name) for a in ads], len(seen)]"),
    # -- SQ714 positional loader paths ------------------------------------------------------
    "selectin_path": (("SQ714",), "L", "seen = _selects(session)\nads = session.query(Address).options(selectinload(Address.user, User.addresses)).order_by(Address.id).all()\nshape = [(a.id, 'user' in a.__dict__) for a in ads]\nusers = [a.user for a in ads]\nreturn [shape, [(u.id, 'addresses' in u.__dict__) for u in users], len(seen)]"),
    "selectin_path_orders": (("SQ714",), "L", "seen = _selects(session)\nads = session.query(Address).options(selectinload(Address.user, User.orders)).order_by(Address.id).all()\nn = len(seen)\nreturn [[(a.id, [o.id for o in a.user.orders]) for a in ads], n, len(seen)]"),
    # -- SQ704 join chains ------------------------------------------------------------------
    "join_chain": (("SQ704",), "L", "return [a.id for a in session.query(Address).join(Address.user, User.orders).filter(Order.total > 6).order_by(Address.id).all()]"),
    # Entities in a row (zou's `query.join(Task, Project)`): 1.4 joined each from the last.
    "join_entity_chain": (("SQ704",), "L", "return [(a.id, o.id) for a, o in session.query(Address, Order).join(User, Order).filter(Order.total > 6).order_by(Address.id, Order.id).all()]"),
    "outerjoin_chain": (("SQ704",), "L", "return session.query(Address.id, Order.id).outerjoin(Address.user, User.orders).order_by(Address.id, Order.id).all()"),
    # -- SQ705 join tuples ------------------------------------------------------------------
    "join_tuple": (("SQ705",), "L", "return session.query(User.name, Address.email).join((Address, User.id == Address.user_id)).order_by(Address.id).all()"),
    "join_two_tuples": (("SQ705",), "L", "return session.query(User.name, Address.email, Order.total).join((Address, User.id == Address.user_id), (Order, Order.user_id == User.id)).order_by(Address.id, Order.id).all()"),
    # -- SQ708 contains_eager(alias=) -------------------------------------------------------
    "contains_eager_alias": (("SQ708",), "L", "aa = aliased(Address)\nseen = _selects(session)\nq = session.query(User).join(aa, User.addresses).filter(aa.email.like('%x.com')).options(contains_eager(User.addresses, alias=aa)).order_by(User.id)\nreturn [[(u.id, [a.email for a in u.__dict__['addresses']]) for u in q.all()], len(seen)]"),
    "contains_eager_alias_outer": (("SQ708",), "L", "aa = aliased(Address)\nq = session.query(User).outerjoin(aa, User.addresses).options(contains_eager(User.addresses, alias=aa)).order_by(User.id, aa.id)\nreturn [(u.id, len(u.__dict__['addresses'])) for u in q.all()]"),
    # -- SQ501 row["key"] -------------------------------------------------------------------
    "row_str_key": (("SQ501",), "R", "return [(row[\"id\"], row[\"name\"]) for row in conn.execute(select(users).order_by(users.c.id))]"),
    "row_column_key": (("SQ501",), "R", "out = []\nfor row in conn.execute(select(users.c.id, addresses.c.email).where(users.c.id == addresses.c.user_id).order_by(addresses.c.id)):\n    out.append((row[users.c.id], row[addresses.c.email], row[0]))\nreturn out"),
    "row_first_key": (("SQ501",), "R", "row = conn.execute(select(users).where(users.c.name == 'mary')).first()\nreturn [row['age'], row['name']]"),
    "row_missing_key": (("SQ501",), "R", "row = conn.execute(select(users.c.id)).first()\nreturn row['nope']"),
    "row_label_key": (("SQ501",), "R", "row = conn.execute(select(users.c.name.label('who'), users.c.age)).first()\nreturn [row['who'], row['age']]"),
    # -- SQ502 row.keys() -------------------------------------------------------------------
    "row_keys_list": (("SQ502",), "R", "row = conn.execute(select(users.c.id, users.c.name.label('n'))).first()\nreturn list(row.keys())"),
    "row_keys_loop": (("SQ502",), "R", "out = []\nfor row in conn.execute(select(addresses).order_by(addresses.c.id).limit(2)):\n    out.append([k for k in row.keys()])\nreturn out"),
    # A Query of columns returns Rows too (aiida's `...with_entities(*cols).one().keys()`).
    "query_row_keys": (("SQ502",), "C", "row = session.query(User.id, User.name).order_by(User.id).first()\nreturn list(row.keys())"),
    "query_with_entities_keys": (("SQ502",), "C", "row = session.query(User).with_entities(User.id, User.name).filter(User.id == 1).one()\nreturn [list(row.keys()), list(zip(row.keys(), row))]"),
    "row_keys_len_in": (("SQ502",), "R", "row = conn.execute(select(users)).first()\nks = row.keys()\nreturn [len(ks), 'age' in ks, 'zzz' in ks]"),
    # -- SQ504 dict(row) --------------------------------------------------------------------
    "row_dict_list": (("SQ504",), "R", "return [dict(r) for r in conn.execute(select(users).order_by(users.c.id))]"),
    "row_dict_merge": (("SQ504",), "R", "row = conn.execute(select(users.c.id, users.c.name).where(users.c.id == 2)).first()\nreturn {**row, 'extra': 1}"),
    "row_kwargs_unpack": (("SQ504",), "R", "def make(**kw):\n    return sorted(kw.items())\nreturn [make(**r) for r in conn.execute(select(users.c.id, users.c.name).order_by(users.c.id))]"),
    "row_dict_labels": (("SQ504",), "R", "row = conn.execute(select(users.c.id.label('ident'), addresses.c.email).where(users.c.id == addresses.c.user_id).order_by(addresses.c.id)).first()\nreturn dict(row)"),
    # -- SQ505 row.items() / has_key() ------------------------------------------------------
    "row_items": (("SQ505",), "R", "row = conn.execute(select(users).where(users.c.id == 4)).first()\nreturn sorted(row.items())"),
    "row_values": (("SQ505",), "R", "row = conn.execute(select(users).where(users.c.id == 3)).first()\nreturn list(row.values())"),
    "row_has_key": (("SQ505",), "R", "row = conn.execute(select(users.c.id, users.c.name)).first()\nreturn [row.has_key('name'), row.has_key('age'), not row.has_key('id')]"),
    "row_iterkeys": (("SQ505",), "R", "row = conn.execute(select(users.c.age, users.c.id)).first()\nit = row.iterkeys()\nreturn [next(it), list(it), list(row.itervalues())]"),
    # -- SQ507 legacy result names ----------------------------------------------------------
    "resultproxy_import": (("SQ507",), "N", "res = conn.execute(select(users.c.id).order_by(users.c.id))\nreturn [isinstance(res, ResultProxy), res.fetchall()]"),
    "resultproxy_attr": (("SQ507",), "N", "res = conn.execute(select(users.c.name).where(users.c.id == 1))\nreturn [isinstance(res, sa.engine.ResultProxy), res.scalar()]"),
    # -- SQ609 Select.column() --------------------------------------------------------------
    "select_column_method": (("SQ609",), "C", "s = select(users.c.id).order_by(users.c.id)\ns2 = s.column(users.c.name)\nreturn [" + _ROWS.format("s2") + ", " + _ROWS.format("s") + "]"),
    "select_column_func": (("SQ609",), "C", "s = select(addresses.c.user_id).group_by(addresses.c.user_id).order_by(addresses.c.user_id)\nreturn " + _ROWS.format("s.column(func.count())")),
    # -- SQ613 Select.select() --------------------------------------------------------------
    "select_dot_select_rows": (("SQ613",), "C", "s = select(users.c.id, users.c.age).where(users.c.age > 26)\nreturn " + _ROWS.format("s.select()")),
    "select_dot_select_sql": (("SQ613",), "C", "return str(select(users.c.name).order_by(users.c.id).limit(2).select())"),
    # -- SQ614 Select as FROM ---------------------------------------------------------------
    "select_as_from": (("SQ614",), "C", "inner = select(users.c.id, users.c.name).where(users.c.name.like('%e%'))\nreturn " + _ROWS.format("select(func.count()).select_from(inner)")),
    "select_alias_function": (("SQ614",), "C", "usage = select(addresses.c.user_id, func.count().label('n')).group_by(addresses.c.user_id)\nusage = alias(usage, name='usage')\nreturn " + _ROWS.format("select(users.c.name, usage.c.n).where(users.c.id == usage.c.user_id).order_by(users.c.id)")),
    # -- SQ603 / SQ604 on a table reached through an object (receiver of unknown kind) --------
    "dml_whereclause_unknown_receiver": (("SQ604",), "C", "class Model:\n    pass\nm = Model()\nm.users = users\nconn.execute(m.users.update(whereclause=m.users.c.id == 2), {'name': 'zed'})\nconn.execute(m.users.delete(m.users.c.id == 3))\nreturn " + _ROWS.format("select(users.c.id, users.c.name).order_by(users.c.id)")),
    "select_whereclause_unknown_receiver": (("SQ603",), "C", "class Model:\n    pass\nm = Model()\nm.users = users\nreturn " + _ROWS.format("m.users.select(whereclause=m.users.c.id > 1).order_by(m.users.c.id)")),
    "select_as_join_target": (("SQ614",), "C", "inner = select(addresses.c.user_id, addresses.c.email).where(addresses.c.email.like('%x.com'))\nj = users.join(inner, users.c.id == addresses.c.user_id)\nreturn str(select(users.c.name).select_from(j))"),
    # -- SQ615 in_(subquery) ----------------------------------------------------------------
    "in_subquery_name": (("SQ615",), "C", "subq = select(users.c.id).where(users.c.age == 30).subquery()\nreturn " + _ROWS.format("select(addresses.c.email).where(addresses.c.user_id.in_(subq)).order_by(addresses.c.id)")),
    "in_subquery_inline": (("SQ615",), "C", "return " + _ROWS.format("select(users.c.name).where(users.c.id.not_in(select(addresses.c.user_id).subquery())).order_by(users.c.id)")),
    # -- SQ701 string attribute names in options ------------------------------------------
    "opt_string_joined": (("SQ701",), "M", "seen = _selects(session)\nus = session.query(U).options(joinedload('addresses')).order_by(U.id).all()\nreturn [[(u.id, [a.id for a in u.__dict__['addresses']]) for u in us], len(seen)]"),
    "opt_load_only": (("SQ701",), "M", "us = session.query(U).options(load_only('name')).order_by(U.id).all()\nreturn [(u.name, sorted(k for k in u.__dict__ if not k.startswith('_'))) for u in us]"),
    "opt_chained_string": (("SQ701",), "M", "seen = _selects(session)\nads = session.query(A).options(joinedload(A.user).selectinload('orders')).order_by(A.id).all()\nn = len(seen)\nreturn [[(a.id, [o.id for o in a.user.orders]) for a in ads], n, len(seen)]"),
    "opt_load_string": (("SQ701",), "M", "seen = _selects(session)\nus = session.query(U).options(Load(U).selectinload('orders')).order_by(U.id).all()\nn = len(seen)\nreturn [[(u.id, [o.total for o in u.orders]) for u in us], n, len(seen)]"),
    # -- SQ702 dotted paths: only the last link gets the strategy -----------------------------
    "opt_dotted_joined": (("SQ702",), "M", "seen = _selects(session)\nads = session.query(A).options(joinedload('user.orders')).order_by(A.id).all()\nshape = [(a.id, 'user' in a.__dict__) for a in ads]\nn = len(seen)\nreturn [shape, n, [(a.id, 'orders' in a.user.__dict__) for a in ads], len(seen)]"),
    "opt_dotted_selectin": (("SQ702",), "M", "seen = _selects(session)\nus = session.query(U).options(selectinload('addresses.user')).order_by(U.id).all()\nn = len(seen)\nreturn [[(u.id, [a.user.name for a in u.addresses]) for u in us], n, len(seen)]"),
    # -- SQ703 join("relname") ----------------------------------------------------------------
    "join_string": (("SQ703",), "M", "return [u.id for u in session.query(U).join('addresses').filter(A.email.like('%x.com')).order_by(U.id).distinct().all()]"),
    "join_target_string": (("SQ703",), "M", "return session.query(U.name, A.email).outerjoin(A, 'addresses').order_by(U.id, A.id).all()"),
    "join_string_path": (("SQ703",), "M", "return session.query(A.email, U.name).join('user', 'orders').filter(O.total > 6).order_by(A.id).all()"),
    # -- SQ707 with_parent(obj, "rel") ----------------------------------------------------------
    "with_parent_fn": (("SQ707",), "M", "u = session.get(U, 1)\nreturn [a.email for a in session.query(A).filter(with_parent(u, 'addresses')).order_by(A.id).all()]"),
    "with_parent_fetched": (("SQ707",), "M", "u = session.query(U).filter(U.id == 4).one()\nreturn [o.total for o in session.query(O).filter(with_parent(u, 'orders')).order_by(O.id).all()]"),
}
