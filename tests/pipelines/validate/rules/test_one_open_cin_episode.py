"""cross.one_open_cin_episode: at most one open CIN episode (not nfa, no closure_date) per child.

C002's R002 (line 3, 2024-06-10) is open in the valid delivery.
"""

from neglect_insight.pipelines.validate.rules import one_open_cin_episode


def test_second_open_episode_is_found(delivery):
    line = delivery.append("referrals.csv", referral_id="R007", child_id="C002",
                           referral_date="2025-01-15", source="6", primary_need="N1",
                           nfa="false")  # fails: open while R002 is open (line 8)
    [f] = delivery.rule(one_open_cin_episode)
    assert (f.rule_id, f.severity, f.file, f.line, f.column) == (
        "cross.one_open_cin_episode", "blocking", "referrals.csv", line, "closure_date")
    assert "R002 (line 3)" in f.message


def test_open_nfa_or_closed_referrals_are_not_open_episodes(delivery):
    delivery.append("referrals.csv", referral_id="R007", child_id="C002",
                    referral_date="2025-01-15", source="6", nfa="true")  # nfa: not an episode
    delivery.append("referrals.csv", referral_id="R008", child_id="C002",
                    referral_date="2025-01-20", source="6", primary_need="N1", nfa="false",
                    closure_date="2025-02-01", closure_reason="RC8")  # closed (an overlap query)
    assert delivery.rule(one_open_cin_episode) == []
