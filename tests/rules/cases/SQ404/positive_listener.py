"""A DDL event listener receives the Connection the DDL runs on (geoalchemy2's spatial
indexes), also through a helper nested beside the listeners."""
from sqlalchemy import Table, event


def _setup_listeners():
    @event.listens_for(Table, "after_create")
    def after_create(target, connection, **kw):
        dispatch("after-create", target, connection)

    @event.listens_for(Table, "before_drop")
    def before_drop(target, connection, **kw):
        connection.execute("DROP INDEX IF EXISTS idx_%s" % target.name)  # expect: SQ404
        dispatch("before-drop", target, connection)

    def dispatch(event_name, table, bind):
        if event_name == "after-create":
            bind.execute('CREATE INDEX "idx_%s" ON "%s" USING GIST (geom)' % (table.name, table.name))  # expect: SQ404
