from sqlalchemy.orm import lazyload, relationship

a = lazyload(User.addresses)


class User(Base):
    addresses = relationship("Address", lazy="select")


config = dict(lazy="noload")
