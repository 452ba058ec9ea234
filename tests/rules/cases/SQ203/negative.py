import sqlalchemy as sa
from concurrent.futures import Future

engine = sa.create_engine("sqlite://")
job = Future()


def submit(executor, fn):
    return executor.submit(fn, future=True)
