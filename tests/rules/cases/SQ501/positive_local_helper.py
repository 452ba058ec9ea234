# Rows handed back by a helper of this module.
def _traits_of(context, rp_id):
    return context.session.execute(select_traits(rp_id)).fetchall()


def trait_ids(context, rp_id):
    return set(rec["id"] for rec in _traits_of(context, rp_id))  # expect: SQ501 weak
