import sqlalchemy as sa
from alembic import op


def upgrade():
    # `op.create_table()` returns the Table; the data migration then fills it.
    templates = op.create_table(
        "sg_templates",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("direction", sa.String(10)),
    )
    session = sa.orm.Session(bind=op.get_bind())
    for rule in ({"id": "a", "direction": "in"},):
        session.execute(templates.insert(rule))  # expect: SQ604
