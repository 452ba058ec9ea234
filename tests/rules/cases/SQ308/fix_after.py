import sqlalchemy as sa
from sqlalchemy import Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, declarative_base

Base = declarative_base()

link = Table("link", Base.metadata, Column("a", Integer), Column("b", Integer))


class Timestamps:
    created = sa.orm.mapped_column(sa.DateTime)


class User(Timestamps, Base):
    __tablename__ = "user_account"
    id = sa.orm.mapped_column(Integer, primary_key=True)
    name = sa.orm.mapped_column("user_name", String(30), nullable=False, index=True)
    note = sa.orm.mapped_column(  # the note
        sa.Text,
        nullable=True,
    )
    nick: Mapped[str] = sa.orm.mapped_column(String(20), nullable=True)
    parent_id = sa.orm.mapped_column(ForeignKey("user_account.id"))
