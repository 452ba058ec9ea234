"""Print what a models module maps, as JSON: run by SQLAlchemy 1.4 and 2.x alike.

usage: python model_probe.py FILE [strict]   (strict: SQLAlchemy deprecation warnings are errors)
The CREATE TABLE statements (SQLite) of every MetaData the module exposes, and for every
mapped class its attributes: the kind of each property and, for relationships, direction,
uselist, target and loader. Two runs are equal exactly when the mapping is the same.
"""

import json
import sys
import types

from sqlalchemy import MetaData, inspect
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import configure_mappers
from sqlalchemy.schema import CreateTable


def probe(path):
    module = types.ModuleType("probed_models")
    sys.modules[module.__name__] = module
    with open(path) as fh:
        exec(compile(fh.read(), path, "exec"), module.__dict__)
    configure_mappers()
    metadatas = []
    for value in list(vars(module).values()):
        md = value if isinstance(value, MetaData) else getattr(value, "metadata", None)
        if isinstance(md, MetaData) and all(md is not m for m in metadatas):
            metadatas.append(md)
    ddl = sorted(
        str(CreateTable(t).compile(dialect=sqlite.dialect())).strip() for md in metadatas for t in md.sorted_tables
    )
    mapped = {}
    for name, value in sorted(vars(module).items()):
        if not isinstance(value, type) or value.__module__ != module.__name__:
            continue
        mapper = inspect(value, raiseerr=False)
        if mapper is None:
            continue
        attrs = {}
        for prop in mapper.attrs:
            if prop.__class__.__name__ == "RelationshipProperty" or hasattr(prop, "direction"):
                attrs[prop.key] = [
                    "relationship",
                    prop.direction.name,
                    bool(prop.uselist),
                    prop.mapper.class_.__name__,
                    str(prop.lazy),
                    [str(c) for c in prop.order_by] if prop.order_by else None,
                ]
            elif hasattr(prop, "columns"):
                # ColumnProperty on 1.4 is MappedColumn/MappedSQLExpression-backed on 2.x: compare what it maps.
                attrs[prop.key] = ["column", [str(c) for c in prop.columns], bool(getattr(prop, "deferred", False))]
            else:
                attrs[prop.key] = [prop.__class__.__name__]
        mapped[name] = attrs
    return {"ddl": ddl, "mapped": mapped}


if __name__ == "__main__":
    if sys.argv[2:] == ["strict"]:
        import warnings

        from sqlalchemy import exc

        warnings.simplefilter("error", exc.SADeprecationWarning)
    print(json.dumps(probe(sys.argv[1])))
