import csv

from sqlalchemy.dialects.mysql import ENUM

a = ENUM("a", "b")
w = csv.writer(open("f"), quoting=csv.QUOTE_ALL)
