"""The synthetic practice files (issue 12, point 4): gcp2.csv and case_audits.csv, coherent with
the timelines, within the contract, deterministic, and drawn from a stream of their own so every
other file is byte for byte what it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import numpy as np
import pytest
from synth_figures import END, load

from neglect_insight.pipelines.synth import practice, write_delivery

GRADES = ("physical_care", "safety", "emotional_care", "developmental_care", "overall")


def sha256s(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def db(small) -> duckdb.DuckDBPyConnection:
    con = load(small[0])
    yield con
    con.close()


def one(con: duckdb.DuckDBPyConnection, sql: str):
    return con.execute(sql).fetchall()[0][0]


def test_other_files_do_not_depend_on_the_practice_draws(tmp_path, small, monkeypatch):
    # Another practice stream changes gcp2.csv and case_audits.csv and nothing else.
    monkeypatch.setattr(practice, "stream", lambda seed: np.random.Generator(
        np.random.PCG64(seed + 1000)))
    other = tmp_path / "other"
    write_delivery(other, "small", 1, END, 5)
    first, second = sha256s(small[0]), sha256s(other)
    assert {k for k in first if first[k] != second[k]} == {"gcp2.csv", "case_audits.csv"}


def test_both_files_have_rows_and_are_deterministic(tmp_path, small):
    assert small[1]["gcp2.csv"] > 100 and small[1]["case_audits.csv"] > 20
    again = tmp_path / "again"
    write_delivery(again, "small", 1, END, 5)
    for name in ("gcp2.csv", "case_audits.csv"):
        assert (again / name).read_bytes() == (small[0] / name).read_bytes()


def test_contract_rules_hold(db):
    assert one(db, "select count(*) from (select assessment_id from gcp2 group by 1 "
                   "having count(*) > 1)") == 0
    assert one(db, "select count(*) from (select audit_id from case_audits group by 1 "
                   "having count(*) > 1)") == 0
    for grade in GRADES:
        assert one(db, f"select count(*) from gcp2 where {grade} is null "
                       f"or {grade} not between 1 and 5") == 0
    assert one(db, "select count(*) from gcp2 where agency not in "
                   "('la','school','health','voluntary','police','other')") == 0
    assert one(db, "select count(*) from case_audits where theme not in ('neglect','other') "
                   "or grade not in ('outstanding','good','requires_improvement','inadequate') "
                   "or not regexp_full_match(agencies, '(la|school|health|voluntary|police|"
                   "other)(;(la|school|health|voluntary|police|other))*')") == 0
    assert one(db, "select count(*) from gcp2 anti join children using (child_id)") == 0
    assert one(db, "select count(*) from case_audits where child_id is not null and child_id "
                   "not in (select child_id from children)") == 0
    assert one(db, "select max(completed_date) from gcp2") <= END
    assert one(db, "select max(audit_date) from case_audits") <= END
    # A GCP2 is of a born child, on or after the month of birth.
    assert one(db, "select count(*) from gcp2 join children using (child_id) "
                   "where birth_month is null or completed_date < birth_month") == 0


def test_gcp2s_follow_neglect_episodes(db):
    # Every child with a GCP2 has an early help or children in need neglect episode.
    assert one(db, """
        select count(*) from (select distinct child_id from gcp2) as g
        where child_id not in (select child_id from early_help where factors like '%16A%')
          and child_id not in (select a.child_id from assessments as a
                               join referrals as r using (referral_id)
                               where a.factors like '%16A%' and not r.nfa)""") == 0
    # Health and schools complete more GCP2s than the LA in early help.
    by_agency = dict(db.execute("select agency, count(*) from gcp2 group by 1").fetchall())
    assert by_agency["health"] + by_agency["school"] > by_agency["la"]


def test_rescores_come_3_to_6_months_after_and_improve_more_often_than_not(db):
    # GCP2s of one child within a year of each other: mostly a rescore 3 to 6 months after the
    # first (the others are from another episode of the child), better more often than worse.
    pairs = db.execute("""
        select gap, change from (
            select completed_date - lag(completed_date) over w as gap,
                   overall - lag(overall) over w as change
            from gcp2 window w as (partition by child_id order by completed_date, assessment_id))
        where gap <= 365""").fetchall()
    rescores = [change for gap, change in pairs if 91 <= gap <= 183]
    assert len(rescores) > 30 and len(rescores) >= 0.7 * len(pairs)
    assert sum(c < 0 for c in rescores) > 2 * sum(c > 0 for c in rescores)


def test_a_few_neglect_audits_every_quarter(db):
    per_quarter = db.execute("""
        select date_trunc('quarter', audit_date) as q, count(*) filter (where theme = 'neglect')
        from case_audits group by 1 order by 1""").fetchall()
    assert len(per_quarter) == 20  # five years of quarters to 31 March 2025
    assert all(n <= 12 for _, n in per_quarter)
    assert sum(n for _, n in per_quarter) / len(per_quarter) >= 2
    assert one(db, "select count(*) from case_audits where child_id is null") >= 1


def test_every_scale_writes_both_files(la):
    con = load(la)
    per_year = one(con, "select count(*) from gcp2 where completed_date > date '2024-03-31'")
    audits = one(con, "select count(*) from case_audits where audit_date > date '2024-03-31' "
                      "and theme = 'neglect'")
    assert per_year > 300  # an LA of 60,000 children: hundreds of GCP2s a year
    assert 12 <= audits <= 120  # a few to a couple of dozen a quarter


def test_quarters_of_the_window():
    days = practice._quarters(int(np.datetime64("2024-02-10", "D").astype(int)),
                              int(np.datetime64("2024-08-15", "D").astype(int)))
    as_dates = [(str(np.datetime64(a, "D")), str(np.datetime64(b, "D"))) for a, b in days]
    assert as_dates == [("2024-04-01", "2024-06-30"), ("2024-07-01", "2024-08-15")]
