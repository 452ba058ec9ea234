from sqlalchemy.ext import baked  # expect: SQ801
from sqlalchemy.ext.baked import BakedQuery  # expect: SQ801
import sqlalchemy.ext.baked  # expect: SQ801

bakery = baked.bakery()  # expect: SQ801


def lookup(session, uid):
    q = bakery(lambda s: s.query(User))
    return q(session).params(id=uid).one()
