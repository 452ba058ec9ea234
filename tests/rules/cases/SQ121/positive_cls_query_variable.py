"""`from_self()` on a Query stored from `cls.query` in a model's classmethod."""

from sqlalchemy import func

from .base import BaseModel


class Payment(BaseModel):
    @classmethod
    def get_export_data(cls, version_cls):
        changes = cls.query.join(cls.versions).group_by(cls.id)
        first_changes = (
            changes.join(version_cls.transaction)  # expect: SQ121 weak
            .with_entities(func.min(version_cls.issued_at).label("created"))
            .from_self()
        )
        return first_changes.all()
