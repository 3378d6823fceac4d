-- published_measures: the published DfE and ONS figures shipped in sql/seeds/dfe (README.md there
-- gives provenance), as one long table that the catalogue's comparators name by `measure`.
-- Grain: one row per (measure, time_period, area) — England, each region and each local
-- authority, every published year. Reads: the seed tables dfe_* (text, as published).
-- A suppressed or unavailable cell (`c`, `x`, `z`, `k`, `u`) is a missing value with its reason,
-- never a number. Numerators and denominators are kept so areas can be summed.
-- source_file and source_line (line 1 is the header) and source_column name the cell a value
-- came from. Percentages are as published (one decimal); nothing is recomputed here.
-- period_kind says what time_period means: in_year (the year to 31 March: "2024-25"),
-- at_31_march (a count on that day), academic_year (202425: "2024/25"), mid_year (ONS, 30 June).
with
referrals as (
    select
        rowid + 2 as source_line, time_period, geographic_level, country_code, country_name,
        region_code, region_name, new_la_code, old_la_code, la_name,
        'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv' as source_file,
        'DfE, Children in need 2025' as source,
        'in_year' as period_kind,
        unnest([
            {'measure': 'referrals', 'unit': 'count', 'source_column': 'referral_count',
             'value': referral_count, 'numerator': referral_count, 'denominator': null},
            {'measure': 'rereferrals_within_12m_percent', 'unit': 'percent',
             'source_column': 'rereferral_percent', 'value': rereferral_percent,
             'numerator': rereferral_count, 'denominator': referral_count},
            {'measure': 'referrals_nfa_percent', 'unit': 'percent',
             'source_column': 'no_further_action_percent', 'value': no_further_action_percent,
             'numerator': no_further_action_count, 'denominator': referral_count}
        ], recursive := true)
    from dfe_c1_children_in_need_referrals_and_rereferrals_2013_to_2025
),

children_in_need as (
    select
        rowid + 2 as source_line, time_period, geographic_level, country_code, country_name,
        region_code, region_name, new_la_code, old_la_code, la_name,
        'b1_children_in_need_2013_to_2025.csv' as source_file,
        'DfE, Children in need 2025' as source,
        unnest([
            {'measure': 'cin_at_31_march', 'period_kind': 'at_31_march', 'unit': 'count',
             'source_column': 'At31_episodes', 'value': At31_episodes,
             'numerator': At31_episodes, 'denominator': null},
            {'measure': 'cin_started_in_year', 'period_kind': 'in_year', 'unit': 'count',
             'source_column': 'Started_episodes', 'value': Started_episodes,
             'numerator': Started_episodes, 'denominator': null}
        ], recursive := true)
    from dfe_b1_children_in_need_2013_to_2025
),

assessment_factors as (
    select
        rowid + 2 as source_line, time_period, geographic_level, country_code, country_name,
        region_code, region_name, new_la_code, old_la_code, la_name,
        'c3_factors_identified_at_end_of_assessment_2018_to_2025.csv' as source_file,
        'DfE, Children in need 2025' as source,
        'in_year' as period_kind,
        unnest([
            {'measure': 'factor_neglect', 'unit': 'count', 'source_column': 'Neglect',
             'value': Neglect, 'numerator': Neglect,
             'denominator': Episodes_with_assessment_factor},
            {'measure': 'factor_alcohol_misuse_parent', 'unit': 'count',
             'source_column': 'Alcohol_Misuse_parent', 'value': Alcohol_Misuse_parent,
             'numerator': Alcohol_Misuse_parent, 'denominator': Episodes_with_assessment_factor},
            {'measure': 'factor_drug_misuse_parent', 'unit': 'count',
             'source_column': 'Drug_Misuse_parent', 'value': Drug_Misuse_parent,
             'numerator': Drug_Misuse_parent, 'denominator': Episodes_with_assessment_factor},
            {'measure': 'factor_domestic_abuse_parent', 'unit': 'count',
             'source_column': 'Domestic_Abuse_parent', 'value': Domestic_Abuse_parent,
             'numerator': Domestic_Abuse_parent, 'denominator': Episodes_with_assessment_factor},
            {'measure': 'factor_mental_health_parent', 'unit': 'count',
             'source_column': 'Mental_Health_parent', 'value': Mental_Health_parent,
             'numerator': Mental_Health_parent, 'denominator': Episodes_with_assessment_factor}
        ], recursive := true)
    from dfe_c3_factors_identified_at_end_of_assessment_2018_to_2025
),

plans_starting as (
    select
        rowid + 2 as source_line, time_period, geographic_level, country_code, country_name,
        region_code, region_name, new_la_code, old_la_code, la_name,
        'd3_cpps_subsequent_plan_2013_to_2025.csv' as source_file,
        'DfE, Children in need 2025' as source,
        'in_year' as period_kind,
        unnest([
            {'measure': 'cp_plans_started', 'unit': 'count', 'source_column': 'CPP_start',
             'value': CPP_start, 'numerator': CPP_start, 'denominator': null},
            {'measure': 'cp_plans_second_or_subsequent_percent', 'unit': 'percent',
             'source_column': 'CPP_subsequent_percent', 'value': CPP_subsequent_percent,
             'numerator': CPP_subsequent, 'denominator': CPP_start}
        ], recursive := true)
    from dfe_d3_cpps_subsequent_plan_2013_to_2025
),

