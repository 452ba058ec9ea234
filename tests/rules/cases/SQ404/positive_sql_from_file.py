import os
from pathlib import Path

from sqlalchemy import create_engine

engine = create_engine("postgresql://")


def create_schema(here):
    # SQL loaded from a file is a plain string, as a literal is.
    with open(os.path.join(here, "schema.sql")) as f:
        schema = f.read()
    with engine.connect() as conn:
        conn.execute(schema)  # expect: SQ404
        conn.execute(Path(here, "data.sql").read_text())  # expect: SQ404


def load_dump(here):
    with open(os.path.join(here, "dump.bin"), "rb") as f:
        blob = f.read()
    with engine.connect() as conn:
        conn.execute(blob)
