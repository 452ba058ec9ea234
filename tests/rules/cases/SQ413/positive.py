from sqlalchemy.future import select, create_engine  # expect: SQ413
import sqlalchemy.future  # expect: SQ413
from sqlalchemy.future.orm import Session  # expect: SQ413
