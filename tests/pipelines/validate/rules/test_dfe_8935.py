"""dfe.8935: at most one open CP plan per child. P002 (line 3) is C002's open plan."""

from neglect_insight.pipelines.validate.rules import cp_plans_no_overlap, dfe_8935


def test_second_open_plan_is_found_once(delivery):
    line = delivery.append("cp_plans.csv", plan_id="P004", child_id="C002", referral_id="R002",
                           start_date="2024-12-01",
                           initial_category="NEG")  # fails: open while P002 is open (line 5)
    [f] = delivery.rule(dfe_8935)
    assert (f.rule_id, f.severity, f.file, f.line, f.column, f.value) == (
        "dfe.8935", "blocking", "cp_plans.csv", line, "end_date", "P004")
    assert "P002 (line 3)" in f.message and "DfE rule 8935" in f.message
    assert delivery.rule(cp_plans_no_overlap) == []  # not repeated as an overlap (DfE 8940)


def test_ended_plans_and_other_children_pass(delivery):
    delivery.append("cp_plans.csv", plan_id="P004", child_id="C001", referral_id="R001",
                    start_date="2024-08-15", initial_category="NEG")  # passes: P001 has ended
    assert delivery.rule(dfe_8935) == []  # C002 and C004 have one open plan each
