"""SQ303/SQ304/SQ312/SQ314 fixers on the shapes their fixtures do not show: refusals and variants."""

from __future__ import annotations

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.findings import FixSafety
from sqla_assist.core.fix import FileProposal, propose
from sqla_assist.core.scan import Scanner
from tests.conftest import Repo


def _propose(repo: Repo, text: str, rules: list[str]) -> FileProposal:
    repo.write("case.py", text)
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    proposal = propose(checkout, result, "case.py", rules=rules)
    assert proposal is not None
    return proposal


def _reasons(proposal: FileProposal, rule: str) -> list[str]:
    return [why for f, why in proposal.not_fixed if f.rule == rule]


# -- SQ303 --------------------------------------------------------------------------------------

BIND = (
    "from sqlalchemy import Column, Integer, MetaData, Table, create_engine\n"
    "from sqlalchemy.orm import Session, declarative_base, sessionmaker\n\n"
    "engine = create_engine('sqlite://')\n"
)


def test_bind_with_two_engines_is_manual(repo: Repo) -> None:
    text = BIND + "other = create_engine('sqlite://')\nBase = declarative_base(bind=engine)\n"
    proposal = _propose(repo, text, ["SQ303"])
    assert proposal.fixed == ()
    assert any("exactly this one engine" in why for why in _reasons(proposal, "SQ303"))


def test_bind_read_back_is_manual(repo: Repo) -> None:
    text = BIND + "Base = declarative_base(bind=engine)\nprint(Base.metadata.bind.url)\n"
    (why,) = _reasons(_propose(repo, text, ["SQ303"]), "SQ303")
    assert "`Base.metadata.bind` reads the binding" in why


def test_session_before_the_engine_is_manual(repo: Repo) -> None:
    text = (
        "from sqlalchemy import create_engine\nfrom sqlalchemy.orm import declarative_base, sessionmaker\n\n"
        "Factory = sessionmaker()\nengine = create_engine('sqlite://')\nBase = declarative_base(bind=engine)\n"
    )
    (why,) = _reasons(_propose(repo, text, ["SQ303"]), "SQ303")
    assert "before `engine` exists" in why


def test_autoload_through_the_binding_is_manual(repo: Repo) -> None:
    text = BIND + "Base = declarative_base(bind=engine)\nt = Table('t', Base.metadata, autoload=True)\n"
    (why,) = _reasons(_propose(repo, text, ["SQ303"]), "SQ303")
    assert "autoload_with=engine" in why


def test_bind_carries_to_sessions_metadata_and_as_declarative(repo: Repo) -> None:
    text = (
        "from sqlalchemy import MetaData, create_engine\nfrom sqlalchemy.orm import Session, as_declarative, sessionmaker\n\n"
        "engine = create_engine('sqlite://')\nmeta = MetaData()\n\n\n"
        "@as_declarative(bind=engine, metadata=meta)\nclass Base:\n    pass\n\n\n"
        "def work():\n    meta.drop_all()\n    with Session() as s:\n        return s\n"
    )
    proposal = _propose(repo, text, ["SQ303"])
    assert [f.rule for f in proposal.fixed] == ["SQ303"]
    fixed = proposal.new_text
    assert "@as_declarative(metadata=meta)\n" in fixed
    assert "    meta.drop_all(engine)\n" in fixed
    assert "    with Session(bind=engine) as s:\n" in fixed


# -- SQ304 --------------------------------------------------------------------------------------

CLASSICAL = (
    "from sqlalchemy import Column, Integer, MetaData, Table\nfrom sqlalchemy.orm import mapper, registry, relationship\n\n"
    "md = MetaData()\nt = Table('t', md, Column('id', Integer, primary_key=True))\n\n\nclass A:\n    pass\n\n\nclass B:\n    pass\n"
)


def test_string_target_in_a_classical_mapping_is_manual(repo: Repo) -> None:
    text = CLASSICAL + "\n\nmapper(A, t, properties={'b': relationship('B')})\n"
    proposal = _propose(repo, text, ["SQ304"])
    assert proposal.fixed == ()
    (why,) = _reasons(proposal, "SQ304")
    assert "`argument='B'` is a string" in why and "could not resolve strings" in why


def test_existing_module_registry_is_reused(repo: Repo) -> None:
    text = CLASSICAL + "\n\nreg = registry()\nmapper(A, t)\n"
    fixed = _propose(repo, text, ["SQ304"]).new_text
    assert "reg.map_imperatively(A, t)\n" in fixed
    assert "mapper_registry" not in fixed
    assert "import registry, relationship\n" in fixed  # the unused `mapper` import is gone


def test_mappings_inside_a_function_get_a_module_registry(repo: Repo) -> None:
    text = CLASSICAL + "\n\ndef setup():\n    mapper(A, t)\n"
    fixed = _propose(repo, text, ["SQ304"]).new_text
    assert "\n\nmapper_registry = registry()\n\n\ndef setup():\n    mapper_registry.map_imperatively(A, t)\n" in fixed


def test_positional_properties_are_manual(repo: Repo) -> None:
    text = CLASSICAL + "\n\nmapper(A, t, {})\n"
    (why,) = _reasons(_propose(repo, text, ["SQ304"]), "SQ304")
    assert "more than two positional arguments" in why


