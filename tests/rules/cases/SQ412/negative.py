from sqlalchemy import MetaData, Table

metadata = MetaData()
t = Table("t", metadata, autoload_with=engine)
config = {"autoload": True}


def jinja(env):
    return env.load(autoload=True)
