from setuptools import setup

setup(
    name="app",
    install_requires=["SQLAlchemy>=2.0", "types-requests", "boto3-stubs[s3]", "pandas-stubs"],
)
DOC = "Remove sqlalchemy-stubs before upgrading: it shadows the inline types."
