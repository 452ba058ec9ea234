import sqlalchemy as sa


class Plugin:
    pass


def plugins(Kind: type[Plugin]) -> None:
    class Local(Kind):
        column = sa.Column(sa.Integer)