plans_open as (
    select
        rowid + 2 as source_line, time_period, geographic_level, country_code, country_name,
        region_code, region_name, new_la_code, old_la_code, la_name,
        'd5_cpps_at31march_by_duration_2013_to_2025.csv' as source_file,
        'DfE, Children in need 2025' as source,
        'at_31_march' as period_kind,
        unnest([
            {'measure': 'cp_plans_at_31_march', 'unit': 'count', 'source_column': 'CPP_At31',
             'value': CPP_At31, 'numerator': CPP_At31, 'denominator': null},
            {'measure': 'cp_plans_open_3m_or_less_percent', 'unit': 'percent',
             'source_column': '3_months_or_less_percent', 'value': "3_months_or_less_percent",
             'numerator': "3_months_or_less", 'denominator': CPP_At31},
            {'measure': 'cp_plans_open_2y_plus_percent', 'unit': 'percent',
             'source_column': '2_years_or_more_percent', 'value': "2_years_or_more_percent",
             'numerator': "2_years_or_more", 'denominator': CPP_At31}
        ], recursive := true)
    from dfe_d5_cpps_at31march_by_duration_2013_to_2025
),

-- Absence of all pupils in the group (phase "Total"), over six half terms.
absence as (
    select
        rowid + 2 as source_line, time_period, geographic_level, country_code, country_name,
        region_code, region_name, new_la_code, old_la_code, la_name,
        'absence_la.csv' as source_file,
        case social_care_group
            when 'CINO at 31 March' then 'DfE, Pupil absence (children in need at 31 March)'
            when 'CPPO at 31 March' then 'DfE, Pupil absence (CP plan at 31 March)'
            else 'DfE, Pupil absence (looked after 12 months at 31 March)'
        end as source,
        'academic_year' as period_kind,
        case social_care_group
            when 'CINO at 31 March' then 'cino' when 'CPPO at 31 March' then 'cppo' else 'cla'
        end as cohort,
        unnest([
            {'measure': 'absence_overall_percent_', 'unit': 'percent',
             'source_column': 'pt_overall', 'value': pt_overall,
             'numerator': t_sess_overall, 'denominator': t_sess_possible},
            {'measure': 'absence_persistent_percent_', 'unit': 'percent',
             'source_column': 'pt_pupils_pa_10_exact', 'value': pt_pupils_pa_10_exact,
             'numerator': t_pupils_pa_10_exact, 'denominator': t_pupils},
            {'measure': 'absence_severe_percent_', 'unit': 'percent',
             'source_column': 'pt_pupils_pa_50_exact', 'value': pt_pupils_pa_50_exact,
             'numerator': t_pupils_pa_50_exact, 'denominator': t_pupils}
        ], recursive := true)
    from dfe_absence_la
    where phase_type_grouping = 'Total' and absence_terms = 'six half terms'
),

population as (
    select
        rowid + 2 as source_line, time_period, geographic_level, country_code, country_name,
        region_code, region_name, new_la_code, old_la_code, la_name,
        'ons_mid-year_population_estimates_2012_to_2024.csv' as source_file,
        'ONS mid-year population estimates' as source,
        'mid_year' as period_kind,
        'population_0_17' as measure, 'count' as unit, 'population_estimate' as source_column,
        population_estimate as value, population_estimate as numerator, null as denominator
    from dfe_ons_mid_year_population_estimates_2012_to_2024
    where age_group = 'Children aged 0 to 17 years'
),

cells as (
    select * exclude (cohort, measure), measure || cohort as measure from absence
    union all by name select * from referrals
    union all by name select * from children_in_need
    union all by name select * from assessment_factors
    union all by name select * from plans_starting
    union all by name select * from plans_open
    union all by name select * from population
),

years as (
    select
        *,
        left(time_period, 4)::integer + (period_kind = 'academic_year')::integer as year_end
    from cells
),

final as (
    select
        measure,
        unit,
        time_period,
        case period_kind
            when 'in_year' then format('{}-{}', year_end - 1, right(year_end::varchar, 2))
            when 'at_31_march' then format('31 March {}', year_end)
            when 'academic_year' then format('{}/{}', year_end - 1, right(year_end::varchar, 2))
            else format('mid-{}', year_end)
        end as period,
        case period_kind
            when 'in_year' then make_date(year_end - 1, 4, 1)
            when 'at_31_march' then make_date(year_end, 3, 31)
            when 'academic_year' then make_date(year_end - 1, 9, 1)
            else make_date(year_end, 6, 30)
        end as period_start,
        case period_kind
            when 'in_year' then make_date(year_end, 3, 31)
            when 'at_31_march' then make_date(year_end, 3, 31)
            when 'academic_year' then make_date(year_end, 8, 31)
            else make_date(year_end, 6, 30)
        end as period_end,
        geographic_level,
        case geographic_level
            when 'National' then country_code
            when 'Regional' then region_code
            else new_la_code
        end as area_code,
        case geographic_level
            when 'National' then country_name
            when 'Regional' then region_name
            else la_name
        end as area_name,
        nullif(trim(old_la_code), '') as old_la_code,
        nullif(trim(new_la_code), '') as new_la_code,
        nullif(trim(region_code), '') as region_code,
        try_cast(trim(numerator) as double) as numerator,
        try_cast(trim(denominator) as double) as denominator,
        try_cast(trim(value) as double) as value,
        case
            when try_cast(trim(value) as double) is not null then null
            when trim(value) = 'c' then 'suppressed (small numbers)'
            when trim(value) = 'x' then 'not available'
            when trim(value) = 'z' then 'not applicable'
            when trim(value) = 'k' then 'fewer than 0.5'
            when trim(value) = 'u' then 'low reliability'
            when coalesce(trim(value), '') = '' then 'not published'
            else format('not published ({})', trim(value))
        end as missing_reason,
        source,
        source_file,
        source_line::integer as source_line,
        source_column
    from years
)

select * from final
