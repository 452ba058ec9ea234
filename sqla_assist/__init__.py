"""sqla-assist: move a codebase from SQLAlchemy 1.x habits to 2.0 style, one reviewed change at a time."""

__version__ = "0.1.0"
