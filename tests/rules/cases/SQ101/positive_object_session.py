from sqlalchemy.orm import object_session


class Session:
    def totals(self, entity):
        return object_session(self).query(entity).join(Transaction).all()  # expect: SQ101
