from sqlalchemy.orm import Session


def testimonial_save(session: Session, text):
    """Named like a test, but a helper: `test_`, `testX` and `test` are tests, `testimonial` is not."""
    session.add(Testimonial(text=text))
    session.commit()  # expect: SQ212


def fixture_like(session: Session):
    session.commit()  # expect: SQ212
