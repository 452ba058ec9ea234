from sqlalchemy.orm import noload, relationship

a = noload(User.addresses)  # expect: SQ711


class User(Base):
    addresses = relationship("Address", lazy="noload")  # expect: SQ711
    orders = db.relationship("Order", lazy="noload")  # expect: SQ711
