from sqlalchemy.future.engine import create_engine

engine = create_engine("sqlite://", encoding="utf-8", future=True)  # expect: SQ414
