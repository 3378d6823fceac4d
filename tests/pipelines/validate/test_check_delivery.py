"""check_delivery, end to end on the hand-made valid delivery (tests/fixtures/valid_delivery,
every row explained in its README.md) and on copies that break or drop a file."""

from datetime import date

from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES
from neglect_insight.pipelines.validate import check_delivery

EXTRACT_DATE = date(2025, 3, 31)  # the valid delivery's (its README.md)


def test_valid_delivery_passes_every_rule(delivery):
    conn, staged = delivery.stage()
    assert staged.findings == []  # format and file rules pass too
    said: list[str] = []
    rules_ran, findings = check_delivery(conn, staged, EXTRACT_DATE, said.append)
    assert findings == []  # no blocking findings, and no queries either
    ran = [(rule.id, file) for rule, file in rules_ran]
    files = {file for _, file in ran}
    assert files == {e.file_name for e in EXTRACT_FILES.values()}
    kinds = {rule_id.split(".")[0] for rule_id, _ in ran}
    assert {"identifiers", "cross"} <= kinds
    assert ("cp_plans.end_not_before_start", "cp_plans.csv") in ran  # a contract rule
    assert ("cp_plans.start_date.type", "cp_plans.csv") in ran  # a type rule
    assert ("cross.cp_plans_no_overlap", "cp_plans.csv") in ran
    assert any("identifiers" in m for m in said)  # progress is reported
    assert "Checking cp_plans.csv against its data contract" in said


def test_absent_optional_files_are_not_checked(delivery):
    for file in ("cin_plans.csv", "attendance.csv", "attendance_all_pupils.csv",
                 "population.csv", "early_years.csv", "gcp2.csv", "case_audits.csv"):
        delivery.remove(file)
    ran, findings = delivery.run()
    assert findings == []
    assert {file for _, file in ran} == {"children.csv", "early_help.csv", "referrals.csv",
                                         "assessments.csv", "cp_plans.csv"}
    assert ("cross.cin_plan_within_episode", "cin_plans.csv") not in ran


def test_a_file_that_failed_its_format_check_is_not_checked(delivery):
    delivery.write("cp_plans.csv", delivery.text("cp_plans.csv") + "P009,C001\n")  # 2 fields
    conn, staged = delivery.stage()
    assert "cp_plans" not in staged.loadable_reads
    ran, findings = delivery.run()
    assert "cp_plans.csv" not in {file for _, file in ran}
    assert "cross.cp_plans_no_overlap" not in {rule_id for rule_id, _ in ran}
    assert ("cross.child_exists", "referrals.csv") in ran  # still runs on the other files
    assert findings == []


def test_rules_needing_an_unloadable_file_do_not_run(delivery):
    # children.csv in semicolons fails its format check: nothing can be compared with it.
    delivery.write("children.csv", delivery.text("children.csv").replace(",", ";"))
    ran, findings = delivery.run()
    ran_ids = {rule_id for rule_id, _ in ran}
    assert {"cross.child_exists", "cross.event_before_birth", "cross.child_under_18"} & ran_ids \
        == set()
    assert "cross.referral_exists" in ran_ids
    assert findings == []  # no finding claims a child is missing


def test_wrong_type_is_reported_once(delivery):
    delivery.set("cp_plans.csv", 3, start_date="20/07/2024")  # P002: not ISO
    # reported as a type error only, not also as empty (start_date_required) or as a query
    found = [(f.rule_id, f.line, f.value) for f in delivery.check()]
    assert found == [("cp_plans.start_date.type", 3, "20/07/2024")]


def test_query_findings_do_not_block(delivery):
    delivery.set("assessments.csv", 5, factors="16A")  # A004 not authorised: a query
    [f] = delivery.check()
    assert (f.rule_id, f.severity, f.file, f.line, f.column, f.value) == (
        "assessments.factors_only_when_authorised", "query", "assessments.csv", 5, "factors",
        "16A")


def test_findings_from_every_step_are_returned_together(delivery):
    delivery.set("early_years.csv", 2, taking_up="many")  # type
    delivery.set("cp_plans.csv", 2, end_date="2024-01-19")  # contract: ends before it starts
    delivery.set("attendance.csv", 5, child_id="C404")  # cross-file: no such child
    found = sorted((f.rule_id, f.file, f.line) for f in delivery.check())
    assert found == [
        ("cp_plans.end_not_before_start", "cp_plans.csv", 2),
        ("cross.child_exists", "attendance.csv", 5),
        ("early_years.taking_up.type", "early_years.csv", 2),
    ]
