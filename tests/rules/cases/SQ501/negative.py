import csv
import json

import pandas as pd
from sqlalchemy import create_engine, select, text

engine = create_engine("sqlite://")


def dicts():
    row = {"name": "x"}
    record = json.loads("{}")
    return row["name"], record["id"]


def rows_from_csv(path):
    with open(path) as f:
        for row in csv.DictReader(f):
            print(row["name"])


def pandas_rows(df: pd.DataFrame):
    for idx, row in df.iterrows():
        print(row["name"])
    df.apply(lambda row: row["a"] + 1, axis=1)


def mappings():
    with engine.connect() as conn:
        for row in conn.execute(text("SELECT 1 AS x")).mappings():
            print(row["x"])
        r = conn.execute(text("SELECT 1 AS x")).mappings().first()
        print(r["x"])


def built(items):
    for r in items:
        print(r["x"])
    row = {}
    row["name"] = 1
    print(row["name"])


def int_index():
    with engine.connect() as conn:
        for row in conn.execute(select(1)):
            print(row[0], row[-1], row[:2])


def cursor_rows(raw):
    cursor = raw.cursor()
    for row in cursor.fetchall():
        print(row["name"])


def typed(row: dict):
    return row["name"]


def with_get(r):
    return r.get("a") or r["b"]


def from_payload(action):
    for r in action()["results"]:
        print(r["name"])
    result = action()["result"]
    for i, row in enumerate(result["records"]):
        print(row["x"])


def checked(record):
    if not isinstance(record, dict):
        raise TypeError(record)
    return record["id"]


def insert(records):
    for record in records:
        print(record["id"])
