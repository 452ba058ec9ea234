from setuptools import setup

install_requires = [
    "SQLAlchemy>=1.4",
    "pandas<2.0",  # expect: SQ807
    "Flask-SQLAlchemy==2.5.1",  # expect: SQ807
]

setup(
    name="app",
    install_requires=install_requires,
    extras_require={
        "typing": ["sqlalchemy2-stubs"],  # expect: SQ807
        "data": ["pandas>=1.3,<1.6"],  # expect: SQ807
        "flask": ["flask_sqlalchemy~=2.5"],  # expect: SQ807
    },
)
