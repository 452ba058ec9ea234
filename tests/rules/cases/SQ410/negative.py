from sqlalchemy import MetaData, create_engine
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")
metadata = MetaData()
tenant = MetaData("myschema")
named = MetaData(schema="s")


def socket_bind(sock, session: Session):
    sock.bind = ("0.0.0.0", 80)
    metadata.bind = None
    session.bind = engine
