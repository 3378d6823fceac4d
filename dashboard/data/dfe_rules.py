"""Methodology reader: the DfE CIN census validation rules a delivery is checked against, by
DfE number, in words (from the rule modules themselves, so the list cannot drift from what runs).
"""

from __future__ import annotations

import pandas as pd

from neglect_insight.dashboard.data.quality import SEVERITY_MEANINGS
from neglect_insight.pipelines.validate.rules import dfe_rules

APPLIES_WORDS = {True: "Every delivery (CSV files and converted official files)",
                 False: "CIN census returns (checked as the XML is read)"}


def dfe_rules_table() -> pd.DataFrame:
    """One row per DfE rule we check: number, the DfE's wording, what a failure does and which
    deliveries it applies to."""
    rows = [{"DfE rule": r.code, "What it checks": r.message,
             "If it fails": SEVERITY_MEANINGS[r.severity],
             "Applies to": APPLIES_WORDS[r.every_delivery]}
            for r in dfe_rules()]
    return pd.DataFrame(rows, columns=["DfE rule", "What it checks", "If it fails",
                                       "Applies to"])
