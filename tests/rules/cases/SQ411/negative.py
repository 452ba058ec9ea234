import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData, Table, create_engine

db = SQLAlchemy()
engine = create_engine("sqlite://")
metadata = MetaData()
users = Table("users", metadata)
metadata.create_all(engine)
metadata.drop_all(bind=engine)
users.create(engine)
db.create_all()


def other(parser, path):
    parser.create()
    path.drop()

def create_enum(bind):
    enum = sa.Enum("private", "public", name="image_visibility")
    enum.create(bind=bind)
