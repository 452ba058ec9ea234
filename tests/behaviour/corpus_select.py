"""Behaviour cases for the fixers of SQ108–SQ128 and SQ8xx (merged into `corpus.CASES`).

Same shape as corpus.py: name → (rules the fix must apply, header, body of `run`).
"""

from __future__ import annotations

HEADERS_SELECT = {
    "W": (
        "import warnings\n"
        "import sqlalchemy as sa\n"
        "from sqlalchemy import exc\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.exc import RemovedIn20Warning\n"
        "from sqlalchemy.orm import Session\n"
    ),
    "S": (
        "from sqlalchemy import func, select\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session, scoped_session, sessionmaker\n"
        "from bmodels import Address, User\n"
    ),
    "M": (
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.ext.automap import automap_base\n"
        "from sqlalchemy.orm import Session\n"
    ),
}

Q = "session.query"
_WARN = (
    "with warnings.catch_warnings(record=True) as seen:\n"
    "    warnings.simplefilter('always')\n"
    "    warnings.simplefilter('error', {cat})\n"
    "    try:\n"
    "        warnings.warn('gone', exc.MovedIn20Warning)\n"
    "        return 'not raised'\n"
    "    except Warning as e:\n"
    "        return [issubclass(type(e), DeprecationWarning), str(e)]\n"
)
_QP = (
    "S = scoped_session(sessionmaker(bind=session.bind))\n"
    "User.query = S.query_property()\n"
)
CASES_SELECT: dict[str, tuple[tuple[str, ...], str, str]] = {
    # -- SQ803 RemovedIn20Warning -----------------------------------------------------------
    "warn20_import_filter": (("SQ803",), "W", _WARN.format(cat="RemovedIn20Warning")),
    "warn20_attribute_filter": (("SQ803",), "W", _WARN.format(cat="sa.exc.RemovedIn20Warning")),
    "warn20_string_filter": (
        ("SQ803",),
        "W",
        "with warnings.catch_warnings():\n"
        "    warnings.filterwarnings('error', category=exc.RemovedIn20Warning)\n"
        "    spec = 'error::sqlalchemy.exc.RemovedIn20Warning'\n"
        "    return spec.split('::')[1].rsplit('.', 1)[0]",
    ),
    # -- SQ805 automap prepare ----------------------------------------------------------------
    "automap_reflect": (
        ("SQ805",),
        "M",
        "Base = automap_base()\nBase.prepare(conn.engine, reflect=True)\nreturn sorted(Base.classes.keys())",
    ),
    "automap_engine_kw": (
        ("SQ805",),
        "M",
        "Base = automap_base()\nBase.prepare(engine=conn.engine, reflect=True)\n"
        "u = session.get(Base.classes.users, 2)\nreturn [u.name, sorted(Base.classes.keys())]",
    ),
    "automap_no_reflect": (
        ("SQ805",),
        "M",
        "Base = automap_base()\nBase.prepare(engine=conn.engine)\nreturn sorted(Base.classes.keys())",
    ),
    "automap_positional_reflect_false": (
        ("SQ805",),
        "M",
        "Base = automap_base()\nBase.prepare(conn.engine, reflect=False)\nreturn sorted(Base.classes.keys())",
    ),
    # -- SQ116 loading switches -------------------------------------------------------------
    "switch_populate_no_autoflush": (
        ("SQ116", "SQ101"),
        "A",
        'u = session.get(User, 1)\nu.name = "changed"\n'
        f"return [x.name for x in {Q}(User).autoflush(False).populate_existing().order_by(User.id).all()]",
    ),
    "switch_autoflush_off": (
        ("SQ116", "SQ105"),
        "A",
        'u = session.get(User, 1)\nu.name = "changed"\n'
        f"return [{Q}(User.name).autoflush(False).filter(User.id == 1).scalar(), u.name]",
    ),
    "switch_autoflush_on": (
        ("SQ116", "SQ105"),
        "A",
        'u = session.get(User, 1)\nu.name = "changed"\n'
        f"return {Q}(User.name).autoflush(True).filter(User.id == 1).scalar()",
    ),
    "switch_yield_per": (("SQ116", "SQ108"), "A", f"return [u.id for u in {Q}(User).order_by(User.id).yield_per(2)]"),
    # -- SQ118 Query → SQL constructs -------------------------------------------------------
    "construct_subquery": (
        ("SQ118",),
        "A",
        f'sq = {Q}(Address.user_id, func.count("*").label("n")).group_by(Address.user_id).subquery()\n'
        f"return {Q}(User.name, sq.c.n).join(sq, sq.c.user_id == User.id).order_by(User.id).all()",
    ),
    "construct_subquery_keys": (("SQ118",), "A", f"return sorted({Q}(User).subquery().c.keys())"),
    "construct_subquery_labels": (("SQ118",), "A", f"return sorted({Q}(User).subquery(with_labels=True).c.keys())"),
    "construct_statement": (
        ("SQ118",),
        "A",
        f"stmt = {Q}(User).filter(User.age > 26).statement\n"
        "return [list(stmt.selected_columns.keys()), session.execute(stmt.order_by(User.id)).scalars().all()]",
    ),
    "construct_as_scalar": (
        ("SQ118",),
        "A",
        f"mx = {Q}(func.max(Address.id)).filter(Address.user_id == User.id).as_scalar()\n"
        f"return {Q}(User.id, mx).order_by(User.id).all()",
    ),
    "construct_label": (
        ("SQ118",),
        "A",
        f'lab = {Q}(func.count(Address.id)).filter(Address.user_id == User.id).label("n")\n'
        f"return {Q}(User.name, lab).order_by(User.id).all()",
    ),
    "construct_cte": (
        ("SQ118",),
        "A",
        f'c = {Q}(User.id).filter(User.age == 30).cte("ids")\n'
        f"return {Q}(User.name).join(c, c.c.id == User.id).order_by(User.id).all()",
    ),
    # -- SQ127 execute(Query) ---------------------------------------------------------------
    "exec_query_chain": (("SQ127",), "A", f'return session.execute({Q}(User).filter_by(name="ed")).scalars().all()'),
    "exec_query_variable": (
        ("SQ127",),
        "A",
        f"q = {Q}(User.id, User.name).filter(User.age > 26).order_by(User.id)\nreturn session.execute(q).all()",
    ),
    "exec_query_join": (
        ("SQ127",),
        "A",
        f"return session.execute({Q}(User.name, Address.email).join(User.addresses).order_by(Address.id)).all()",
    ),
    # -- SQ113 / SQ114 bulk update / delete -------------------------------------------------
    "update_count_evaluate": (
        ("SQ113",),
        "A",
        f'n = {Q}(User).filter(User.age == 30).update({{"age": 31}}, synchronize_session="evaluate")\n'
        "return [n, session.execute(select(User.id, User.age).order_by(User.id)).all()]",
    ),
    "update_sync_identity": (
        ("SQ113",),
        "A",
        f'u = session.get(User, 2)\n{Q}(User).filter(User.name == "wendy").update({{User.name: "W"}}, synchronize_session="evaluate")\n'
        "return u.name",
    ),
    "update_sync_false_stale": (
        ("SQ113",),
        "A",
        f'u = session.get(User, 2)\n{Q}(User).filter(User.id == 2).update({{"name": "W"}}, synchronize_session=False)\n'
        "return [u.name, session.execute(select(User.name).where(User.id == 2)).scalar()]",
    ),
    "update_default_expression": (
        ("SQ113",),
        "A",
        f'u = session.get(User, 4)\nn = {Q}(User).filter(User.id > 2).update({{"age": User.age + 1}})\nreturn [n, u.age]',
    ),
    "update_filter_by_unused": (
        ("SQ113",),
        "A",
        f'{Q}(User).filter_by(id=1).update({{"name": "E"}})\nreturn session.get(User, 1).name',
    ),
    "delete_count": (
        ("SQ114",),
        "A",
        f"n = {Q}(Address).filter(Address.user_id == 4).delete(synchronize_session=False)\n"
        "return [n, session.execute(select(Address.id).order_by(Address.id)).all()]",
    ),
    "delete_fetch_positional": (
        ("SQ114",),
        "A",
        f'a = session.get(Address, 1)\n{Q}(Address).filter(Address.email.like("ed@%")).delete("fetch")\n'
        "return [a in session, session.execute(select(func.count(Address.id))).scalar()]",
    ),
    "delete_default": (("SQ114",), "A", f"return {Q}(Order).filter(Order.total < 8).delete()"),
    # -- SQ108 iteration / slicing ----------------------------------------------------------
    "iter_comprehension": (("SQ108",), "A", f"return [u.id for u in {Q}(User).filter(User.age >= 30).order_by(User.id)]"),
    "iter_for_join_dedup": (
        ("SQ108",),
        "A",
        f"out = []\nfor u in {Q}(User).join(User.addresses).order_by(User.id):\n    out.append(u.id)\nreturn out",
    ),
    "iter_list_columns": (("SQ108",), "A", f"return list({Q}(User.name, User.age).order_by(User.id))"),
    "slice_range": (("SQ108",), "A", f"return {Q}(User).order_by(User.id)[1:3]"),
    "slice_open_columns": (("SQ108",), "A", f"return {Q}(User.name).order_by(User.id)[2:]"),
    "slice_join_dedup": (("SQ108",), "A", f"return {Q}(User).join(User.addresses).order_by(User.id)[0:3]"),
    "index_one": (("SQ108",), "A", f"return {Q}(User).order_by(User.id)[1]"),
    "index_empty_raises": (("SQ108",), "A", f"return {Q}(User).filter(User.id > 99)[0]"),
    # -- SQ128 Model.query ------------------------------------------------------------------
    "model_query_property_all": (
        ("SQ128",),
        "S",
        "S = scoped_session(sessionmaker(bind=session.bind))\nUser.query = S.query_property()\n"
        "try:\n    return User.query.filter(User.age == 30).order_by(User.id).all()\n"
        "finally:\n    del User.query\n    S.remove()",
    ),
    "model_query_property_first": (
        ("SQ128",),
        "S",
        "S = scoped_session(sessionmaker(bind=session.bind))\nUser.query = S.query_property()\n"
        "try:\n    return [User.query.filter_by(name=\"wendy\").first().id, User.query.count()]\n"
        "finally:\n    del User.query\n    S.remove()",
    ),
    # -- SQ115 with_entities / add_columns / values / value -----------------------------------
    "entities_with_entities": (("SQ115", "SQ101"), "A", f"return {Q}(User).filter(User.age == 30).with_entities(User.id).order_by(User.id).all()"),
    "entities_with_entities_count": (("SQ115", "SQ105"), "A", f"return {Q}(User).filter(User.age > 26).with_entities(func.count()).scalar()"),
    "entities_with_entities_join": (
        ("SQ115", "SQ101"),
        "A",
        f"return {Q}(User).join(User.addresses).with_entities(Address.email).order_by(Address.id).all()",
    ),
    "entities_add_columns": (
        ("SQ115", "SQ101"),
        "A",
        f"return {Q}(User).add_columns(func.count(Address.id)).outerjoin(User.addresses).group_by(User.id).order_by(User.id).all()",
    ),
    "entities_add_column": (("SQ115", "SQ101"), "A", f"return {Q}(User).add_column(User.name).order_by(User.id).all()"),
    "entities_add_entity_dedup": (
        ("SQ115", "SQ101"),
        "A",
        f"return {Q}(User).add_entity(Address).filter(User.id == Address.user_id).order_by(Address.id).all()",
    ),
    "entities_values": (("SQ115",), "A", f"return list({Q}(User).filter(User.age < 40).order_by(User.id).values(User.name, User.age))"),
    "entities_value": (("SQ115",), "A", f"return {Q}(User).filter(User.age == 30).order_by(User.id.desc()).value(User.name)"),
    "entities_value_none": (("SQ115",), "A", f"return {Q}(User).filter(User.id == 99).value(User.name)"),
    # -- SQ117 exists -------------------------------------------------------------------------
    "exists_true": (("SQ117", "SQ105"), "A", f"return {Q}({Q}(User).filter(User.id == 1).exists()).scalar()"),
    "exists_false": (("SQ117", "SQ105"), "A", f'return {Q}({Q}(User).filter(User.name == "zed").exists()).scalar()'),
    "exists_join": (
        ("SQ117", "SQ105"),
        "A",
        f'return {Q}({Q}(User).join(User.addresses).filter(Address.email.like("%.net")).exists()).scalar()',
    ),
    # -- SQ123 with_parent --------------------------------------------------------------------
    "with_parent_attr": (
        ("SQ123", "SQ101"),
        "A",
        f"u = session.get(User, 4)\nreturn {Q}(Address).with_parent(u, User.addresses).order_by(Address.id).all()",
    ),
    "with_parent_empty": (
        ("SQ123", "SQ106"),
        "A",
        f"u = session.get(User, 3)\nreturn {Q}(Address).with_parent(u, User.addresses).count()",
    ),
    "with_parent_many_to_one": (
        ("SQ123", "SQ102"),
        "A",
        f"a = session.get(Address, 3)\nreturn {Q}(User).with_parent(a, Address.user).first()",
    ),
    # -- SQ111 / SQ112 unique -----------------------------------------------------------------
    "unique_join_all": (("SQ111",), "A", f'return {Q}(User).join(User.addresses).filter(Address.email.like("%x%")).order_by(User.id).all()'),
    "unique_outerjoin_one": (("SQ111",), "A", f'return {Q}(User).outerjoin(User.addresses).filter(User.name == "fred").one()'),
    "unique_joinedload_all": (("SQ112",), "A", f"return {Q}(User).options(joinedload(User.addresses)).order_by(User.id).all()"),
    "unique_joinedload_one_or_none": (("SQ112",), "A", f"return {Q}(User).options(joinedload(User.addresses)).filter(User.id == 4).one_or_none()"),
    # -- SQ804 bulk mappings -------------------------------------------------------------------
    "bulk_insert_literal": (
        ("SQ804",),
        "A",
        'session.bulk_insert_mappings(User, [{"id": 10, "name": "a", "age": 1}, {"id": 11, "name": "b"}])\n'
        "return session.execute(select(User.id, User.name, User.age).order_by(User.id)).all()",
    ),
    "bulk_insert_no_autoflush": (
        ("SQ804",),
        "A",
        "seen = []\nfrom sqlalchemy import event\n"
        "event.listen(session, 'before_flush', lambda *a: seen.append('flush'))\n"
        'u = session.get(User, 1)\nu.name = "pending"\n'
        'session.bulk_insert_mappings(Address, [{"id": 20, "user_id": 1, "email": "n@x"}])\n'
        "return list(seen)",
    ),
    "bulk_insert_render_nulls": (
        ("SQ804",),
        "A",
        'session.bulk_insert_mappings(Address, [{"id": 9, "user_id": None, "email": "n@x"}], render_nulls=True)\n'
        "return session.execute(select(Address.id, Address.user_id).where(Address.id == 9)).all()",
    ),
    "bulk_insert_variable_rows": (
        ("SQ804",),
        "A",
        'rows = [{"id": 30, "total": 3, "user_id": 2}]\nsession.bulk_insert_mappings(Order, rows)\n'
        "return session.execute(select(Order.id, Order.total).order_by(Order.id)).all()",
    ),
    "bulk_update_identity": (
        ("SQ804",),
        "A",
        'u = session.get(User, 1)\nsession.bulk_update_mappings(User, [{"id": 1, "name": "X"}, {"id": 2, "age": 99}])\n'
        "return [u.name, session.execute(select(User.id, User.name, User.age).order_by(User.id)).all()]",
    ),
    # -- SQ120 from_statement ------------------------------------------------------------------
    "from_statement_all_dedup": (
        ("SQ120",),
        "A",
        "from sqlalchemy import text\n"
        f'return {Q}(User).from_statement(text("select users.* from users join addresses on addresses.user_id = users.id order by users.id")).all()',
    ),
    "from_statement_first_no_limit": (
        ("SQ120",),
        "A",
        "from sqlalchemy import text\n"
        f'return {Q}(User).from_statement(text("select * from users order by id desc")).first()',
    ),
    "from_statement_columns": (
        ("SQ120",),
        "A",
        "from sqlalchemy import text\n"
        f'return {Q}(User.id, User.name).from_statement(text("select id, name from users order by id")).all()',
    ),
    "from_statement_scalar_multi": (
        ("SQ120",),
        "A",
        "from sqlalchemy import text\n"
        f'return {Q}(User).from_statement(text("select * from users where age = 30")).scalar()',
    ),
    "from_statement_one_none": (
        ("SQ120",),
        "A",
        "from sqlalchemy import text\n"
        f'return {Q}(User).from_statement(text("select * from users where id = 99")).one()',
    ),
    "from_statement_select": (
        ("SQ120",),
        "A",
        f"return {Q}(Address).from_statement(select(Address).where(Address.user_id == 4).order_by(Address.id)).all()",
    ),
    # -- SQ119 set operations ------------------------------------------------------------------
    "union_entities": (("SQ119",), "A", f"return {Q}(User).filter(User.id == 1).union({Q}(User).filter(User.id == 2)).all()"),
    "union_all_entities_dedup": (("SQ119",), "A", f"return {Q}(User).filter(User.age == 30).union_all({Q}(User).filter(User.id == 1)).all()"),
    "union_all_columns_keep_dupes": (("SQ119",), "A", f"return sorted({Q}(User.id).union_all({Q}(Address.user_id)).all())"),
    "except_first": (("SQ119",), "A", f"return {Q}(User).filter(User.id > 1).except_({Q}(User).filter(User.id == 2)).first()"),
    "intersect_columns": (("SQ119",), "A", f"return sorted({Q}(User.id).intersect({Q}(Address.user_id)).all())"),
    "union_scalar_multi": (("SQ119",), "A", f"return {Q}(User).filter(User.id == 1).union({Q}(User).filter(User.id == 2)).scalar()"),
    "union_three_join": (
        ("SQ119",),
        "A",
        f'return {Q}(User).filter(User.id == 1).union({Q}(User).join(User.addresses).filter(Address.email.like("%.net")), {Q}(User).filter(User.id == 2)).all()',
    ),
    # -- SQ128, converted in one pass ---------------------------------------------------------
    "model_query_get": (("SQ128",), "S", _QP + "try:\n    return [User.query.get(2).name, User.query.get(99)]\nfinally:\n    del User.query\n    S.remove()"),
    "model_query_count_join": (
        ("SQ128",),
        "S",
        _QP + "try:\n    return User.query.join(User.addresses).count()\nfinally:\n    del User.query\n    S.remove()",
    ),
    "model_query_join_dedup": (
        ("SQ128",),
        "S",
        _QP + "try:\n    return User.query.join(User.addresses).order_by(User.id).all()\nfinally:\n    del User.query\n    S.remove()",
    ),
    "model_query_identity": (
        ("SQ128",),
        "S",
        _QP + "try:\n    u = User.query.filter_by(id=3).one()\n    return User.query.get(3) is u\nfinally:\n    del User.query\n    S.remove()",
    ),
}
