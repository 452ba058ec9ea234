from sqlalchemy import event
from sqlalchemy.orm import Mapper, mapper


@event.listens_for(Mapper, "before_insert")
def stamp(mapper, connection, target):
    target.stamped = True


event.listen(Mapper, "after_insert", stamp)
