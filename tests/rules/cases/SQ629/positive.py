from sqlalchemy.dialects import mysql
from sqlalchemy.dialects.mysql import ENUM, SET

a = ENUM("a", "b", quoting="quoted")  # expect: SQ629
b = SET("x", quoting="unquoted")  # expect: SQ629
c = mysql.ENUM("x", quoting="auto")  # expect: SQ629
