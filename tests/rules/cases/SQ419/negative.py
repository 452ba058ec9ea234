from sqlalchemy import create_engine, inspect, select
import os

engine = create_engine("sqlite://")
names = inspect(engine).get_table_names()
found = inspect(engine).has_table("users")
there = os.path.exists("x")


def ex(users):
    return select(users).exists()
