"""Headline figures of a synthetic delivery, computed straight from its CSVs with DuckDB, and
the contract's columns and types for the tests that check the files.

Written independently of the generator, following shared/spec/indicators.md, for the
calibration tests and for comparing a run with England (`python synth_figures.py DIR`).
Period: the 12 months ending `period_end` (inclusive), e.g. 2024-04-01..2025-03-31.
Rates per 10k use the population of mid-year year(period_end) - 1.
"""

import sys
from datetime import date
from pathlib import Path

import duckdb

END = date(2025, 3, 31)  # default end of a synthetic delivery, and the period end used here

COLUMNS = {
    "children": "child_id,sex,birth_month,expected_birth_month,ethnicity,disabled,locality",
    "early_help": "episode_id,child_id,start_date,end_date,factors,end_reason,organisation,"
    "gcp2_score",
    "referrals": "referral_id,child_id,referral_date,source,primary_need,nfa,closure_date,"
    "closure_reason",
    "assessments": "assessment_id,referral_id,child_id,start_date,authorised_date,factors",
    "cin_plans": "child_id,referral_id,start_date,end_date",
    "cp_plans": "plan_id,child_id,referral_id,start_date,end_date,initial_category,"
    "latest_category,previous_plans",
    "attendance": "child_id,academic_year,term,possible_sessions,absence_sessions,"
    "unauthorised_sessions",
    "attendance_all_pupils": "academic_year,term,pupils,possible_sessions,absence_sessions,"
    "persistent_absentees,severe_absentees",
    "population": "mid_year,population_0_17",
    "early_years": "term_start,eligible_2yo,taking_up",
    "gcp2": "assessment_id,child_id,completed_date,agency,physical_care,safety,emotional_care,"
    "developmental_care,overall",
    "case_audits": "audit_id,audit_date,theme,child_id,grade,agencies",
}
DATE_COLUMNS = {"birth_month", "expected_birth_month", "start_date", "end_date", "referral_date",
                "closure_date", "authorised_date", "term_start", "completed_date",
                "audit_date"}  # fmt: skip
INT_COLUMNS = {"gcp2_score", "previous_plans", "possible_sessions", "absence_sessions",
               "unauthorised_sessions", "pupils", "persistent_absentees", "severe_absentees",
               "mid_year", "population_0_17", "eligible_2yo", "taking_up", "physical_care",
               "safety", "emotional_care", "developmental_care", "overall"}  # fmt: skip


# England figures from shared/spec/reference.md (2025 unless said).
ENGLAND = {
    "referrals_per_10k": 519.4,  # 632,830 / 12,183,016
    "rereferral_12m": 22.6,
    "cin_per_10k": 330.3,
    "cp_per_10k": 40.6,
    "cp_starts_per_10k": 50.8,  # 61,840 / 12.18M
    "cpp_second_or_subsequent": 24.5,
    "cp_neglect_share_open": 50.5,  # 2020
    "neglect_16a_share": 17.6,
    "cpp_ended_within_3m": 15.9,
    "cpp_ended_2y_plus": 4.4,
    "cpp_open_2y_plus": 2.3,
    "absence_cp": 21.8,
    "persistent_cp": 55.4,
    "severe_cp": 15.4,
    "absence_cin": 17.4,
    "persistent_cin": 46.0,
    "severe_cin": 11.3,
    "absence_all": 7.1,  # 2023/24
    "persistent_all": 20.0,
    "severe_all": 2.3,
    "fras_2yo_takeup": 65.0,
}


def load(folder: Path) -> duckdb.DuckDBPyConnection:
    """Each file as a table with the contract's types; a value that does not parse fails."""
    con = duckdb.connect()
    for name, header in COLUMNS.items():
        types = {
            c: "DATE" if c in DATE_COLUMNS else "BIGINT" if c in INT_COLUMNS
            else "BOOLEAN" if c in ("nfa", "disabled") else "VARCHAR"
            for c in header.split(",")
        }  # fmt: skip
        con.execute(
            f"create table {name} as select * from read_csv(?, header=true, columns={types!r}, "
            "dateformat='%Y-%m-%d', auto_detect=false, quote='\"', delim=',')",
            [str(folder / f"{name}.csv")],
        )
    return con


