"""cross.cp_plans_no_overlap: CP plans of one child do not overlap; a plan may start on the
day the previous one ends. P001 (line 2) is C001's plan, 2024-01-20 to 2024-08-15.
"""

from neglect_insight.pipelines.validate.rules import cp_plans_no_overlap


def test_plan_starting_before_the_previous_ends_is_found(delivery):
    line = delivery.append("cp_plans.csv", plan_id="P004", child_id="C001", referral_id="R001",
                           start_date="2024-08-14", initial_category="NEG")  # fails: P001 ends
    [f] = delivery.rule(cp_plans_no_overlap)  # the next day (line 5)
    assert (f.rule_id, f.file, f.line, f.column, f.value) == (
        "cross.cp_plans_no_overlap", "cp_plans.csv", line, "start_date", "2024-08-14")
    assert "P001 (line 2) ends on 2024-08-15" in f.message


def test_plan_starting_the_day_the_previous_ends_passes(delivery):
    delivery.append("cp_plans.csv", plan_id="P004", child_id="C001", referral_id="R001",
                    start_date="2024-08-15", initial_category="NEG")  # passes: same day
    delivery.append("cp_plans.csv", plan_id="P005", child_id="C003", referral_id="R004",
                    start_date="2024-08-14", initial_category="NEG")  # passes: another child
    assert delivery.rule(cp_plans_no_overlap) == []


def test_plan_while_an_open_plan_runs_is_found_once(delivery):
    first = delivery.append("cp_plans.csv", plan_id="P004", child_id="C002", referral_id="R002",
                            start_date="2024-10-01", end_date="2024-11-01",
                            initial_category="PHY")  # fails: P002 (line 3) is still open
    second = delivery.append("cp_plans.csv", plan_id="P005", child_id="C002",
                             referral_id="R002", start_date="2024-10-15",
                             initial_category="PHY")  # fails: inside P002 and P004; once
    assert [(f.line, f.value) for f in delivery.rule(cp_plans_no_overlap)] == [
        (first, "2024-10-01"), (second, "2024-10-15")]
