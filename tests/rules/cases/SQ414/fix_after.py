from sqlalchemy import create_engine

a = create_engine("sqlite://", echo=False)
b = create_engine("sqlite://")
c = create_engine("sqlite://", encoding="latin1")
