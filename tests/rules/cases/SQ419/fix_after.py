from sqlalchemy import create_engine, inspect

engine = create_engine("sqlite://")
names = inspect(engine).get_table_names()
found = inspect(engine).has_table("users")
scoped = inspect(engine).has_table("users", schema="main")
