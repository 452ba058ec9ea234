from sqlalchemy.orm import aliased, contains_eager

aa = aliased(Address)
a = contains_eager(User.addresses.of_type(aa))
b = aliased(User, alias=None)
