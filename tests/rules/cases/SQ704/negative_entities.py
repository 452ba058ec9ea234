import os

import sqlalchemy as sa
from sqlalchemy import orm

from sqlalchemy import Column, ForeignKey, Integer
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


class Project(Base):
    __tablename__ = "project"
    id = Column(Integer, primary_key=True)


class Task(Base):
    __tablename__ = "task"
    id = Column(Integer, primary_key=True)
    project_id = Column(ForeignKey("project.id"))


class Layout:
    root = "/srv"


def ok(session: Session):
    a = session.query(Task).join(Project, Task.project_id == Project.id)
    b = session.query(Task).join(Project)
    return a, b


where = os.path.join(Layout, Task.__tablename__)
# SQLAlchemy's join functions take (left, right): two entities are their normal arguments.
j1 = sa.join(Task, Project)
j2 = orm.join(Task, Project)
j3 = sa.outerjoin(Task, Project)
