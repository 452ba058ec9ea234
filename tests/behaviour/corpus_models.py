"""Typed-model cases (SQ303, SQ304, SQ312, SQ314, SQ315) for the behaviour harness.

Merged into corpus.CASES. Each header declares its own models at module level (the fixes
rewrite the models, and string names resolve only against this file's classes) on tables
named `m_*`, created in the seeded engine by the case body. The whole file is fixed with
every rule, as `fix --write` would: the other typed-model fixes (SQ302, SQ308, SQ309, SQ311,
SQ313) run on the same models and must keep the rows as well.
"""

from __future__ import annotations

MODELS_HEADERS = {
    # SQ315: `cascade_backrefs=False` was already 2.0's behaviour on 1.4: deleting it changes nothing.
    "B": (
        "from sqlalchemy import Column, ForeignKey, Integer, String\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session, backref, declarative_base, relationship\n"
        "\n\nBase = declarative_base()\n\n\n"
        "class MUser(Base):\n"
        "    __tablename__ = 'm_users'\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    name = Column(String(20))\n"
        "    addresses = relationship('MAddress', backref='user', cascade_backrefs=False, order_by='MAddress.id')\n"
        "    notes = relationship('MNote', backref=backref('author', cascade_backrefs=False))\n\n\n"
        "class MAddress(Base):\n"
        "    __tablename__ = 'm_addresses'\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    user_id = Column(ForeignKey('m_users.id'))\n"
        "    email = Column(String(50))\n\n\n"
        "class MNote(Base):\n"
        "    __tablename__ = 'm_notes'\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    user_id = Column(ForeignKey('m_users.id'))\n"
    ),
    # SQ304: classical mappings, the registry created by the fix.
    "C": (
        "from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session, mapper, relationship\n"
        "\nmd = MetaData()\n"
        "m_users = Table('m_users', md, Column('id', Integer, primary_key=True), Column('name', String(20)))\n"
        "m_addresses = Table(\n"
        "    'm_addresses', md, Column('id', Integer, primary_key=True),\n"
        "    Column('user_id', ForeignKey('m_users.id')), Column('email', String(50)),\n"
        ")\n\n\n"
        "class CUser:\n"
        "    pass\n\n\n"
        "class CAddress:\n"
        "    pass\n\n\n"
        "mapper(CAddress, m_addresses)\n"
        "mapper(CUser, m_users, properties={'addresses': relationship(CAddress, backref='user', order_by=m_addresses.c.id)})\n"
    ),
    # SQ314: dynamic relationships keep their AppenderQuery under `DynamicMapped[...]`.
    "D": (
        "from sqlalchemy import Column, ForeignKey, Integer, String\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session, declarative_base, dynamic_loader, relationship\n"
        "\n\nBase = declarative_base()\n\n\n"
        "class DUser(Base):\n"
        "    __tablename__ = 'm_users'\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    name = Column(String(20))\n"
        "    posts = relationship('DPost', lazy='dynamic', order_by='DPost.id')\n"
        "    drafts = dynamic_loader('DPost', viewonly=True)\n\n\n"
        "class DPost(Base):\n"
        "    __tablename__ = 'm_posts'\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    user_id = Column(ForeignKey('m_users.id'))\n"
        "    title = Column(String(20))\n"
    ),
    # SQ303: the engine the base was bound to reaches the session factory and create_all.
    "X": (
        "from sqlalchemy import Column, Integer, String, create_engine\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session, declarative_base, sessionmaker\n"
        "\nengine = create_engine('sqlite://')\n"
        "Base = declarative_base(bind=engine)\n"
        "Factory = sessionmaker()\n\n\n"
        "class XUser(Base):\n"
        "    __tablename__ = 'm_users'\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    name = Column(String(20))\n"
    ),
    # SQ312: mypy-plugin-era annotations, wrapped or tolerated with `__allow_unmapped__`.
    "A": (
        "from typing import List, Optional\n\n"
        "from sqlalchemy import Column, ForeignKey, Integer, String\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session, declarative_base, relationship\n"
        "\n\nBase = declarative_base()\n\n\n"
        "class AUser(Base):\n"
        "    __tablename__ = 'm_users'\n"
        "    id: int = Column(Integer, primary_key=True)\n"
        "    name: Optional[str] = Column(String(20))\n"
        "    addresses: List['AAddress'] = relationship('AAddress', back_populates='user', order_by='AAddress.id')\n\n\n"
        "class AAddress(Base):\n"
        "    __tablename__ = 'm_addresses'\n"
        "    id: int = Column(Integer, primary_key=True)\n"
        "    user_id: Optional[int] = Column(ForeignKey('m_users.id'))\n"
        "    email: str = Column(String(50))\n"
        "    user: 'AUser' = relationship('AUser', back_populates='addresses')\n"
        "    # a list annotation on a many-to-one: only `__allow_unmapped__` keeps it scalar\n"
        "    owner: List['AUser'] = relationship('AUser', viewonly=True)\n"
    ),
    # SQ306, SQ307, SQ317: renamed or retired spellings (`mapper` as an event target,
    # `relation()`, `@declarative_mixin`) that map and load exactly as before.
    "R": (
        "from sqlalchemy import Column, ForeignKey, Integer, String, event\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.orm import Session, declarative_base, declarative_mixin, mapper, relation\n"
        "\n\nBase = declarative_base()\nLOADED = []\n\n\n"
        "@declarative_mixin\n"
        "class Named:\n"
        "    name = Column(String(20))\n\n\n"
        "class RUser(Named, Base):\n"
        "    __tablename__ = 'm_users'\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    addresses = relation('RAddress', order_by='RAddress.id')\n\n\n"
        "class RAddress(Base):\n"
        "    __tablename__ = 'm_addresses'\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    user_id = Column(ForeignKey('m_users.id'))\n"
        "    email = Column(String(50))\n\n\n"
        "@event.listens_for(mapper, 'load')\n"
        "def _loaded(target, context):\n"
        "    LOADED.append(type(target).__name__)\n"
    ),
}

