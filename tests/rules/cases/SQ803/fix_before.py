import os
import warnings

import sqlalchemy as sa
from sqlalchemy.exc import RemovedIn20Warning, SAWarning
from sqlalchemy import exc

warnings.filterwarnings("error", category=sa.exc.RemovedIn20Warning)
warnings.filterwarnings("error", category=exc.RemovedIn20Warning)
warnings.simplefilter("ignore", RemovedIn20Warning)
os.environ["SQLALCHEMY_WARN_20"] = "1"

pytestmark = [
    "ignore::sqlalchemy.exc.RemovedIn20Warning",
]
NOTE = "We used to turn RemovedIn20Warning into errors"  # prose: left alone
