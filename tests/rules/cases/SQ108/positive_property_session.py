from typing import Optional

from sqlalchemy.orm import Session


class VariantRepository:
    def __init__(self, session: Optional[Session] = None):
        self._session = session

    @property
    def session(self) -> Session:
        return self._session

    def descendants(self, recursive_q):
        q = self.session.query(recursive_q)
        return [r[0] for r in q]  # expect: SQ108
