from pathlib import Path

from sqlalchemy import Column, Float, Integer, MetaData, Table, cast

t = Table("t", MetaData(), Column("count", Integer))

half = 10 / 4
p = Path("a") / "b"
q = "x" / Path("y")
share = t.c.count / 100.0
fraction = cast(t.c.count, Float) / t.c.count
floor = t.c.count // 10


class Pager:
    PAGE_SIZE = 20

    def pages(self, total):
        return total / self.PAGE_SIZE


def avg(values):
    return sum(values) / len(values)


def stats(df):
    return df.c.total / 2
