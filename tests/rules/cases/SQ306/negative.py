from sqlalchemy import event
from sqlalchemy.orm import Mapper

from myproject.signals import listen, mapper


@event.listens_for(Mapper, "before_insert")
def stamp(mapper, connection, target):
    target.stamped = True


listen(mapper, "before_insert", print)
event.listen(Mapper, "after_configured", print)
