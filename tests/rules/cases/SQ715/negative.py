from sqlalchemy.orm import UserDefinedOption


class TenantOption(UserDefinedOption):
    pass


class MapperOption:
    pass


class Other(MapperOption):
    pass
