from sqlalchemy import create_engine

engine = create_engine("sqlite://")
names = engine.table_names()
found = engine.has_table("users")
scoped = engine.has_table("users", schema="main")
