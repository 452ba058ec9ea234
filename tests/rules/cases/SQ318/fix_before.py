from setuptools import setup

MYPY_PLUGINS = ["pydantic.mypy", "sqlalchemy.ext.mypy.plugin"]
TYPES = ("types-SQLAlchemy", "types-requests")

setup(
    name="app",
    install_requires=[
        "SQLAlchemy>=1.4,<2",
        "sqlalchemy2-stubs",
        "sqlalchemy-stubs>=0.4",
    ],
    extras_require={"types": ["types-SQLAlchemy==1.4.53"]},
)
print("sqlalchemy2-stubs")
