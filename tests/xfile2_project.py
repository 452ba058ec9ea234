"""A models package whose mapped classes sit in module-level `try:` and `if` blocks.

`shop/customer.py` declares two backrefs: to `Item` (defined inside `try:`, next to a `try:`
around an optional import) and to `Coupon` (defined inside an `if sys.version_info` check).
The SQ313 fix writes the reverse sides into those nested classes.
"""

from __future__ import annotations

SHOP = {
    "shop/__init__.py": "",
    "shop/db.py": "from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n",
    "shop/customer.py": '''from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import relationship

from shop.db import Base


class Customer(Base):
    __tablename__ = "customers"
    id = Column(Integer, primary_key=True)
    name = Column(String(30))
    items = relationship("Item", backref="buyer", order_by="Item.id")
    coupons = relationship("Coupon", backref="holder", order_by="Coupon.id")
''',
    # the mapped class inside `try:`, next to a `try:` around an optional import
    "shop/item.py": '''from sqlalchemy import Column, ForeignKey, Integer, String

from shop.db import Base

try:
    from shop.labels import LABEL
except ImportError:
    LABEL = "item"

try:
    class Item(Base):
        __tablename__ = "items"
        id = Column(Integer, primary_key=True)
        label = Column(String(20), default=LABEL)
        customer_id = Column(ForeignKey("customers.id"))
except Exception:  # pragma: no cover - keeps the import error readable
    raise
''',
    # the mapped class inside a version check
    "shop/coupon.py": '''import sys

from sqlalchemy import Column, ForeignKey, Integer

from shop.db import Base

if sys.version_info >= (3, 0):
    class Coupon(Base):
        __tablename__ = "coupons"
        id = Column(Integer, primary_key=True)
        customer_id = Column(ForeignKey("customers.id"))
''',
}

ITEM_AFTER = SHOP["shop/item.py"].replace(
    "from sqlalchemy import Column, ForeignKey, Integer, String\n",
    "from sqlalchemy import Column, ForeignKey, Integer, String\nfrom sqlalchemy.orm import relationship\n",
).replace(
    '        customer_id = Column(ForeignKey("customers.id"))\n',
    '        customer_id = Column(ForeignKey("customers.id"))\n\n        buyer = relationship("Customer", back_populates="items")\n',
)