# -- SQ312 --------------------------------------------------------------------------------------

ANNOTATED = (
    "from typing import ClassVar, List\n\nfrom sqlalchemy import Column, Integer\n"
    "from sqlalchemy.orm import declarative_base, relationship, synonym\n\nBase = declarative_base()\n"
)


def test_synonym_and_classvar_fall_back_to_allow_unmapped(repo: Repo) -> None:
    text = ANNOTATED + (
        "\n\nclass U(Base):\n    __tablename__ = 'u'\n    id: int = Column(Integer, primary_key=True)\n"
        "    ident: int = synonym('id')\n    extra: ClassVar[int] = Column(Integer)\n"
    )
    proposal = _propose(repo, text, ["SQ312"])
    assert len(proposal.fixed) == 3
    fixed = proposal.new_text
    assert "class U(Base):\n    __allow_unmapped__ = True\n    __tablename__ = 'u'\n" in fixed
    assert fixed.count("__allow_unmapped__") == 1
    assert "    id: Mapped[int] = Column(Integer, primary_key=True)\n" in fixed
    assert "    ident: int = synonym('id')\n" in fixed


def test_relationship_whose_direction_is_unknown_gets_allow_unmapped(repo: Repo) -> None:
    text = ANNOTATED + "\n\nclass U(Base):\n    __tablename__ = 'u'\n    id: int = Column(Integer, primary_key=True)\n    things: List['Elsewhere'] = relationship('Elsewhere')\n"
    fixed = _propose(repo, text, ["SQ312"]).new_text
    assert "    __allow_unmapped__ = True\n" in fixed
    assert "    things: List['Elsewhere'] = relationship('Elsewhere')\n" in fixed


# -- SQ314 --------------------------------------------------------------------------------------


def test_dynamic_detector_is_manual_for_non_mapped_annotation_and_silent_once_typed(repo: Repo) -> None:
    text = (
        "from typing import List\n\nfrom sqlalchemy import Column, Integer\n"
        "from sqlalchemy.orm import DynamicMapped, declarative_base, relationship\n\nBase = declarative_base()\n\n\n"
        "class U(Base):\n    __tablename__ = 'u'\n    id = Column(Integer, primary_key=True)\n"
        "    posts: List['P'] = relationship('P', lazy='dynamic')\n"
        "    done: DynamicMapped['P'] = relationship('P', lazy='dynamic')\n"
    )
    repo.write("case.py", text)
    result = Scanner(open_checkout(repo.root), use_cache=False).run()
    found = [f for f in result.findings if f.rule == "SQ314"]
    assert [(f.line, f.fix) for f in found] == [(12, FixSafety.MANUAL)]
    assert "SQ312" in found[0].message and "call sites" in found[0].message


# -- SQ310 --------------------------------------------------------------------------------------


def _propose_opt_in(repo: Repo, files: dict[str, str], rule: str) -> FileProposal:
    for name, body in files.items():
        repo.write(name, body)
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False, opt_in=[rule]).run()
    proposal = propose(checkout, result, "case.py", rules=[rule])
    assert proposal is not None
    return proposal


MODEL = (
    "from sqlalchemy import Integer\nfrom sqlalchemy.orm import Mapped, mapped_column\n{imp}\n\n"
    "class U(Base):\n    __tablename__ = 'u'\n    id: Mapped[int] = mapped_column(Integer, primary_key=True)\n"
)


def test_redundant_type_is_kept_when_the_base_is_elsewhere(repo: Repo) -> None:
    base = "from sqlalchemy import BigInteger\nfrom sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    type_annotation_map = {int: BigInteger}\n"
    proposal = _propose_opt_in(repo, {"base.py": base, "case.py": MODEL.format(imp="from base import Base")}, "SQ310")
    assert proposal.fixed == ()
    (why,) = _reasons(proposal, "SQ310")
    assert "type_annotation_map" in why


def test_redundant_type_is_kept_under_a_type_annotation_map(repo: Repo) -> None:
    local = "from sqlalchemy import BigInteger\nfrom sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    type_annotation_map = {int: BigInteger}\n"
    proposal = _propose_opt_in(repo, {"case.py": MODEL.format(imp=local)}, "SQ310")
    assert proposal.fixed == () and _reasons(proposal, "SQ310")


def test_redundant_type_goes_under_a_local_declarative_base(repo: Repo) -> None:
    local = "from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n"
    fixed = _propose_opt_in(repo, {"case.py": MODEL.format(imp=local)}, "SQ310").new_text
    assert "    id: Mapped[int] = mapped_column(primary_key=True)\n" in fixed
    assert "import Integer" not in fixed


def test_allow_unmapped_fallback_adds_no_imports(repo: Repo) -> None:
    text = ANNOTATED + "\n\nclass U(Base):\n    __tablename__ = 'u'\n    id = Column(Integer, primary_key=True)\n    things: List['Elsewhere'] = relationship('Elsewhere')\n"
    proposal = _propose(repo, text, ["SQ312"])
    assert proposal.new_text == text.replace("    __tablename__ = 'u'\n", "    __allow_unmapped__ = True\n    __tablename__ = 'u'\n")
