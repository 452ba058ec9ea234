from sqlalchemy import Table, create_engine, select
from sqlalchemy.engine import Connection

engine = create_engine("sqlite://")


def nested():
    with engine.begin() as conn:
        inner = conn.begin()  # expect: SQ415


def after_read(t):
    with engine.connect() as conn:
        conn.execute(select(t))  # expect: SQ415
        trans = conn.begin()  # (the finding spans from the statement that autobegan)


def helper(conn: Connection, t):
    with conn.begin():  # expect: SQ415 weak
        conn.execute(t.insert())


def archive(metadata, t):
    with engine.connect() as conn:
        shadow = Table("shadow_" + t.name, metadata, autoload_with=conn)  # expect: SQ415
        with conn.begin():  # raises: reflecting autobegan
            conn.execute(shadow.insert().from_select(["id"], select(t.c.id)))
