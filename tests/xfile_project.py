"""A small models package whose backrefs point into other modules: the cross-file SQ313 fixture.

`app/user.py` declares two backrefs: to `Address` (a typed class, named by string) and to
`Order` (an untyped class, imported and named directly). The expected texts after the fix are
spelled out in full so the tests compare whole files.
"""

from __future__ import annotations

from tests.conftest import Repo

DB = '''from sqlalchemy.orm import declarative_base

Base = declarative_base()
'''

USER = '''from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import backref, relationship

from app.db import Base
from app.order import Order


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String(30))
    addresses = relationship("Address", backref="user", order_by="Address.id")
    orders = relationship(Order, backref=backref("customer", lazy="joined"))
'''

ADDRESS = '''from typing import Optional

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[Optional[str]] = mapped_column(String(50))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
'''

ORDER = '''from sqlalchemy import Column, ForeignKey, Integer

from app.db import Base


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"))
'''

FILES = {"app/__init__.py": "", "app/db.py": DB, "app/user.py": USER, "app/address.py": ADDRESS, "app/order.py": ORDER}

USER_AFTER = USER.replace("import backref, relationship", "import relationship").replace(
    'backref="user", order_by', 'back_populates="user", order_by'
).replace('backref=backref("customer", lazy="joined")', 'back_populates="customer"')

ADDRESS_AFTER = ADDRESS.replace(
    "from sqlalchemy.orm import Mapped, mapped_column", "from sqlalchemy.orm import Mapped, mapped_column, relationship"
) + '\n    user: Mapped["User"] = relationship("User", back_populates="addresses")\n'

ORDER_AFTER = ORDER.replace(
    "from sqlalchemy import Column, ForeignKey, Integer\n",
    "from sqlalchemy import Column, ForeignKey, Integer\nfrom sqlalchemy.orm import relationship\n",
) + '\n    customer = relationship("User", back_populates="orders", lazy="joined")\n'

AFTER = {"app/user.py": USER_AFTER, "app/address.py": ADDRESS_AFTER, "app/order.py": ORDER_AFTER}


def make_project(repo: Repo, files: dict[str, str] | None = None) -> None:
    """Write and commit the package (with `files` replacing or adding some of its files)."""
    for rel, text in {**FILES, **(files or {})}.items():
        repo.write(rel, text)
    repo.commit("models")
