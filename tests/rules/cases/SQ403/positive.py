import sqlalchemy as sa
from sqlalchemy import DDL, Sequence, Table, MetaData, func, select, text

metadata = MetaData()
users = Table("users", metadata)

result = users.select().execute()  # expect: SQ403
DDL("CREATE INDEX ix ON t (x)").execute(bind=engine)  # expect: SQ403
nextid = Sequence("id_seq").execute()  # expect: SQ403


def queries():
    n = select(func.count()).select_from(users).scalar()  # expect: SQ403
    sa.text("DELETE FROM t").execute()  # expect: SQ403
    return func.now().execute().scalar()  # expect: SQ403


def guessed(accounts):
    return accounts.insert().execute(name="x")  # expect: SQ403 weak


class UpgradeTest:
    def select_table(self, name):
        table = sa.Table(name, sa.MetaData(), autoload_with=self.engine)
        return sa.select(table)

    def test_trust(self):
        return list(self.select_table("trust").execute())[0]  # expect: SQ403