MODELS_CASES = {
    # -- SQ306 / SQ307 / SQ317 -----------------------------------------------------------------
    "renamed_mapping_spellings": (("SQ306", "SQ307", "SQ317"), "R", (
        "Base.metadata.create_all(session.get_bind())\n"
        "u = RUser(name='ann')\nu.addresses.extend([RAddress(email='b'), RAddress(email='a')])\n"
        "session.add(u)\nsession.commit()\nuid = u.id\nsession.expunge_all()\n"
        "LOADED.clear()\n"
        "got = session.get(RUser, uid)\n"
        "return [got.name, [(a.id, a.email) for a in got.addresses], sorted(LOADED)]"
    )),
    # -- SQ315 ---------------------------------------------------------------------------------
    "cascade_backrefs_false_not_pulled": (("SQ315",), "B", (
        "Base.metadata.create_all(session.get_bind())\n"
        "u = MUser(name='u1')\nsession.add(u)\nsession.commit()\n"
        "a = MAddress(email='new')\na.user = u\n"
        "pulled = a in session\nsession.commit()\n"
        "return [pulled, [(x.id, x.email) for x in u.addresses], session.get_bind().connect().exec_driver_sql('SELECT count(*) FROM m_addresses').scalar()]"
    )),
    "cascade_backrefs_false_backref_fn": (("SQ315",), "B", (
        "Base.metadata.create_all(session.get_bind())\n"
        "u = MUser(name='u1')\nsession.add(u)\nsession.commit()\n"
        "n = MNote()\nu.notes.append(n)\n"
        "pulled = n in session\nsession.add(n)\nsession.commit()\n"
        "return [pulled, [x.id for x in u.notes], n.author.name]"
    )),
    # -- SQ304 ---------------------------------------------------------------------------------
    "classical_mapper_rows": (("SQ304",), "C", (
        "md.create_all(session.get_bind())\n"
        "u = CUser()\nu.name = 'ann'\n"
        "for e in ('b@x', 'a@x'):\n    a = CAddress()\n    a.email = e\n    u.addresses.append(a)\n"
        "session.add(u)\nsession.commit()\nsession.expire_all()\n"
        "got = session.get(CUser, u.id)\n"
        "return [got.name, [(a.id, a.email, a.user.name) for a in got.addresses]]"
    )),
    # -- SQ314 ---------------------------------------------------------------------------------
    "dynamic_relationship_queries": (("SQ314",), "D", (
        "Base.metadata.create_all(session.get_bind())\n"
        "u = DUser(name='u')\nsession.add(u)\n"
        "for t in ('b', 'a', 'c'):\n    u.posts.append(DPost(title=t))\n"
        "session.commit()\n"
        "return [type(u.posts).__name__, u.posts.count(), [p.title for p in u.posts], u.posts.filter(DPost.title == 'c').one().id, [p.id for p in u.drafts]]"
    )),
    # -- SQ303 ---------------------------------------------------------------------------------
    "declarative_bind_session_factory": (("SQ303",), "X", (
        "Base.metadata.create_all()\n"
        "with Factory() as s:\n    s.add_all([XUser(name='a'), XUser(name='b')])\n    s.commit()\n"
        "with Factory() as s:\n    return [(x.id, x.name) for x in s.query(XUser).order_by(XUser.id)]"
    )),
    # -- SQ411: the unsafe guess, where it is right (the session's engine is the bound one) -------
    "declarative_bind_create_all_in_session": (("SQ303", "SQ411"), "X", (
        "with Factory() as s:\n    Base.metadata.create_all()\n"
        "    s.add_all([XUser(name='a'), XUser(name='b')])\n    s.commit()\n"
        "    return [(x.id, x.name) for x in s.query(XUser).order_by(XUser.id)]"
    )),
    # -- SQ312 ---------------------------------------------------------------------------------
    "plugin_annotations_rows": (("SQ312",), "A", (
        "Base.metadata.create_all(session.get_bind())\n"
        "u = AUser(name=None)\nu.addresses = [AAddress(email='x'), AAddress(email='y')]\n"
        "session.add(u)\nsession.commit()\nsession.expire_all()\n"
        "a = session.get(AAddress, 1)\n"
        "return [u.name, [x.email for x in u.addresses], a.user.id, type(a.owner).__name__]"
    )),
}
