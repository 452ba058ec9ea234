from sqlalchemy import union

u = union(s1, s2).order_by("id").limit(10)
v = {1}.union({2})
w = set_a.union(set_b, other=1)
