"""A pool listener receives the DB-API connection: its raw strings are the driver's business."""
from sqlalchemy import event
from sqlalchemy.pool import Pool


@event.listens_for(Pool, "connect")
def set_pragma(dbapi_connection, connection_record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
