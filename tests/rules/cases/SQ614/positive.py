import sqlalchemy as sa
from sqlalchemy import select, text
from sqlalchemy.orm import aliased

inner = select(users.c.id).where(users.c.name.like("e%"))
a = select(text("*")).select_from(inner)  # expect: SQ614
b = select(users).join(inner, users.c.id == inner.c.id)  # expect: SQ614
ua = aliased(User, select(User).where(User.id > 1))  # expect: SQ614


def usage_alias(allocs):
    usage = sa.select(allocs.c.resource_provider_id).group_by(allocs.c.resource_provider_id)
    return sa.alias(usage, name="usage")  # expect: SQ614


def usage_rebound(allocs, ids):
    usage = sa.select(allocs.c.resource_provider_id, allocs.c.used)
    usage = usage.where(allocs.c.resource_provider_id.in_(ids))
    usage = sa.alias(usage, name="usage")  # expect: SQ614
    return usage


def _node_select(filters=None):
    select = sa.select(users)
    if filters:
        select = select.where(users.c.id > 0)
    return select


def statistics():
    return sa.alias(_node_select(), name="inner_sel")  # expect: SQ614
