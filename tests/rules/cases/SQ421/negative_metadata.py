"""`.bind` of things that are not MetaData, and setting it (SQ410's business)."""
import socket

from sqlalchemy import MetaData, create_engine
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")
metadata = MetaData()


def session_bind(session: Session):
    return session.bind


def server(address):
    sock = socket.socket()
    sock.bind(address)
    return sock


def unbind():
    metadata.bind = None
