from sqlalchemy import select
from sqlalchemy.orm import aliased


def modern(subq):
    ua = aliased(User, subq)
    return select(ua).order_by(ua.id)


def unrelated(thing, subq):
    return thing.select_entity_from(subq)
