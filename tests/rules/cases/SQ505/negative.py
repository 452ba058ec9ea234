from sqlalchemy import create_engine, select

engine = create_engine("sqlite://")


def walk(users, settings):
    with engine.connect() as conn:
        row = conn.execute(select(users)).first()
        for k, v in row._mapping.items():
            print(k, v)
    row2 = dict(a=1)
    for k, v in row2.items():
        print(k, v)
    for r in settings:
        print(r.values())
    return settings.items()
