from sqlalchemy import orm, select
from sqlalchemy.orm import with_polymorphic


def modern():
    emp = with_polymorphic(Employee, [Engineer, Manager])
    return select(emp).where(emp.Engineer.lang == "py")


def module_function():
    return orm.with_polymorphic(Employee, "*")


class Mapper:
    def setup(self, other):
        return other.with_polymorphic(["a"])
