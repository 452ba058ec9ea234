from sqlalchemy import create_engine, orm


class TwoPhaseTests:
    def setUp(self):
        self.s1 = orm.sessionmaker(bind=create_engine("postgresql://a"))()
        self.s2 = orm.sessionmaker(bind=create_engine("postgresql://b"))()

    def test_serializable(self):
        s1, s2 = self.s1, self.s2
        s2.connection().execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE")  # expect: SQ404
        return s1
