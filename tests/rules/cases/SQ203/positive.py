import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker

engine = sa.create_engine("sqlite://", future=True)  # expect: SQ203
Session = sessionmaker(engine, future=True)  # expect: SQ203


def legacy(url):
    return sa.create_engine(url, future=False)  # expect: SQ203
