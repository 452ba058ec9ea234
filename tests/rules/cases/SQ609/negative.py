from sqlalchemy import Column, Integer, MetaData, Table, select

users = Table("users", MetaData(), Column("id", Integer))
users.append_column(Column("name", Integer))
s = select(users.c.id).where(users.c.id == 5).add_columns(users.c.id)
frame = load()
frame.column("x")
rows = []
rows.append(1)


def build(table, col):
    table.append_column(col)
    return table.column(col)
