from sqlalchemy import orm
from sqlalchemy.ext import declarative  # (the module import itself is fine)


class RBACColumns:
    # The module is imported once; its names are used far from the import line.
    @declarative.declared_attr  # expect: SQ301
    def target_tenant(cls):
        return orm.synonym("target_project")
