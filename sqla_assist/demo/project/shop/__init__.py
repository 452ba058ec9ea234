"""A small shop back-end written the SQLAlchemy 1.3/1.4 way."""
