from sqlalchemy import Column, Integer, MetaData, Table, update

users = Table("users", MetaData(), Column("id", Integer), Column("x", Integer))

a = users.update(preserve_parameter_order=True).values([(users.c.x, 1)])  # expect: SQ605
b = update(users, preserve_parameter_order=True)  # expect: SQ605


def bulk(session):
    session.query(User).update(  # expect: SQ605
        {User.x: 1},
        update_args={"preserve_parameter_order": True},
    )
