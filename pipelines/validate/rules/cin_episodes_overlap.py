"""A child's CIN episodes do not overlap (query).

extracts.md, "Cross-file rules": "A child has at most one open CIN episode (referral not nfa,
no closure_date) at a time; overlapping episodes are a query."

Episodes are the child's referrals that are not nfa, from referral_date to closure_date (open
when empty). A referral that starts before an earlier episode of the same child closes is
reported (a referral on the day the previous one closes is not an overlap). Two episodes that
are both still open are `cross.one_open_cin_episode` (blocking) and are not repeated here.

DfE rule 8820 (a DfE error; a query here, as the spec says).
"""

from __future__ import annotations

from datetime import date

import duckdb

from neglect_insight.pipelines.delivery_types import Finding, Rule, finding

RULE = Rule("cross.cin_episodes_overlap", "query",
            "The referral starts before an earlier CIN episode of the same child closes. Check "
            "the referral_date and the earlier episode's closure_date.", "8820")
DFE_MESSAGE = (  # the DfE rule's own wording, for the list of DfE rules covered
    "The dates on the CIN episodes for this child overlap.")
NEEDS = ()
CHECKS = ("referrals",)

SQL = """
with episodes as (
    select referral_id, child_id, referral_date, closure_date, _line
    from stg_referrals
    where child_id is not null and referral_date is not null and nfa is distinct from true
),
overlapping as (
    select later._line, later.referral_id, later.child_id, later.referral_date,
        earlier.referral_id as earlier_id, earlier._line as earlier_line,
        earlier.closure_date as earlier_closure_date
    from episodes as later
    join episodes as earlier
        on earlier.child_id = later.child_id
        and (earlier.referral_date, earlier._line) < (later.referral_date, later._line)
        and later.referral_date < coalesce(earlier.closure_date, 'infinity'::date)
        and not (earlier.closure_date is null and later.closure_date is null)
    qualify row_number() over (partition by later._line order by earlier.referral_date,
        earlier._line) = 1
)
select * from overlapping order by _line
"""


def check(conn: duckdb.DuckDBPyConnection, extract_date: date) -> list[Finding]:
    findings = []
    for line, referral_id, child_id, start, earlier_id, earlier_line, earlier_closure in (
            conn.execute(SQL).fetchall()):
        until = f"closed on {earlier_closure}" if earlier_closure else "is still open"
        findings.append(finding(RULE, "referrals.csv", line, "referral_date", start, message=(
            f"referrals.csv, line {line}, referral_date: referral {referral_id} of child "
            f"{child_id} starts on {start}, while the child's earlier episode {earlier_id} "
            f"(line {earlier_line}) {until}. CIN episodes of one child should not overlap: "
            "check both referrals' dates, or record the new concern within the open episode.")))
    return findings
