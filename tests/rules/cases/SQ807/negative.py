from setuptools import setup

install_requires = ["SQLAlchemy>=2.0", "pandas>=2.0", "Flask-SQLAlchemy>=3.0.2", "pandas<3"]

setup(
    name="app",
    install_requires=install_requires,
    extras_require={"flask": ["flask_sqlalchemy~=3.1"], "data": ["pandas==2.2.*"]},
)


def analyse(pd):
    versions = ["pandas<2.0"]
    return pd.read_sql("select 1", con=None), versions
