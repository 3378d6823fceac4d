"""cross.cin_episodes_overlap (query): a referral starting before the child's earlier episode
closes. C003's R004 (line 5) runs 2024-10-01 to 2025-02-28; R003 (line 4) is nfa.
"""

from neglect_insight.pipelines.validate.rules import cin_episodes_overlap


def test_episode_starting_inside_an_earlier_one_is_a_query(delivery):
    line = delivery.append("referrals.csv", referral_id="R007", child_id="C003",
                           referral_date="2025-02-27", source="6", primary_need="N1",
                           nfa="false")  # fails: starts the day before R004 closes (line 8)
    [f] = delivery.rule(cin_episodes_overlap)
    assert (f.rule_id, f.severity, f.file, f.line, f.column, f.value) == (
        "cross.cin_episodes_overlap", "query", "referrals.csv", line, "referral_date",
        "2025-02-27")
    assert "R004 (line 5) closed on 2025-02-28" in f.message


def test_closed_episode_inside_an_open_one_is_a_query(delivery):
    line = delivery.append("referrals.csv", referral_id="R007", child_id="C002",
                           referral_date="2024-09-01", source="6", primary_need="N1",
                           nfa="false", closure_date="2024-10-01",
                           closure_reason="RC8")  # fails: R002 (line 3) is still open
    assert [(f.line, f.rule_id) for f in delivery.rule(cin_episodes_overlap)] == [
        (line, "cross.cin_episodes_overlap")]


def test_episode_starting_on_the_closure_day_passes(delivery):
    delivery.append("referrals.csv", referral_id="R007", child_id="C003",
                    referral_date="2025-02-28", source="6", primary_need="N1",
                    nfa="false")  # passes: R004 closes that day
    delivery.set("referrals.csv", 4, referral_date="2024-10-01",
                 closure_date="2024-10-02")  # passes: R003 is nfa, not an episode
    assert delivery.rule(cin_episodes_overlap) == []


def test_two_open_episodes_are_left_to_the_blocking_rule(delivery):
    delivery.append("referrals.csv", referral_id="R007", child_id="C002",
                    referral_date="2025-01-15", source="6", primary_need="N1", nfa="false")
    assert delivery.rule(cin_episodes_overlap) == []
