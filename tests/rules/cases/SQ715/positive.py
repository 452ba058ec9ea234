from sqlalchemy.orm import contains_alias
from sqlalchemy.orm.interfaces import MapperOption


class TenantOption(MapperOption):  # expect: SQ715
    def process_query(self, query):
        pass


opt = contains_alias("ualias")  # expect: SQ715
