import os
import warnings

import sqlalchemy as sa
from sqlalchemy.exc import RemovedIn20Warning  # expect: SQ803

warnings.filterwarnings("error", category=sa.exc.RemovedIn20Warning)  # expect: SQ803
os.environ["SQLALCHEMY_WARN_20"] = "1"  # expect: SQ803

pytestmark = [
    "ignore::sqlalchemy.exc.RemovedIn20Warning",  # expect: SQ803
]
