import sqlalchemy as sa
from sqlalchemy import Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, declarative_base

Base = declarative_base()

link = Table("link", Base.metadata, Column("a", Integer), Column("b", Integer))


class Timestamps:
    created = Column(sa.DateTime)


class User(Timestamps, Base):
    __tablename__ = "user_account"
    id = Column(Integer, primary_key=True)
    name = Column("user_name", String(30), nullable=False, index=True)
    note = Column(  # the note
        sa.Text,
        nullable=True,
    )
    nick: Mapped[str] = Column(String(20))
    parent_id = Column(ForeignKey("user_account.id"))
