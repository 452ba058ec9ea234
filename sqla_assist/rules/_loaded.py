"""Importing this imports every rule module.

The scan's forkserver preloads it, so pool workers fork with the rules already imported
instead of each importing ~150 modules before analysing their first file.
"""

from __future__ import annotations

from sqla_assist.rules import all_rules

RULES = all_rules()
