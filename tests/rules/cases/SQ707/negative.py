from sqlalchemy.orm import with_parent

a = with_parent(user, User.addresses)
tree.with_parent(node, "children")
