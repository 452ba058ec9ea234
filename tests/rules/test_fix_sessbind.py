"""SQ209 across modules: the gathering pass decides which engine, and the fixer agrees with it.

Each case is a small project in a real git repository, scanned and fixed like the CLI does.
"""

from __future__ import annotations

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.findings import Finding, FixSafety
from sqla_assist.core.fix import FileProposal, propose
from sqla_assist.core.scan import Scanner
from tests.conftest import Repo

ENGINE = 'from sqlalchemy import create_engine\n\nengine = create_engine("sqlite://")\n'
MODELS = (
    "from sqlalchemy import MetaData\nfrom sqlalchemy.orm import declarative_base\n\n"
    "from app.engine import engine\n\nmetadata = MetaData(bind=engine)\nBase = declarative_base(metadata=metadata)\n"
)
SESSION = "from sqlalchemy.orm import sessionmaker\n\nSessionLocal = sessionmaker(autoflush=False)\n"


def _scan(repo: Repo, files: dict[str, str], path: str = "app/session.py") -> tuple[list[Finding], FileProposal | None]:
    repo.write("app/__init__.py", "")
    for rel, text in files.items():
        repo.write(rel, text)
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    found = [f for f in result.findings if f.rule == "SQ209" and f.path == path]
    proposal = propose(checkout, result, path, rules=["SQ209"], unsafe=True) if found else None
    return found, proposal


def test_engine_is_imported_from_its_module(repo: Repo) -> None:
    found, proposal = _scan(repo, {"app/engine.py": ENGINE, "app/models.py": MODELS, "app/session.py": SESSION})
    assert [f.fix for f in found] == [FixSafety.SAFE]
    assert "`app.engine`" in found[0].message
    assert proposal is not None and len(proposal.fixed) == 1
    assert proposal.new_text == (
        "from sqlalchemy.orm import sessionmaker\nfrom app.engine import engine\n\n"
        "SessionLocal = sessionmaker(autoflush=False, bind=engine)\n"
    )


def test_no_bound_metadata_anywhere_means_no_finding(repo: Repo) -> None:
    models = MODELS.replace("MetaData(bind=engine)", "MetaData()")
    found, _ = _scan(repo, {"app/engine.py": ENGINE, "app/models.py": models, "app/session.py": SESSION})
    assert found == []


def test_import_cycle_is_refused(repo: Repo) -> None:
    # The engine's module imports the session module: importing back would be a cycle.
    engine = ENGINE + "from app.session import SessionLocal\n"
    found, proposal = _scan(repo, {"app/engine.py": engine, "app/models.py": MODELS, "app/session.py": SESSION})
    assert [f.fix for f in found] == [FixSafety.MANUAL]
    assert "import cycle" in found[0].message
    assert proposal is not None and not proposal.fixed and proposal.new_text == SESSION


def test_several_engines_are_manual(repo: Repo) -> None:
    other = (
        'from sqlalchemy import MetaData, create_engine\n\nreports = create_engine("sqlite://")\n'
        "report_metadata = MetaData(bind=reports)\n"
    )
    files = {"app/engine.py": ENGINE, "app/models.py": MODELS, "app/reports.py": other, "app/session.py": SESSION}
    found, proposal = _scan(repo, files)
    assert [f.fix for f in found] == [FixSafety.MANUAL]
    assert "several engines" in found[0].message
    assert proposal is not None and not proposal.fixed


def test_same_engine_bound_twice_is_one_engine(repo: Repo) -> None:
    again = "from app.engine import engine\nfrom app.models import Base\n\nBase.metadata.bind = engine\n"
    files = {"app/engine.py": ENGINE, "app/models.py": MODELS, "app/setup.py": again, "app/session.py": SESSION}
    found, proposal = _scan(repo, files)
    assert [f.fix for f in found] == [FixSafety.SAFE]
    assert proposal is not None and len(proposal.fixed) == 1


def test_engine_created_inside_a_function_is_manual(repo: Repo) -> None:
    models = (
        "from sqlalchemy import MetaData, create_engine\n\nmetadata = MetaData()\n\n\n"
        "def init(url):\n    engine = create_engine(url)\n    metadata.bind = engine\n"
    )
    found, proposal = _scan(repo, {"app/models.py": models, "app/session.py": SESSION})
    assert [f.fix for f in found] == [FixSafety.MANUAL]
    assert "inside a function" in found[0].message
    assert proposal is not None and not proposal.fixed


def test_engine_defined_after_the_factory_is_manual(repo: Repo) -> None:
    text = (
        "from sqlalchemy import MetaData, create_engine\nfrom sqlalchemy.orm import sessionmaker\n\n"
        'SessionLocal = sessionmaker()\nengine = create_engine("sqlite://")\nmetadata = MetaData(bind=engine)\n'
    )
    found, proposal = _scan(repo, {"app/session.py": text})
    assert [f.fix for f in found] == [FixSafety.MANUAL]
    assert "defined after the factory" in found[0].message
    assert proposal is not None and not proposal.fixed


def test_weak_engine_is_unsafe_and_needs_unsafe_fixes(repo: Repo) -> None:
    text = (
        "from sqlalchemy.orm import declarative_base, sessionmaker\n\nfrom settings import make_engine\n\n"
        "engine = make_engine()\nBase = declarative_base(bind=engine)\nSessionLocal = sessionmaker()\n"
    )
    found, proposal = _scan(repo, {"app/session.py": text})
    assert [f.fix for f in found] == [FixSafety.UNSAFE]
    assert proposal is not None and "SessionLocal = sessionmaker(bind=engine)\n" in proposal.new_text
    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    safe_only = propose(checkout, result, "app/session.py", rules=["SQ209"])
    assert safe_only is not None and not safe_only.fixed


def test_two_engines_in_one_file_are_manual(repo: Repo) -> None:
    text = (
        "from sqlalchemy import MetaData, create_engine\nfrom sqlalchemy.orm import sessionmaker\n\n"
        'main = create_engine("sqlite://")\nreports = create_engine("sqlite://")\n'
        "metadata = MetaData(bind=main)\nreport_metadata = MetaData(bind=reports)\nSessionLocal = sessionmaker()\n"
    )
    found, proposal = _scan(repo, {"app/session.py": text})
    assert [f.fix for f in found] == [FixSafety.MANUAL]
    assert "`app.session.main`, `app.session.reports`" in found[0].message
    assert proposal is not None and not proposal.fixed and proposal.new_text == text


def test_metadata_made_inside_a_function_is_not_the_projects_binding(repo: Repo) -> None:
    # airflow's `get_sqla_model_classes`-style reflection: `MetaData(session.bind)` in a function.
    models = MODELS.replace("MetaData(bind=engine)", "MetaData()") + (
        "\n\ndef reflected(session):\n    meta = MetaData(session.bind)\n    meta.reflect()\n    return meta\n"
    )
    found, _ = _scan(repo, {"app/engine.py": ENGINE, "app/models.py": models, "app/session.py": SESSION})
    assert found == []


def test_factories_that_get_their_engine_later_are_not_flagged(repo: Repo) -> None:
    session = (
        "from sqlalchemy.orm import Session, sessionmaker\n\n"
        "def on_connection(connection):\n    maker = sessionmaker()\n    return maker(bind=connection)\n\n"
        "def from_settings(settings):\n    Session = getattr(settings, 'Session')\n    return Session()\n"
    )
    found, _ = _scan(repo, {"app/engine.py": ENGINE, "app/models.py": MODELS, "app/session.py": session})
    assert found == []
