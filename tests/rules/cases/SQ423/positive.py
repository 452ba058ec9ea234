from sqlalchemy.databases import postgres  # expect: SQ423
import sqlalchemy.databases.mysql  # expect: SQ423
