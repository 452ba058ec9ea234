"""oslo.db's `model_query(model, session)` is `session.query(model)` with filters applied, and
its `paginate_query(query, ...)` hands the Query back."""
from oslo_db.sqlalchemy import utils as sqlalchemyutils


def instances(context, model, limit):
    query = sqlalchemyutils.model_query(model, context.session, deleted=False)
    query = query.filter_by(project_id=context.project_id)
    query = sqlalchemyutils.paginate_query(query, model, limit, ["id"])
    return query.all()  # expect: SQ101
