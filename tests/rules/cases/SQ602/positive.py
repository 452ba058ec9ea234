import sqlalchemy as sa
from sqlalchemy import *

a = select([users.c.id], users.c.id == 5)  # expect: SQ602
b = sa.select([users.c.id], order_by=[users.c.id], limit=5)  # expect: SQ602
c = select(  # expect: SQ602
    [users.c.id],
    whereclause=users.c.id > 1,
    from_obj=[users.join(addresses)],
    distinct=True,
)
d = select([users], use_labels=True)  # expect: SQ602
