"""Behaviour of the cross-file SQ313 fix into classes nested in `try:` / `if` blocks.

The corpus harness runs one module per case, and this fix spans four modules, so the check is
done here: the legacy package (backrefs) runs on SQLAlchemy 1.4, the package as the fix left it
(`back_populates` on both sides, the reverse sides inside the nested classes) runs on 2.x with
SQLAlchemy's deprecation warnings as errors. Both sides of each relationship must load the same
rows, stay in step in memory, and have the same direction and list-ness.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqla_assist.core.checkout import open_checkout
from sqla_assist.core.fix import apply, propose
from sqla_assist.core.scan import Scanner
from tests.behaviour.test_behaviour import _sa14_python
from tests.conftest import Repo
from tests.xfile2_project import ITEM_AFTER, SHOP

_ROWS = """
import json, sys, warnings
from sqlalchemy import exc as sa_exc
if sys.argv[1] == "fixed":
    warnings.simplefilter("error", sa_exc.SADeprecationWarning)
from sqlalchemy import create_engine, inspect, select
from sqlalchemy.orm import Session, configure_mappers
from shop.db import Base
from shop.customer import Customer
from shop.item import Item
from shop.coupon import Coupon

configure_mappers()
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([Customer(id=i, name=n) for i, n in ((1, "ann"), (2, "bob"), (3, "cy"))])
    s.flush()
    s.add_all([Item(id=i, customer_id=c) for i, c in ((1, 2), (2, 1), (3, 2), (4, None))])
    s.add_all([Coupon(id=i, customer_id=c) for i, c in ((1, 3), (2, 1), (3, 3))])
    s.commit()
out = {}
with Session(engine) as s:
    out["customer.items"] = {c.id: [i.id for i in c.items] for c in s.scalars(select(Customer))}
    out["customer.coupons"] = {c.id: [k.id for k in c.coupons] for c in s.scalars(select(Customer))}
with Session(engine) as s:
    out["item.buyer"] = {i.id: i.buyer and i.buyer.name for i in s.scalars(select(Item))}
    out["coupon.holder"] = {k.id: k.holder.name for k in s.scalars(select(Coupon))}
with Session(engine) as s:
    ann = s.get(Customer, 1)
    item = Item(id=9)
    ann.items.append(item)
    coupon = s.get(Coupon, 1)
    coupon.holder = s.get(Customer, 2)
    out["in memory"] = [item.buyer.name, [k.id for k in s.get(Customer, 2).coupons]]
    s.commit()
    out["written"] = s.execute(select(Item.customer_id).where(Item.id == 9)).scalar_one()
out["shape"] = {
    f"{cls.__name__}.{r.key}": [r.direction.name, r.uselist, r.mapper.class_.__name__]
    for cls in (Customer, Item, Coupon)
    for r in inspect(cls).relationships
}
print(json.dumps(out, sort_keys=True))
"""


def _rows(python: Path, root: Path, mode: str) -> Any:
    proc = subprocess.run(
        [str(python), "-c", _ROWS, mode], cwd=root, capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_reverse_sides_in_nested_classes_load_the_same_rows(repo: Repo, tmp_path: Path) -> None:
    for rel, text in SHOP.items():
        repo.write(rel, text)
    repo.commit("models")
    legacy = tmp_path / "legacy"
    shutil.copytree(repo.root / "shop", legacy / "shop")

    checkout = open_checkout(repo.root)
    result = Scanner(checkout, use_cache=False).run()
    proposal = propose(checkout, result, "shop/customer.py", rules=["SQ313"])
    assert proposal is not None and len(proposal.fixed) == 2, proposal and proposal.not_fixed
    assert sorted(c.path for c in proposal.companions) == ["shop/coupon.py", "shop/item.py"]
    apply(checkout, proposal)
    assert (repo.root / "shop/item.py").read_text() == ITEM_AFTER
    assert "backref" not in (repo.root / "shop/customer.py").read_text()

    before = _rows(_sa14_python(), legacy, "legacy")
    after = _rows(Path(sys.executable), repo.root, "fixed")
    assert after == before
    assert before["item.buyer"] == {"1": "bob", "2": "ann", "3": "bob", "4": None}
    assert before["in memory"] == ["ann", [1]] and before["written"] == 1
    assert before["shape"]["Item.buyer"] == ["MANYTOONE", False, "Customer"]
    assert before["shape"]["Coupon.holder"] == ["MANYTOONE", False, "Customer"]
