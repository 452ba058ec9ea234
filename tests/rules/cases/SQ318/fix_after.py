from setuptools import setup

MYPY_PLUGINS = ["pydantic.mypy"]
TYPES = ("types-requests",)

setup(
    name="app",
    install_requires=[
        "SQLAlchemy>=1.4,<2",
    ],
    extras_require={"types": []},
)
print("sqlalchemy2-stubs")
