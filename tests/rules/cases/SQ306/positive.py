import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import mapper


@event.listens_for(mapper, "before_insert")  # expect: SQ306
def stamp(mapper, connection, target):
    target.stamped = True


event.listen(mapper, "after_configured", print)  # expect: SQ306
sa.event.listen(sa.orm.mapper, "before_update", print)  # expect: SQ306
