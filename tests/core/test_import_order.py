"""New import lines land in their package's group, not after the project's own imports."""

from __future__ import annotations

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, ImportItem

from sqla_assist.core.import_order import place_new_imports


def add(src: str, module: str, obj: str, first_party: str = "app") -> str:
    old = cst.parse_module(src)
    new = AddImportsVisitor(CodemodContext(), [ImportItem(module, obj)]).transform_module(old)
    return place_new_imports(old, new, first_party).code


def test_joins_its_own_package_in_dotted_order() -> None:
    src = "import os\n\nfrom sqlalchemy.orm import Session\n\nfrom app.db import Base\n\nx = 1\n"
    out = add(src, "sqlalchemy", "select")
    assert out.index("from sqlalchemy import select") < out.index("from sqlalchemy.orm import Session")
    assert out.index("from sqlalchemy import select") > out.index("import os")


def test_after_its_package_when_it_sorts_last() -> None:
    src = "import sqlalchemy as sa\nfrom app.db import Base\n"
    out = add(src, "sqlalchemy.orm", "relationship")
    assert out == "import sqlalchemy as sa\nfrom sqlalchemy.orm import relationship\nfrom app.db import Base\n"


def test_new_package_goes_before_first_party_and_relative_imports() -> None:
    src = '"""Doc."""\nfrom __future__ import annotations\n\nimport os\nfrom .models import User\n'
    out = add(src, "sqlalchemy", "select", first_party="shop")
    lines = out.splitlines()
    assert lines.index("from sqlalchemy import select") == lines.index("from .models import User") - 1
    assert lines.index("from sqlalchemy import select") > lines.index("import os")
    assert lines[0] == '"""Doc."""'


def test_merged_names_stay_in_place() -> None:
    src = "from sqlalchemy import Column\nfrom app.db import Base\n"
    out = add(src, "sqlalchemy", "select")
    assert out == "from sqlalchemy import Column, select\nfrom app.db import Base\n"


def test_file_without_imports_gets_them_at_the_top() -> None:
    out = add("x = 1\n", "sqlalchemy", "select")
    assert out.startswith("from sqlalchemy import select\n")
