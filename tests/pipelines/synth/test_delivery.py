"""write_delivery: determinism, the canonical CSV form, every blocking rule of extracts.md
(checked here independently with DuckDB over the written files) and calibration bands."""

import hashlib
from datetime import date
from pathlib import Path

import duckdb
import pytest
from synth_figures import COLUMNS, DATE_COLUMNS, END, figures, load

from neglect_insight.pipelines.synth import SCALES, write_delivery


def sha256s(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def failing(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    """Rows breaking a rule (the query selects them); at most five, for the message."""
    return con.execute(f"select * from ({sql}) limit 5").fetchall()


@pytest.fixture(scope="module", params=["small", "mid_month"])
def delivery(request) -> tuple[Path, date]:
    """The blocking rules hold for the default delivery and one ending mid-month."""
    if request.param == "small":
        return request.getfixturevalue("small")[0], END
    return request.getfixturevalue("mid_month")


@pytest.fixture(scope="module")
def db(delivery):
    con = load(delivery[0])
    yield con
    con.close()


def test_the_scale_sets_the_population(small):
    # Scale "small" is 4,000 children aged 0-17 at mid-2024; births and migration move it a
    # little (within 5%, 200 children).
    population = dict(line.split(",") for line in
                      (small[0] / "population.csv").read_text().splitlines()[1:])
    assert abs(int(population["2024"]) - SCALES["small"]) <= 200


def test_same_seed_same_bytes_other_seed_differs(tmp_path, small):
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    write_delivery(first, "small", 7, END, 5)
    write_delivery(second, "small", 7, END, 5)
    write_delivery(other, "small", 8, END, 5)
    assert sha256s(first) == sha256s(second)
    differs = {k for k, v in sha256s(other).items() if sha256s(first)[k] != v}
    assert {"children.csv", "referrals.csv", "cp_plans.csv", "attendance.csv"} <= differs


def test_files_headers_and_counts(small):
    folder, rows = small
    assert sorted(rows) == sorted(f"{name}.csv" for name in COLUMNS)
    for name, header in COLUMNS.items():
        raw = (folder / f"{name}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM
        text = raw.decode("utf-8")
        lines = text.splitlines()
        assert lines[0] == header, name
        assert len(lines) - 1 == rows[f"{name}.csv"], name
        assert "\r" not in text
    # Small scale is a few thousand children aged 0-17, a couple of thousand referrals.
    assert 500 < rows["children.csv"] < 4_000
    assert 500 < rows["referrals.csv"] < 3_000


def test_progress_names_each_step(tmp_path):
    messages = []
    write_delivery(tmp_path, progress=messages.append)
    assert "writing cp_plans.csv" in messages and "children" in messages


def test_ids_unique(db):
    for table, key in [("children", "child_id"), ("early_help", "episode_id"),
                       ("referrals", "referral_id"), ("assessments", "assessment_id"),
                       ("cp_plans", "plan_id"), ("population", "mid_year")]:  # fmt: skip
        assert not failing(db, f"select {key} from {table} group by 1 having count(*) > 1")
        assert not failing(db, f"select * from {table} where {key} is null")
    assert not failing(
        db, "select child_id, academic_year, term from attendance group by all having count(*) > 1"
    )
    # Pseudonyms: prefix and zero-padded digits.
    for table, key, prefix in [("children", "child_id", "C"), ("referrals", "referral_id", "R"),
                               ("assessments", "assessment_id", "A"), ("cp_plans", "plan_id", "P"),
                               ("early_help", "episode_id", "EH")]:  # fmt: skip
        assert not failing(
            db,
            f"select {key} from {table} where not regexp_full_match({key}, '{prefix}[0-9]{{7,}}')",
        )


def test_references_exist_and_children_agree(db):
    for table in ("early_help", "referrals", "assessments", "cin_plans", "cp_plans", "attendance"):
        assert not failing(db, f"select child_id from {table} anti join children using (child_id)")
    for table in ("assessments", "cin_plans", "cp_plans"):
        assert not failing(
            db, f"select referral_id from {table} anti join referrals using (referral_id)"
        )
        assert not failing(
            db,
            f"select t.* from {table} t join referrals r using (referral_id) "
            "where t.child_id <> r.child_id",
        )


def test_codes_and_required_values(db):
    code_rules = {
        ("children", "sex"): "('M','F','U')",
        ("children", "ethnicity"): "('WBRI','WIRI','WIRT','WOTH','WROM','MWBC','MWBA','MWAS',"
        "'MOTH','AIND','APKN','ABAN','AOTH','BCRB','BAFR','BOTH','CHNE','OOTH','REFU','NOBT')",
        ("referrals", "source"): "('1A','1B','1C','1D','2A','2B','3A','3B','3C','3D','3E','3F',"
        "'4','5A','5B','5C','5D','6','7','8','9','10')",
        ("early_help", "organisation"): "('la','school','health','voluntary','police','other')",
        ("cp_plans", "initial_category"): "('NEG','PHY','SAB','EMO','MUL')",
        ("attendance", "term"): "('autumn','spring','summer')",
    }
    for (table, column), allowed in code_rules.items():
        assert not failing(db, f"select {column} from {table} where {column} is null "
                               f"or {column} not in {allowed}")  # fmt: skip
    assert not failing(db, "select * from referrals where nfa is null")
    assert not failing(db, "select * from referrals where primary_need is null and not nfa")
    assert not failing(
        db, "select * from referrals where not regexp_full_match(primary_need, 'N[0-9]')"
    )
    assert not failing(
        db, "select * from referrals where not regexp_full_match(closure_reason, 'RC[1-9]')"
    )
    assert not failing(
        db, "select * from cp_plans where latest_category not in ('NEG','PHY','SAB','EMO','MUL')"
    )
    assert not failing(db, "select * from cp_plans where previous_plans < 0")
    assert not failing(db, "select * from early_help where gcp2_score not between 1 and 5")
    assert not failing(
        db,
        "select * from early_help where end_reason not in "
        "('needs_met','stepped_up','disengaged','moved_away','other')",
    )
    assert not failing(db, "select * from attendance where not regexp_full_match(academic_year, "
                           "'[0-9]{4}/[0-9]{2}')")  # fmt: skip


def test_set_exactly_when(db):
    # closure_reason set exactly when closure_date is; end_reason exactly when EH end_date is.
    assert not failing(
        db, "select * from referrals where (closure_date is null) <> (closure_reason is null)"
    )
    assert not failing(
        db, "select * from early_help where (end_date is null) <> (end_reason is null)"
    )


def test_date_orders(db):
    for table, start, end in [("early_help", "start_date", "end_date"),
                              ("referrals", "referral_date", "closure_date"),
                              ("assessments", "start_date", "authorised_date"),
                              ("cin_plans", "start_date", "end_date"),
                              ("cp_plans", "start_date", "end_date")]:  # fmt: skip
        assert not failing(db, f"select * from {table} where {end} < {start}")
    assert not failing(
        db,
        "select a.* from assessments a join referrals r using (referral_id) "
        "where a.start_date < r.referral_date",
    )


def test_nothing_after_the_end(db, delivery):
    end = delivery[1]
    for table, header in COLUMNS.items():
        for column in set(header.split(",")) & DATE_COLUMNS:
            assert not failing(db, f"select * from {table} where {column} > date '{end}'"), (
                table, column)  # fmt: skip


def test_births(db):
    # birth_month and expected_birth_month are firsts of months; one of the two is set.
    assert not failing(db, "select * from children where day(birth_month) <> 1 "
                           "or day(expected_birth_month) <> 1")  # fmt: skip
    assert not failing(db, "select * from children where birth_month is null "
                           "and expected_birth_month is null")  # fmt: skip
    events = """
        select child_id, start_date as d, 'eh' as kind from early_help
        union all select child_id, referral_date, 'referral' from referrals
        union all select child_id, start_date, 'assessment' from assessments
        union all select child_id, start_date, 'cin_plan' from cin_plans
        union all select child_id, start_date, 'cp_plan' from cp_plans"""
    # Under 18 at the earliest event.
    assert not failing(
        db,
        f"""
        select child_id from ({events}) join children using (child_id)
        group by child_id, birth_month
        having min(d) >= any_value(birth_month) + interval 18 year""",
    )
    # EH episodes and referrals no earlier than 9 months before the (expected) birth month.
    for month in ("birth_month", "expected_birth_month"):
        assert not failing(
            db,
            f"""
            select * from ({events}) join children using (child_id)
            where kind in ('eh', 'referral') and d < {month} - interval 9 month""",
        )
    # Unborn children: expected month after every referral.
    assert not failing(
        db,
        """
        select * from referrals join children using (child_id)
        where birth_month is null and expected_birth_month <= referral_date""",
    )
    # Children with pre-birth work, now born, keep their expected month.
    assert failing(db, "select * from children where expected_birth_month is not null "
                       "and birth_month is not null")  # fmt: skip


def test_unborn_children_at_la_scale(la):
    # Unborn at the end: due this month (no date after the end), referred before it.
    con = load(la)
    unborn = con.execute(
        "select expected_birth_month from children where birth_month is null"
    ).fetchall()
    assert unborn and {month for (month,) in unborn} == {date(2025, 3, 1)}
    assert not failing(
        con,
        """
        select * from referrals join children using (child_id)
        where birth_month is null and expected_birth_month <= referral_date""",
    )


def test_cp_plans_of_a_child_never_overlap(db):
    # A plan may start on the day the previous one ends; open plans run to infinity.
    assert not failing(
        db,
        """
        select a.plan_id, b.plan_id from cp_plans a join cp_plans b
          on a.child_id = b.child_id and a.plan_id < b.plan_id
        where a.start_date < coalesce(b.end_date, date '9999-12-31')
          and b.start_date < coalesce(a.end_date, date '9999-12-31')""",
    )


def test_one_open_cin_episode_per_child(db):
    assert not failing(
        db,
        """
        select child_id from referrals where not nfa and closure_date is null
        group by child_id having count(*) > 1""",
    )


def test_attendance(db, delivery):
    end = delivery[1]
    assert not failing(db, "select * from attendance where possible_sessions <= 0 "
                           "or absence_sessions < 0 or absence_sessions > possible_sessions "
                           "or unauthorised_sessions < 0 "
                           "or unauthorised_sessions > absence_sessions")  # fmt: skip
    # A term row exists only if the term started by the end (2024/25 summer starts 1 April).
    assert not failing(
        db,
        f"""
        select * from attendance, (select cast(left(academic_year, 4) as int) as y) s
        where case term when 'autumn' then make_date(y, 9, 1)
                        when 'spring' then make_date(y + 1, 1, 1)
                        else make_date(y + 1, 4, 1) end > date '{end}'""",
    )
    # The term under way at the end is there (2024/25 spring at 31 March, autumn at 15 December).
    term = "spring" if end.month == 3 else "autumn"
    assert failing(
        db, f"select * from attendance where academic_year = '2024/25' and term = '{term}'"
    )
    # Compulsory school age: 5-15 on 1 September of the academic year.
    assert not failing(
        db,
        """
        select * from attendance join children using (child_id),
             (select make_date(cast(left(academic_year, 4) as int), 9, 1) as sep) s
        where birth_month is null or birth_month > sep - interval 5 year
           or birth_month <= sep - interval 16 year""",
    )
    assert not failing(db, "select * from attendance_all_pupils "
                           "where persistent_absentees > pupils "
                           "or severe_absentees > persistent_absentees "
                           "or absence_sessions > possible_sessions")  # fmt: skip


def test_population_and_early_years(db, delivery):
    assert not failing(
        db, "select * from population where population_0_17 <= 0 or mid_year is null"
    )
    # Every year the data spans, and the year before.
    first = db.execute("select min(year(referral_date)) from referrals").fetchone()[0]
    years = [y for (y,) in db.execute("select mid_year from population order by 1").fetchall()]
    assert years == list(range(first - 1, delivery[1].year + 1))
    assert not failing(db, "select * from early_years where taking_up < 0 or eligible_2yo < 0 "
                           "or taking_up > eligible_2yo")  # fmt: skip
    assert not failing(db, "select * from early_years where day(term_start) <> 1 "
                           "or month(term_start) not in (9, 1, 4)")  # fmt: skip


def test_calibration_at_la_scale(la):
    """Generous bands around England (reference.md); figures follow indicators.md, worked in
    synth_figures.py: 12 months ending 31 March 2025, rates over mid-2024 population."""
    f = figures(la, date(2025, 3, 31))
    assert 15 <= f["rereferral_12m"] <= 30  # England 22.6%
    assert 15 <= f["cpp_second_or_subsequent"] <= 35  # 24.5%
    assert 35 <= f["cp_neglect_share_open"] <= 65  # ~50%
    assert 25 <= f["cp_per_10k"] <= 60  # 40.6
    assert 220 <= f["cin_per_10k"] <= 450  # 330.3
    assert 400 <= f["referrals_per_10k"] <= 650  # 519
    assert 10 <= f["neglect_16a_share"] <= 28  # 17.6%
    assert 15 <= f["absence_cp"] <= 30  # CPPO 21.8%
    assert 40 <= f["persistent_cp"] <= 70  # 55.4%
    assert 12 <= f["absence_cin"] <= 24  # CINO 17.4%
    assert 5 <= f["absence_all"] <= 9  # 7.1%
    assert 8 <= f["cpp_ended_within_3m"] <= 25  # 15.9%
    assert 55 <= f["fras_2yo_takeup"] <= 75  # 65%
    # Neglect as in life: younger children, beside the toxic trio, in early help too.
    assert f["under5_share_cp_neg"] > f["under5_share_cp_other"]
    for code in ("1B", "2B", "3B", "4B"):
        assert f[f"trio_{code}_neg"] > 1.5 * f[f"trio_{code}_other"]
    assert 15 <= f["eh_neglect_share"] <= 25
    assert 0.7 <= f["eh_starts"] / f["referrals"] <= 1.4
    assert f["eh_step_up"] > 5 and f["step_down_to_eh"] > 10
