from sqlalchemy import select, text
from sqlalchemy.orm import sessionmaker

stmt = text("select 1")
Session = sessionmaker(bind=engine)


def q(users, sock):
    s = select(users.c.id)
    return sock.bind
