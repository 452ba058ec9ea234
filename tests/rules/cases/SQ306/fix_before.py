from sqlalchemy import event
from sqlalchemy.orm import mapper


@event.listens_for(mapper, "before_insert")
def stamp(mapper, connection, target):
    target.stamped = True


event.listen(mapper, "after_insert", stamp)
