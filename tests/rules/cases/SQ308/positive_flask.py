"""Flask-SQLAlchemy models whose `db` lives in another module: settled by the gathering pass."""

from myapp.extensions import db


class Post(db.Model):
    __tablename__ = "posts"
    id = db.Column(db.Integer, primary_key=True)  # expect: SQ308 weak
    title = db.Column(  # expect: SQ308 weak
        db.String(80),
        nullable=False,
    )
