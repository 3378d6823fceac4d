"""The planted query-level rows are in the small delivery, a handful of each kind, each found
here with its own query (the blocking-rule tests in test_delivery.py run on the same files)."""

import pytest
from synth_figures import load

QUERIES = {
    # Factors set on an assessment not yet authorised.
    "unauthorised_with_factors": "select * from assessments "
    "where authorised_date is null and factors is not null",
    # A factor code not of the DfE form (1-2 digits and an optional letter).
    "factor_not_dfe_form": "select * from (select unnest(string_split(factors, ';')) as code "
    "from assessments) where not regexp_full_match(code, '[0-9]{1,2}[A-Za-z]?')",
    # A CP plan starting before its referral.
    "cp_before_referral": "select * from cp_plans p join referrals r using (referral_id) "
    "where p.start_date < r.referral_date",
    # Two closed CIN episodes of a child overlapping: the earlier closed after the later began.
    "overlapping_cin_episodes": "select * from referrals a join referrals b "
    "on a.child_id = b.child_id and a.referral_id <> b.referral_id "
    "and a.referral_date < b.referral_date and a.closure_date > b.referral_date "
    "where not a.nfa and not b.nfa",
    # previous_plans smaller than the earlier plans of the child in the data.
    "previous_plans_too_small": "select * from cp_plans p where p.previous_plans < "
    "(select count(*) from cp_plans e where e.child_id = p.child_id "
    "and e.start_date < p.start_date)",
    # An nfa referral with an assessment.
    "nfa_with_assessment": "select * from assessments join referrals using (referral_id) where nfa",
    # A CIN plan outside its episode.
    "cin_plan_outside_episode": "select * from cin_plans p join referrals r using (referral_id) "
    "where p.start_date < r.referral_date or p.end_date > r.closure_date",
}


@pytest.fixture(scope="module")
def db(small):
    con = load(small[0])
    yield con
    con.close()


@pytest.mark.parametrize("kind", QUERIES)
def test_a_handful_of_each_kind(db, kind):
    found = db.execute(f"select count(*) from ({QUERIES[kind]})").fetchone()[0]
    assert 3 <= found <= 10, (kind, found)


def test_overlapping_episodes_are_both_closed(db):
    # The overlap is a query; two episodes open at once would be blocking.
    open_pairs = db.execute(
        QUERIES["overlapping_cin_episodes"].replace("select *", "select count(*)")
        + " and b.closure_date is null"
    ).fetchone()[0]
    assert open_pairs == 0
