from app.search import Index


class Finder:
    # A plain class: its `cls.query` is whatever the class defines.
    query = Index()

    @classmethod
    def lookup(cls, term):
        return cls.query.filter(term).first()


class Remote(Index):
    @staticmethod
    def build(cls):
        # Not a classmethod, and the first parameter is only named like one.
        return cls.query.lower()


def describe(Settings):
    return Settings.query.lower()
