import warnings

import sqlalchemy as sa
from sqlalchemy.exc import MovedIn20Warning, SADeprecationWarning

warnings.filterwarnings("error", category=SADeprecationWarning)
warnings.filterwarnings("ignore", category=sa.exc.LegacyAPIWarning)
warnings.filterwarnings("ignore", category=MovedIn20Warning)
SQLALCHEMY_WARN = "not the variable"
