"""Model `assessment_factors`: one row per assessment with neglect (16A) and the parental toxic
trio (1B alcohol, 2B drugs, 3B domestic abuse, 4B mental health; reference.md)."""

import duckdb

from neglect_insight.pipelines.load.build import SQL_ROOT, build_macros

MODEL_SQL = (SQL_ROOT / "models" / "assessment_factors.sql").read_text()


def model(rows: list[tuple[str, str | None]]) -> dict[str, tuple]:
    """Build the model on a bare connection holding only stg_assessments (factors as sent)."""
    conn = duckdb.connect()
    build_macros(conn)
    conn.execute("create table raw (assessment_id varchar, factors varchar)")
    conn.executemany("insert into raw values (?, ?)", rows)
    conn.execute("create view stg_assessments as select assessment_id, 'r' as referral_id, "
                 "'c' as child_id, date '2024-01-01' as start_date, "
                 "date '2024-02-01' as authorised_date, as_factor_list(factors) as factor_list "
                 "from raw")
    out = conn.execute(
        f"select assessment_id, is_neglect, has_alcohol_misuse, has_drug_misuse, "
        f"has_domestic_abuse, has_mental_health, has_toxic_trio from ({MODEL_SQL})").fetchall()
    conn.close()
    return {r[0]: r[1:] for r in out}


def test_factor_flags():
    got = model([
        ("a1", "16A;1B;3B"),   # neglect, alcohol, domestic abuse
        ("a2", "16a; 2b"),     # lower case and spaces: neglect, drugs
        ("a3", "4B"),          # mental health, no neglect
        ("a4", "1A;2C;4A;3C"), # the same concerns about the child or another person: none
        ("a5", "16A"),         # neglect alone
        ("a6", None),          # no factors
    ])
    assert got == {
        "a1": (True, True, False, True, False, True),
        "a2": (True, False, True, False, False, True),
        "a3": (False, False, False, False, True, True),
        "a4": (False, False, False, False, False, False),
        "a5": (True, False, False, False, False, False),
        "a6": (False, False, False, False, False, False),
    }
