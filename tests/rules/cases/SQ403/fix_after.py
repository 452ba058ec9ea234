from sqlalchemy import DDL, MetaData, Sequence, Table, create_engine
from sqlalchemy.schema import CreateTable

engine = create_engine("sqlite://")
metadata = MetaData()
users = Table("users", metadata)


def setup():
    with engine.begin() as connection:
        connection.execute(DDL("CREATE INDEX ix_users_name ON users (name)"))
    with engine.begin() as connection:
        connection.execute(CreateTable(users))  # keep this comment


def next_id():
    nid = Sequence("id_seq").execute(bind=engine)
    return nid


def still_implicit(conn):
    users.select().execute(bind=engine)
    DDL("DROP TABLE x").execute(bind=conn)
    result = DDL("DROP TABLE y").execute(engine)
    return result
