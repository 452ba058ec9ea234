from sqlalchemy import event
from sqlalchemy.orm import Mapper, mapper, registry

from myproject.mapping import mapper as project_mapper

reg = registry()


class User:
    pass


reg.map_imperatively(User, None)
project_mapper(User, None)
event.listen(mapper, "before_insert", print)
m = Mapper
target = Mapper
listener_target = m
