"""Things indexed by strings that are not SQLAlchemy rows, even next to SQLAlchemy code."""

import csv
import sqlite3

import requests
from sqlalchemy import Column, Integer, MetaData, String, Table

users = Table("users", MetaData(), Column("id", Integer), Column("name", String))


def dict_named_row():
    row = {"name": "x"}
    return row["name"]


def from_requests(url):
    row = requests.get(url).json()
    return row["name"]


def from_csv(path):
    with open(path) as handle:
        for row in csv.DictReader(handle):
            print(row["name"])


def from_sqlite3(path):
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    for row in conn.execute("SELECT name FROM users"):
        print(row["name"])
    cur = conn.cursor()
    row = cur.execute("SELECT name FROM users").fetchone()
    return row["name"]

