"""octavia: callers of the project's session helper ask for a non-autocommit session; the
argument goes when the helper drops its autocommit flag."""
from octavia.db import api as db_apis


def lock_amphora(repo, amphora_id):
    lock_session = db_apis.get_session(autocommit=False)  # expect: SQ202 weak
    try:
        repo.lock(lock_session, amphora_id)
        lock_session.commit()
    except Exception:
        lock_session.rollback()
        raise
