# A table reached through objects the analysis cannot follow: `whereclause=` or a WHERE clause
# over `.c.` columns says it is a FROM clause's `select()`.
class LogsConnectorComponent:
    def get_logs(self, conn, whereclause, stepid):
        q = self.db.model.logs.select(whereclause=whereclause)  # expect: SQ603
        tbl = self.db.model.logchunks
        r = conn.execute(tbl.select(tbl.c.logid == stepid))  # expect: SQ603
        return q, r
