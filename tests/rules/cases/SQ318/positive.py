from setuptools import setup

import sqlalchemy.ext.mypy.plugin  # expect: SQ318
from sqlalchemy.ext.mypy import names  # expect: SQ318

setup(
    name="app",
    install_requires=[
        "SQLAlchemy>=1.4,<2",
        "sqlalchemy2-stubs",  # expect: SQ318
        "sqlalchemy-stubs>=0.4",  # expect: SQ318
    ],
    extras_require={"types": ["types-SQLAlchemy==1.4.53"]},  # expect: SQ318
)
MYPY_PLUGINS = ["sqlalchemy.ext.mypy.plugin"]  # expect: SQ318
