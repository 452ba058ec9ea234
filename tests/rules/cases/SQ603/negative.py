import sqlalchemy as sa
from bs4 import BeautifulSoup
from sqlalchemy import Column, Integer, MetaData, Table, select

from app.pages import page

metadata = MetaData()
users = Table("users", metadata, Column("id", Integer))

a = users.select().where(users.c.id == 5)
b = select(users).where(users.c.id == 5)
soup = BeautifulSoup("<p/>", "html.parser")
c = soup.select("div.item")
d = page.select("a[href]")
e = select(users.c.id).select()


def pick(selector, widget):
    return selector.select(widget, timeout=1)
