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


class Preview(Base):
    __tablename__ = "preview"
    id = Column(Integer, primary_key=True)
    task_id = Column(ForeignKey("task.id"))


def previews(session: Session):
    # 1.4: "Passing a chain of multiple join conditions to Query.join() is deprecated".
    return session.query(Preview).join(Task, Project).all()  # expect: SQ704


def add_permission_filter(query):
    # The receiver is a parameter; two mapped classes still make it a Query (or Select) join.
    return (
        query.join(Task, Project)  # expect: SQ704 weak
        .filter(Project.id == 1)
    )
