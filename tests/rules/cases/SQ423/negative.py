from sqlalchemy.dialects import postgresql
from myapp.databases import postgres
