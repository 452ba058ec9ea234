from flask_sqlalchemy import SQLAlchemy

from app.mixins import CapacityMixin
from app.models import BaseModel

db = SQLAlchemy()


class Village(db.Model):
    @classmethod
    def get_by_name(cls, name):
        return cls.query.filter_by(name=name).one_or_none()  # expect: SQ128

    @classmethod
    def named(klass, name):
        return klass.query.filter_by(name=name).first()  # expect: SQ128


class Voucher(BaseModel):
    # `BaseModel = db.Model` in another module: the gathering pass confirms the model.
    @classmethod
    def get_by_code(cls, code):
        return Voucher.query.filter_by(code=code).one_or_none()  # expect: SQ128 weak


class ProductGroup(CapacityMixin, BaseModel):
    # Several imported bases: any of them may be the mapped one.
    pass


def groups(name):
    return (
        ProductGroup.query.filter_by(name=name)  # expect: SQ128 weak
        .order_by(ProductGroup.id)
        .all()
    )
