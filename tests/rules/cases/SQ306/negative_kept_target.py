"""`mapper` attributes that are not the deprecated function kept as a target."""

import sqlalchemy as sa
from sqlalchemy import inspect


def configured(model):
    return inspect(model).mapper


def listen_modern():
    sa.event.listen(sa.orm.Mapper, "mapper_configured", print)


class Plugin:
    def __init__(self, registry):
        self.target = registry.mapper
