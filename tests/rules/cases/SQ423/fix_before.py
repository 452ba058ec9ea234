from sqlalchemy.databases import postgres
from sqlalchemy.databases import mysql as my
from sqlalchemy.databases.sqlite import DATETIME
import sqlalchemy.databases
