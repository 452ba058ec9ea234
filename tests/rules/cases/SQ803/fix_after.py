import os
import warnings

import sqlalchemy as sa
from sqlalchemy.exc import SADeprecationWarning as RemovedIn20Warning, SAWarning
from sqlalchemy import exc

warnings.filterwarnings("error", category=sa.exc.SADeprecationWarning)
warnings.filterwarnings("error", category=exc.SADeprecationWarning)
warnings.simplefilter("ignore", RemovedIn20Warning)
os.environ["SQLALCHEMY_WARN_20"] = "1"

pytestmark = [
    "ignore::sqlalchemy.exc.SADeprecationWarning",
]
NOTE = "We used to turn RemovedIn20Warning into errors"  # prose: left alone
