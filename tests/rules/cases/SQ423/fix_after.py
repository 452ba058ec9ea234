from sqlalchemy.dialects import postgresql as postgres
from sqlalchemy.dialects import mysql as my
from sqlalchemy.dialects.sqlite import DATETIME
import sqlalchemy.databases