def figures(folder: Path, period_end: date = END) -> dict[str, float]:
    """Percentages (or per-10k rates) keyed like ENGLAND, plus a few counts."""
    con = load(folder)
    pe = period_end.isoformat()
    params = {"pe": pe}

    def one(sql: str) -> float:
        used = {k: v for k, v in params.items() if f"${k}" in sql}  # DuckDB wants exactly these
        value = con.execute(sql, used).fetchone()[0]
        return float(value) if value is not None else float("nan")

    period = "$pe::date - interval 12 month + interval 1 day"  # period_start
    population = one("select population_0_17 from population where mid_year = year($pe::date) - 1")
    out: dict[str, float] = {"population": population}

    # referrals: referral_date in the period, nfa included.
    referrals = one(f"select count(*) from referrals where referral_date between {period} and $pe")
    out["referrals"] = referrals
    out["referrals_per_10k"] = 1e4 * referrals / population

    # rereferral_12m: another referral of the child dated in [d - 12 months, d).
    # The latest strictly earlier referral date of the child (a same-day one does not count).
    out["rereferral_12m"] = one(f"""
        with dated as (
            select referral_date, max(referral_date) over (
                partition by child_id order by referral_date
                range between unbounded preceding and interval 1 day preceding) as previous_date
            from referrals)
        select 100 * avg(case when previous_date >= referral_date - interval 12 month
                         then 1 else 0 end)
        from dated where referral_date between {period} and $pe""")

    # Children in need at period end: non-nfa episodes open at period end (start <= pe and
    # closure empty or after pe), distinct children; CP children are inside this.
    out["cin_per_10k"] = (
        1e4
        * one("""
        select count(distinct child_id) from referrals where not nfa and referral_date <= $pe
          and (closure_date is null or closure_date > $pe)""")
        / population
    )

    # cp_rate_per_10k: children with a plan open at period end.
    open_cp = "start_date <= $pe and (end_date is null or end_date > $pe)"
    out["cp_per_10k"] = (
        1e4 * one(f"select count(distinct child_id) from cp_plans where {open_cp}") / population
    )
    cp_starts = one(f"select count(*) from cp_plans where start_date between {period} and $pe")
    out["cp_starts"] = cp_starts
    out["cp_starts_per_10k"] = 1e4 * cp_starts / population

    # cpp_second_or_subsequent: earlier plan of the child in the data, or previous_plans > 0.
    out["cpp_second_or_subsequent"] = one(f"""
        with plans as (
            select start_date, previous_plans,
                min(start_date) over (partition by child_id) as first_start
            from cp_plans)
        select 100 * avg(case when coalesce(previous_plans, 0) > 0 or first_start < start_date
                         then 1 else 0 end)
        from plans where start_date between {period} and $pe""")

    # cp_neglect_share_open: category = latest, else initial.
    out["cp_neglect_share_open"] = one(f"""
        select 100 * avg(case when coalesce(latest_category, initial_category) = 'NEG'
                         then 1 else 0 end)
        from cp_plans where {open_cp}""")
    out["cp_neglect_share_starts"] = one(f"""
        select 100 * avg(case when initial_category = 'NEG' then 1 else 0 end)
        from cp_plans where start_date between {period} and $pe""")

    # cpp_ended_within_3m and (reference.md) ended lasting 2 years or more.
    ended = f"end_date between {period} and $pe"
    out["cpp_ended_within_3m"] = one(f"""
        select 100 * avg(case when end_date <= start_date + interval 3 month then 1 else 0 end)
        from cp_plans where {ended}""")
    out["cpp_ended_2y_plus"] = one(f"""
        select 100 * avg(case when end_date >= start_date + interval 2 year then 1 else 0 end)
        from cp_plans where {ended}""")
    # cpp_open_2y_plus: open at period end with start <= pe - 2 years.
    out["cpp_open_2y_plus"] = one(f"""
        select 100 * avg(case when start_date <= $pe::date - interval 2 year then 1 else 0 end)
        from cp_plans where {open_cp}""")

    # 16A among episodes with assessment factors: episodes with an assessment authorised in
    # the period carrying factors; neglect if any such assessment lists 16A.
    out["neglect_16a_share"] = one(f"""
        with eps as (
            select referral_id, max(case when list_contains(string_split(upper(factors), ';'),
                                                              '16A') then 1 else 0 end) as neg
            from assessments
            where authorised_date between {period} and $pe and factors is not null
            group by referral_id)
        select 100 * avg(neg) from eps""")

    # Toxic trio beside neglect: share of those episodes with 3B (domestic abuse, parent),
    # with and without 16A.
    for code in ("1B", "2B", "3B", "4B"):
        for label, test in (("neg", "neg = 1"), ("other", "neg = 0")):
            out[f"trio_{code}_{label}"] = one(f"""
                with eps as (
                    select referral_id,
                        max(case when list_contains(f, '16A') then 1 else 0 end) as neg,
                        max(case when list_contains(f, '{code}') then 1 else 0 end) as has
                    from (select referral_id, string_split(factors, ';') as f from assessments
                          where authorised_date between {period} and $pe
                            and factors is not null)
                    group by referral_id)
                select 100 * avg(has) from eps where {test}""")

    # Attendance, academic year containing pe, cohorts "open at any time in the year".
    ay_start = date(period_end.year - (period_end.month < 9), 9, 1)
    ay = f"{ay_start.year}/{(ay_start.year + 1) % 100:02d}"
    params.update({"ays": ay_start.isoformat(), "aye": date(ay_start.year + 1, 8, 31).isoformat(),
                   "ay": ay})  # fmt: skip
    cohorts = {
        "cp": "select distinct child_id from cp_plans where start_date <= $aye "
        "and (end_date is null or end_date >= $ays)",
        "cin": "select distinct child_id from referrals where not nfa and referral_date <= $aye "
        "and (closure_date is null or closure_date >= $ays)",
        "eh": "select distinct child_id from early_help where start_date <= $aye "
        "and (end_date is null or end_date >= $ays)",
    }
    for name, cohort in cohorts.items():
        rates = f"""
            with kids as ({cohort}),
            years as (
                select a.child_id, sum(absence_sessions) as absent, sum(possible_sessions) as poss
                from attendance a join kids using (child_id)
                where a.academic_year = $ay group by a.child_id)"""
        out[f"absence_{name}"] = one(f"{rates} select 100 * sum(absent) / sum(poss) from years")
        out[f"persistent_{name}"] = one(
            f"{rates} select 100 * avg(case when absent / poss >= 0.1 then 1 else 0 end) from years"
        )
        out[f"severe_{name}"] = one(
            f"{rates} select 100 * avg(case when absent / poss >= 0.5 then 1 else 0 end) from years"
        )
    out["absence_all"] = one(
        "select 100 * sum(absence_sessions) / sum(possible_sessions) from attendance_all_pupils "
        "where academic_year = $ay"
    )
    out["persistent_all"] = one(
        "select 100 * sum(persistent_absentees) / sum(pupils) from attendance_all_pupils "
        "where academic_year = $ay"
    )
    out["severe_all"] = one(
        "select 100 * sum(severe_absentees) / sum(pupils) from attendance_all_pupils "
        "where academic_year = $ay"
    )

    # fras_2yo_takeup: terms starting in the period.
    out["fras_2yo_takeup"] = one(f"""
        select 100 * sum(taking_up) / sum(eligible_2yo) from early_years
        where term_start between {period} and $pe""")

    # Early help beside referrals, neglect in EH, step-up and step-down flows.
    out["eh_starts"] = one(
        f"select count(*) from early_help where start_date between {period} and $pe"
    )
    out["eh_neglect_share"] = one(f"""
        select 100 * avg(case when list_contains(string_split(factors, ';'), '16A')
                         then 1 else 0 end)
        from early_help where start_date between {period} and $pe""")
    out["eh_step_up"] = one(f"""
        with ended as (
            select episode_id, child_id, end_date, end_reason from early_help
            where end_date between {period} and $pe),
        followed as (
            select distinct e.episode_id from ended e join referrals r
              on r.child_id = e.child_id
             and r.referral_date between e.end_date and e.end_date + interval 3 month)
        select 100 * avg(case when end_reason = 'stepped_up' or f.episode_id is not null
                         then 1 else 0 end)
        from ended left join followed f using (episode_id)""")
    out["step_down_to_eh"] = one(f"""
        with closed as (
            select referral_id, child_id, closure_date, closure_reason from referrals
            where closure_date between {period} and $pe),
        followed as (
            select distinct r.referral_id from closed r join early_help e
              on e.child_id = r.child_id and e.start_date > r.closure_date
             and e.start_date <= r.closure_date + interval 3 month)
        select 100 * avg(case when closure_reason = 'RC9' or f.referral_id is not null
                         then 1 else 0 end)
        from closed left join followed f using (referral_id)""")

    # Neglect in younger children: share of under-5s (at plan start) among NEG and other
    # plans starting in the period.
    for label, test in (("neg", "= 'NEG'"), ("other", "<> 'NEG'")):
        out[f"under5_share_cp_{label}"] = one(f"""
            select 100 * avg(case when c.birth_month is null
                               or p.start_date < c.birth_month + interval 5 year then 1 else 0 end)
            from cp_plans p join children c using (child_id)
            where p.start_date between {period} and $pe and p.initial_category {test}""")
    con.close()
    return out


def table(rows: dict[str, dict[str, float]]) -> str:
    """A markdown table: one row per figure, one column per run, England last."""
    names = list(rows)
    lines = ["| figure | " + " | ".join(names) + " | England |", "|---" * (len(names) + 2) + "|"]
    keys = list(next(iter(rows.values())))
    for key in keys:
        england = ENGLAND.get(key)
        cells = [f"{rows[n][key]:,.1f}" for n in names]
        lines.append(
            f"| {key} | " + " | ".join(cells) + f" | {'' if england is None else england} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    runs = {Path(p).name: figures(Path(p)) for p in sys.argv[1:]}
    print(table(runs))
