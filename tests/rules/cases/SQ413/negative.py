from concurrent.futures import Future
from __future__ import annotations
from sqlalchemy import select, create_engine
