"""Tests and fixtures own their unit of work: committing the session they get is not a helper smell."""
import pytest
from sqlalchemy.orm import Session


@pytest.fixture
def items(session: Session):
    session.add(Item())
    session.commit()
    return session


@pytest.fixture()
def rolled_back(session: Session):
    yield session
    session.rollback()


def test_search(session: Session):
    session.add(Item(name="x"))
    session.commit()


class TestTriggers:
    def setUp(self, session: Session):
        session.commit()

    def test_drop(self, session: Session):
        session.commit()
