"""Run the corpus modules in a folder and print their normalised results as JSON.

Executed by the SQLAlchemy 1.4 venv (legacy code) and by the installed 2.x (fixed code,
with SQLAlchemy's deprecation warnings turned into errors). Valid on both versions.
usage: runner.py FOLDER MODE NAME...
"""

import importlib
import json
import sys
import warnings


def main():
    folder, mode, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    sys.path.insert(0, folder)
    import sqlalchemy as sa
    from sqlalchemy import exc
    from sqlalchemy.engine import Row
    from sqlalchemy.orm import Session

    if mode == "fixed":
        warnings.simplefilter("error", exc.SADeprecationWarning)
        warnings.simplefilter("error", getattr(exc, "LegacyAPIWarning", exc.SADeprecationWarning))
    import bmodels

    def norm(value):
        if isinstance(value, bmodels.Base):
            loaded = value.__dict__.get("addresses")
            return ["entity", type(value).__name__, value.id, None if loaded is None else len(loaded)]
        if isinstance(value, Row):
            return ["row", [norm(v) for v in value]]
        if isinstance(value, (list, tuple)):
            return [type(value).__name__, [norm(v) for v in value]]
        if isinstance(value, dict):
            return ["dict", sorted((str(k), norm(v)) for k, v in value.items())]
        if value is None or isinstance(value, (int, float, str, bool)):
            return value
        return ["other", type(value).__name__, repr(value)]

    out = {}
    for name in names:
        engine = sa.create_engine("sqlite://")
        bmodels.seed(engine)
        session = Session(engine)
        conn = engine.connect()
        try:
            module = importlib.import_module(name)
            out[name] = norm(module.run(session, conn))
        except Exception as error:  # the exception type is part of the behaviour
            out[name] = ["raise", type(error).__name__, str(error).splitlines()[0][:200] if mode == "fixed" and "Warning" in type(error).__name__ else ""]
        finally:
            session.close()
            conn.close()
            engine.dispose()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
