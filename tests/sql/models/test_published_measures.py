"""Model `published_measures`: the shipped DfE and ONS files as one long table of published
measures, by area and year, keeping numerators and denominators, with suppression letters as
missing values with their reason. Seeds here are a few hand-made rows per file."""

from datetime import date

import pytest

from tests.sql.models.published_seeds import LOCAL, NATIONAL, REGIONAL, published

REFERRALS = "c1_children_in_need_referrals_and_rereferrals_2013_to_2025"
COLUMNS = ("measure, unit, time_period, period, period_start, period_end, geographic_level, "
           "area_code, area_name, numerator, denominator, value, missing_reason, source_line, "
           "source_column")


@pytest.fixture
def conn(tmp_path):
    return published(tmp_path, "published_measures", {
        REFERRALS: [
            NATIONAL | {"time_period": "2025", "referral_count": "1000",          # line 2
                        "rereferral_count": "230", "rereferral_percent": "23",
                        "no_further_action_count": "x", "no_further_action_percent": "x"},
            LOCAL | {"time_period": "2024", "referral_count": "40",               # line 3
                     "rereferral_count": "c", "rereferral_percent": "c",
                     "no_further_action_count": "0", "no_further_action_percent": "z"},
        ],
        "d5_cpps_at31march_by_duration_2013_to_2025": [
            REGIONAL | {"time_period": "2025", "CPP_At31": "200",                 # line 2
                        "2_years_or_more": "4", "2_years_or_more_percent": "2.0",
                        "3_months_or_less": "k", "3_months_or_less_percent": "u"},
        ],
        "absence_la": [
            NATIONAL | {"time_period": "202425", "absence_terms": "six half terms",  # line 2
                        "social_care_group": "CPPO at 31 March",
                        "phase_type_grouping": "State-funded primary", "pt_overall": "9.9"},
            NATIONAL | {"time_period": "202425", "absence_terms": "six half terms",  # line 3
                        "social_care_group": "CPPO at 31 March",
                        "phase_type_grouping": "Total", "t_pupils": "50",
                        "t_sess_possible": "1000", "t_sess_overall": "218",
                        "pt_overall": "21.8", "t_pupils_pa_10_exact": "25",
                        "pt_pupils_pa_10_exact": "50", "t_pupils_pa_50_exact": "c",
                        "pt_pupils_pa_50_exact": "c"},
        ],
        "ons_mid-year_population_estimates_2012_to_2024": [
            NATIONAL | {"time_period": "2024", "age_group": "Children aged 0 to 17 years",
                        "population_estimate": "12183016"},                       # line 2
        ],
    })


def measures(conn, where: str) -> list[tuple]:
    return conn.execute(f"select {COLUMNS} from published_measures where {where} "
                        "order by measure, area_code").fetchall()


def test_a_national_referrals_row_gives_each_measure_with_its_counts(conn):
    year = ("2025", "2024-25", date(2024, 4, 1), date(2025, 3, 31), "National", "E92000001",
            "England")
    assert measures(conn, "source_file like 'c1%' and time_period = '2025'") == [
        ("referrals", "count", *year, 1000.0, None, 1000.0, None, 2, "referral_count"),
        ("referrals_nfa_percent", "percent", *year, None, 1000.0, None, "not available", 2,
         "no_further_action_percent"),
        ("rereferrals_within_12m_percent", "percent", *year, 230.0, 1000.0, 23.0, None, 2,
         "rereferral_percent"),
    ]


def test_suppressed_and_not_applicable_cells_are_missing_with_their_reason(conn):
    got = {m[0]: (m[7], m[8], m[9], m[11], m[12], m[13])
           for m in measures(conn, "source_file like 'c1%' and time_period = '2024'")}
    assert got == {  # Darlington, 2023-24, line 3: the LA's 9-character code names the area
        "referrals": ("E06000005", "Darlington", 40.0, 40.0, None, 3),
        "rereferrals_within_12m_percent": ("E06000005", "Darlington", None, None,
                                           "suppressed (small numbers)", 3),
        "referrals_nfa_percent": ("E06000005", "Darlington", 0.0, None, "not applicable", 3),
    }


def test_plans_open_at_31_march_are_a_day_and_a_region_is_named_by_its_code(conn):
    day = ("2025", "31 March 2025", date(2025, 3, 31), date(2025, 3, 31), "Regional",
           "E12000001", "North East")
    assert measures(conn, "source_file like 'd5%'") == [
        ("cp_plans_at_31_march", "count", *day, 200.0, None, 200.0, None, 2, "CPP_At31"),
        ("cp_plans_open_2y_plus_percent", "percent", *day, 4.0, 200.0, 2.0, None, 2,
         "2_years_or_more_percent"),
        ("cp_plans_open_3m_or_less_percent", "percent", *day, None, 200.0, None,
         "low reliability", 2, "3_months_or_less_percent"),
    ]


def test_absence_keeps_the_all_schools_row_of_each_group_by_academic_year(conn):
    year = ("202425", "2024/25", date(2024, 9, 1), date(2025, 8, 31), "National", "E92000001",
            "England")
    assert measures(conn, "source_file = 'absence_la.csv'") == [  # the primary row is left out
        ("absence_overall_percent_cppo", "percent", *year, 218.0, 1000.0, 21.8, None, 3,
         "pt_overall"),
        ("absence_persistent_percent_cppo", "percent", *year, 25.0, 50.0, 50.0, None, 3,
         "pt_pupils_pa_10_exact"),
        ("absence_severe_percent_cppo", "percent", *year, None, 50.0, None,
         "suppressed (small numbers)", 3, "pt_pupils_pa_50_exact"),
    ]


def test_population_is_the_mid_year_estimate(conn):
    mid = ("2024", "mid-2024", date(2024, 6, 30), date(2024, 6, 30), "National", "E92000001",
           "England")
    assert measures(conn, "measure = 'population_0_17'") == [
        ("population_0_17", "count", *mid, 12183016.0, None, 12183016.0, None, 2,
         "population_estimate"),
    ]


def test_sources_are_named_in_words(conn):
    assert dict(conn.execute("select distinct measure, source from published_measures "
                             "where measure in ('referrals', 'absence_overall_percent_cppo', "
                             "'population_0_17')").fetchall()) == {
        "referrals": "DfE, Children in need 2025",
        "absence_overall_percent_cppo": "DfE, Pupil absence (CP plan at 31 March)",
        "population_0_17": "ONS mid-year population estimates",
    }
