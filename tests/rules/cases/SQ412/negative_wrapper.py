# `autoload` of other libraries' objects.
from app.ui import Table, Panel

t = Table("projects", autoload=False)
p = Panel("projects", autoload=True)
