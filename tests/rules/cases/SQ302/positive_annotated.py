from typing import Any

import sqlalchemy.orm as orm
from sqlalchemy.orm import declarative_base

_DECL_BASE: Any = declarative_base()  # expect: SQ302
Other: "Any" = orm.declarative_base()  # expect: SQ302
