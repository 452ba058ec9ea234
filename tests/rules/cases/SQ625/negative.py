from sqlalchemy import distinct, func, select

a = select(t).distinct()
b = select(func.count(distinct(t.c.x)))
df = spark.read.load()
c = df.distinct()
d = table.distinct("x")
