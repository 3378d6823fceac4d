"""cross.previous_plans_at_least_earlier_plans (query): previous_plans ≥ the child's earlier
plans in the data. C001's P001 (line 2) ran 2024-01-20 to 2024-08-15 with previous_plans 0.
"""

from neglect_insight.pipelines.validate.rules import previous_plans_at_least_earlier_plans as rule


def test_fewer_previous_plans_than_the_data_shows_is_a_query(delivery):
    line = delivery.append("cp_plans.csv", plan_id="P004", child_id="C001", referral_id="R001",
                           start_date="2024-09-01", initial_category="NEG",
                           previous_plans="0")  # fails: P001 is an earlier plan
    [f] = delivery.rule(rule)
    assert (f.rule_id, f.severity, f.file, f.line, f.column, f.value) == (
        "cross.previous_plans_at_least_earlier_plans", "query", "cp_plans.csv", line,
        "previous_plans", "0")
    assert "holds 1 earlier plan for child C001" in f.message


def test_enough_more_or_unknown_previous_plans_pass(delivery):
    delivery.append("cp_plans.csv", plan_id="P004", child_id="C001", referral_id="R001",
                    start_date="2024-09-01", initial_category="NEG",
                    previous_plans="1")  # passes: exactly P001
    delivery.append("cp_plans.csv", plan_id="P005", child_id="C001", referral_id="R001",
                    start_date="2024-12-01", initial_category="NEG",
                    previous_plans="")  # passes: empty is not checked
    delivery.set("cp_plans.csv", 3, previous_plans="4")  # passes: more than the data shows
    assert delivery.rule(rule) == []
