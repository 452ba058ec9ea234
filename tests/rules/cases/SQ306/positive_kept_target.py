"""`sa.orm.mapper` kept for a later `event.listen(*args)` (listener tables, default targets)."""

import sqlalchemy as sa


class PropertyObserver:
    def __init__(self):
        self.listener_args = [
            (
                sa.orm.mapper,  # expect: SQ306 weak
                "mapper_configured",
                self.update,
            ),
        ]

    def register(self):
        for args in self.listener_args:
            sa.event.listen(*args)

    def update(self, mapper, cls):
        pass


def force_auto_coercion(mapper=None):
    if mapper is None:
        mapper = sa.orm.mapper  # expect: SQ306 weak
    sa.event.listen(mapper, "mapper_configured", print)
