# A table reached through objects the analysis cannot follow (buildbot's `self.db.model.builds`):
# the arguments alone say it is SQLAlchemy's DML.
import sqlalchemy as sa


class BuildsConnectorComponent:
    def set_state(self, conn, buildid, state):
        builds_tbl = self.db.model.builds
        q = builds_tbl.update(whereclause=builds_tbl.c.id == buildid)  # expect: SQ604
        conn.execute(q, {"state": state})
        conn.execute(builds_tbl.delete(builds_tbl.c.id == buildid))  # expect: SQ604
        conn.execute(
            self.db.model.steps.update(  # expect: SQ604
                (self.db.model.steps.c.buildid == buildid) & (self.db.model.steps.c.complete == 0)
            )
        )
