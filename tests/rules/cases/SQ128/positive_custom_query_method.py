from app.models.sketch import Sketch


def load(sketch_id, user):
    # `Sketch.query_class` is the project's Query subclass with its own lookups: the gathering
    # pass confirms `Sketch` is a model.
    return Sketch.query.get_with_acl(sketch_id, user=user)  # expect: SQ128 weak
