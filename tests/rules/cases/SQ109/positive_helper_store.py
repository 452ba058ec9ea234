"""OpenStack's `model_query()`: a helper of this module returns a Query that each caller stores
and then narrows through other helpers (`add_identity_filter(query, ...)`) before running it.
Every stored call changes when the helper starts returning a `select()`."""
from oslo_db.sqlalchemy import enginefacade
from sqlalchemy.orm import Session

_CONTEXT = object()


def _session_for_read() -> Session:
    return enginefacade.reader.using(_CONTEXT)


def model_query(model, *args):
    with _session_for_read() as session:
        query = session.query(model, *args)  # expect: SQ109
        return query


def add_identity_filter(query, value):
    if isinstance(value, int):
        return query.filter_by(id=value)
    return query.filter_by(uuid=value)


class Connection:
    def get_node(self, node_id):
        query = model_query(Node)  # expect: SQ109
        query = add_identity_filter(query, node_id)
        return query.one()  # expect: SQ103

    def list_ports(self, limit):
        query = model_query(Port)  # expect: SQ109
        return paginate(query, limit)

    def hostnames(self):
        return model_query(Conductor.hostname)  # a helper itself: its callers are flagged
