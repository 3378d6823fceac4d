"""All pupils or only children: the school census rows of a delivery, decided once its children
are loaded (pipelines/read/all_pupils.py), and the all-pupils figures derived from them.

The census export below holds 8 pupils; valid_delivery has 5 children (C001-C005), so the file
holds all pupils. Worked by hand (absence = authorised + unauthorised; a pupil's year flag is
judged over all its rows of that academic year: persistent at >= 10%, severe at >= 50%):

    pupil  year     term    possible absence  pupil's year      persistent severe
    C001   2024/25  autumn    100        5    20 / 200 = 10%    yes        no
    C001   2024/25  spring    100       15
    C005   2024/25  autumn    100       60    60%               yes        yes
    P1     2024/25  autumn    100        0    2 / 200 = 1%      no         no
    P1     2024/25  spring    100        2
    P2     2024/25  autumn    100        9    9%                no         no
    P3     2024/25  spring     80        8    10%               yes        no
    P4     2024/25  autumn    100       50    50%               yes        yes
    P5     2023/24  autumn    120       12    10%               yes        no
    P6     2024/25  autumn    lots       2    left out of the figures (not a number)

    2023/24 autumn: P5                      → 1 pupil, 120, 12, persistent 1, severe 0
    2024/25 autumn: C001 C005 P1 P2 P4      → 5 pupils, 500, 5+60+0+9+50 = 124, 3, 2
    2024/25 spring: C001 P1 P3              → 3 pupils, 280, 15+2+8 = 25, 2, 0
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from neglect_insight.pipelines.ingest import ingest_delivery
from neglect_insight.pipelines.load.staging import stage
from neglect_insight.pipelines.read.all_pupils import separate_all_pupils

VALID = Path(__file__).parents[2] / "fixtures" / "valid_delivery"
HEADINGS = "Pupil ID,UPN,Academic Year,Term,Possible Sessions,Authorised Absence," \
           "Unauthorised Absence\n"
ALL_PUPILS = HEADINGS + """C001,A999999999001,2024/25,autumn,100,5,0
C001,A999999999001,2024/25,spring,100,10,5
C005,A999999999005,2024/25,autumn,100,30,30
P1,A999999999101,2024/25,autumn,100,0,0
P1,A999999999101,2024/25,spring,100,2,0
P2,A999999999102,2024/25,autumn,100,9,0
P3,A999999999103,2024/25,spring,80,8,0
P4,A999999999104,2024/25,autumn,100,50,0
P5,A999999999105,2023/24,autumn,120,0,12
P6,A999999999106,2024/25,autumn,lots,1,1
"""
CHILDREN_ONLY = HEADINGS + """C001,A999999999001,2024/25,autumn,100,5,0
C005,A999999999005,2024/25,autumn,100,30,30
"""


def delivery(folder: Path, census: str, *, all_pupils_csv: bool = False) -> Path:
    shutil.copytree(VALID, folder, ignore=shutil.ignore_patterns("attendance*.csv", "*.md"))
    if all_pupils_csv:
        shutil.copy(VALID / "attendance_all_pupils.csv", folder)
    (folder / "school census attendance.csv").write_text(census)
    return folder


def staged(folder: Path):
    conn = duckdb.connect()
    result = stage(conn, folder)
    separate_all_pupils(conn, result)
    return conn, result


def coverage(result) -> list[str]:
    return [f.message for f in result.findings if f.rule_id == "school_census.coverage"]


def test_a_file_of_all_pupils_gives_the_all_pupils_figures_and_the_childrens_rows(tmp_path):
    conn, result = staged(delivery(tmp_path / "d", ALL_PUPILS))
    assert conn.execute(
        "select academic_year, term, pupils, possible_sessions, absence_sessions, "
        "persistent_absentees, severe_absentees, _line from stg_attendance_all_pupils "
        "order by _line").fetchall() == [
        ("2023/24", "AUTUMN", 1, 120, 12, 1, 0, 2),
        ("2024/25", "AUTUMN", 5, 500, 124, 3, 2, 3),
        ("2024/25", "SPRING", 3, 280, 25, 2, 0, 4),
    ]
    assert conn.execute("select child_id, term, possible_sessions, absence_sessions "
                        "from stg_attendance order by _line").fetchall() == [
        ("C001", "AUTUMN", 100, 5), ("C001", "SPRING", 100, 15), ("C005", "AUTUMN", 100, 60)]
    assert result.reads["attendance"].rows == 3
    assert result.reads["attendance_all_pupils"].rows == 3
    assert coverage(result) == [
        "school census attendance.csv holds 8 pupils, more than the 5 children of the "
        "delivery, so it was taken to hold all pupils: attendance_all_pupils.csv was derived "
        "from all of them (3 terms; 1 row with unusable counts, term or year left out of it), "
        "and attendance.csv keeps the rows of the 2 pupils who are children of the "
        "delivery."]
    raw = str(conn.execute("select * from raw_attendance_all_pupils").fetchall())
    assert "A9999" not in raw and "P1" not in raw


def test_a_delivered_all_pupils_file_is_kept(tmp_path):
    conn, result = staged(delivery(tmp_path / "d", ALL_PUPILS, all_pupils_csv=True))
    assert conn.execute("select sum(pupils) from stg_attendance_all_pupils").fetchone() == (
        21500 + 21450 + 21600,)
    assert "was not derived: the delivery sent it" in coverage(result)[0]
    assert conn.execute("select count(*) from raw_attendance").fetchone() == (3,)


def test_a_file_of_children_only_gives_no_all_pupils_figures(tmp_path):
    conn, result = staged(delivery(tmp_path / "d", CHILDREN_ONLY))
    assert conn.execute("select count(*) from raw_attendance_all_pupils").fetchone() == (0,)
    assert conn.execute("select count(*) from stg_attendance").fetchone() == (2,)
    assert "attendance_all_pupils" not in result.reads
    assert "taken to hold only children known to services" in coverage(result)[0]


def test_the_derived_file_loads_and_passes_its_contract(tmp_path):
    outcome = ingest_delivery(delivery(tmp_path / "d", ALL_PUPILS), tmp_path / "n.duckdb")
    assert not outcome.refused, [f.message for f in outcome.blocking]
    files = {f.file: f.rows for f in outcome.run.files}
    assert files["attendance_all_pupils.csv"] == 3 and files["attendance.csv"] == 3
    with duckdb.connect(str(tmp_path / "n.duckdb"), read_only=True) as conn:
        assert conn.execute("select sum(pupils) from stg_attendance_all_pupils").fetchone() == (9,)
