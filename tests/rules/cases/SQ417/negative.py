import sqlite3
from sqlalchemy import create_engine

engine = create_engine("sqlite://")
conn = engine.connect()
raw = sqlite3.connect(":memory:")


def socket(sock, addr):
    sock.connect(addr)
