import sqlalchemy as sa
from sqlalchemy import create_engine

engine = create_engine(url, encoding="utf-8", convert_unicode=True)  # expect: SQ414
legacy = sa.create_engine(
    url,
    encoding="latin1",  # expect: SQ414
    case_sensitive=False,  # expect: SQ414
    strategy="threadlocal",  # expect: SQ414
    empty_in_strategy="static",  # expect: SQ414
)
