"""Behaviour cases for the fixers of SQ108–SQ128 and SQ8xx (merged into `corpus.CASES`).

Same shape as corpus.py: name → (rules the fix must apply, header, body of `run`).
"""

from __future__ import annotations

HEADERS_SELECT = {
    "W": (
        "import warnings\n"
        "import sqlalchemy as sa\n"
        "from sqlalchemy import exc\n"
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.exc import RemovedIn20Warning\n"
        "from sqlalchemy.orm import Session\n"
    ),
    "M": (
        "from sqlalchemy.engine import Connection\n"
        "from sqlalchemy.ext.automap import automap_base\n"
        "from sqlalchemy.orm import Session\n"
    ),
}

Q = "session.query"
_WARN = (
    "with warnings.catch_warnings(record=True) as seen:\n"
    "    warnings.simplefilter('always')\n"
    "    warnings.simplefilter('error', {cat})\n"
    "    try:\n"
    "        warnings.warn('gone', exc.MovedIn20Warning)\n"
    "        return 'not raised'\n"
    "    except Warning as e:\n"
    "        return [issubclass(type(e), DeprecationWarning), str(e)]\n"
)
CASES_SELECT: dict[str, tuple[tuple[str, ...], str, str]] = {
    # -- SQ803 RemovedIn20Warning -----------------------------------------------------------
    "warn20_import_filter": (("SQ803",), "W", _WARN.format(cat="RemovedIn20Warning")),
    "warn20_attribute_filter": (("SQ803",), "W", _WARN.format(cat="sa.exc.RemovedIn20Warning")),
    "warn20_string_filter": (
        ("SQ803",),
        "W",
        "with warnings.catch_warnings():\n"
        "    warnings.filterwarnings('error', category=exc.RemovedIn20Warning)\n"
        "    spec = 'error::sqlalchemy.exc.RemovedIn20Warning'\n"
        "    return spec.split('::')[1].rsplit('.', 1)[0]",
    ),
    # -- SQ805 automap prepare ----------------------------------------------------------------
    "automap_reflect": (
        ("SQ805",),
        "M",
        "Base = automap_base()\nBase.prepare(conn.engine, reflect=True)\nreturn sorted(Base.classes.keys())",
    ),
    "automap_engine_kw": (
        ("SQ805",),
        "M",
        "Base = automap_base()\nBase.prepare(engine=conn.engine, reflect=True)\n"
        "u = session.get(Base.classes.users, 2)\nreturn [u.name, sorted(Base.classes.keys())]",
    ),
    "automap_no_reflect": (
        ("SQ805",),
        "M",
        "Base = automap_base()\nBase.prepare(engine=conn.engine)\nreturn sorted(Base.classes.keys())",
    ),
    "automap_positional_reflect_false": (
        ("SQ805",),
        "M",
        "Base = automap_base()\nBase.prepare(conn.engine, reflect=False)\nreturn sorted(Base.classes.keys())",
    ),
}
