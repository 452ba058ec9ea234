from sqlalchemy.orm import Session


def inserts(session: Session, rows):
    session.bulk_insert_mappings(User, rows)  # expect: SQ804


def updates(session: Session):
    session.bulk_update_mappings(User, [{"id": 1, "name": "x"}])  # expect: SQ804


def objects(session: Session, objs):
    session.bulk_save_objects(objs, return_defaults=True)  # expect: SQ804


def weak(db, rows):
    db.bulk_insert_mappings(Item, rows)  # expect: SQ804 weak
