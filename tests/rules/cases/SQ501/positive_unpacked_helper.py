"""Rows a method of this class returns in a tuple (manila's migration data checks), and two
comprehensions that reuse one loop name for rows and for dicts."""
from sqlalchemy import MetaData, Table


class ShareChecks:
    shares = [{"id": "s1"}, {"id": "s2"}]

    def _load(self, engine):
        table = Table("shares", MetaData(), autoload_with=engine)
        shares = engine.execute(table.select()).fetchall()
        instances = engine.execute(table.select()).fetchall()
        return shares, instances

    def check_upgrade(self, engine):
        shares, instances = self._load(engine)
        ids = [share["id"] for share in shares]  # expect: SQ501
        for instance in instances:
            assert instance["share_id"] in ids  # expect: SQ501
        expected = [s["id"] for s in self.shares]
        stored = [s["id"] for s in shares]  # expect: SQ501
        return expected == stored
