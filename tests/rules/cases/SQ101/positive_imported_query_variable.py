from app import db
from app.models import Proposal


def filtered(types):
    # The Query is built on an imported Flask model's `Model.query` and kept in a variable.
    proposal_query = Proposal.query.filter_by(hidden=False)
    if types:
        proposal_query = proposal_query.filter(Proposal.type.in_(types))
    return proposal_query.all()  # expect: SQ101 weak


def through_session():
    q = db.session.query(Proposal).filter_by(hidden=False)
    return q.all()  # expect: SQ101 weak
