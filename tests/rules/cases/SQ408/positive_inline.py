import sqlalchemy as sa

engine = sa.create_engine("sqlite://")
users = sa.Table("users", sa.MetaData(), sa.Column("id", sa.Integer))


def add_user(uid):
    # Nobody holds the connection, so nothing can commit the insert.
    engine.connect().execute(users.insert().values(id=uid))  # expect: SQ408


def count_users():
    # A read on an inline connection loses nothing.
    return len(engine.connect().execute(users.select()).fetchall())
