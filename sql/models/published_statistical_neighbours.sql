-- published_statistical_neighbours: each local authority's ten nearest statistical neighbours
-- (DfE, New statistical neighbour groupings, April 2021; sql/seeds/dfe/README.md).
-- Grain: one row per (local authority, neighbour rank 1 to 10). Reads: the seed table
-- dfe_new_statistical_neighbour_groupings_april_2021 (text, as published). LAs are named by
-- their old 3-digit code, as in the file; published_measures carries old and new codes.
-- The file repeats the column name SNP (closeness) after each SNn; the seed reader names the
-- repeats SNP_1 ... SNP_9. Rows below the file's "Old SNs:" line are authorities that have
-- since been merged (e.g. Poole, Northamptonshire): is_former_la.
with
old_groupings_line as (
    select min(rowid) + 2 as source_line
    from dfe_new_statistical_neighbour_groupings_april_2021
    where trim("LA Name") = 'Old SNs:'
),

groupings as (
    select
        rowid + 2 as source_line,
        "LA number" as old_la_code,
        "LA Name" as la_name,
        "GOReg" as region_name,
        unnest([
            {'rank': 1, 'code': SN1, 'closeness': SNP},
            {'rank': 2, 'code': SN2, 'closeness': SNP_1},
            {'rank': 3, 'code': SN3, 'closeness': SNP_2},
            {'rank': 4, 'code': SN4, 'closeness': SNP_3},
            {'rank': 5, 'code': SN5, 'closeness': SNP_4},
            {'rank': 6, 'code': SN6, 'closeness': SNP_5},
            {'rank': 7, 'code': SN7, 'closeness': SNP_6},
            {'rank': 8, 'code': SN8, 'closeness': SNP_7},
            {'rank': 9, 'code': SN9, 'closeness': SNP_8},
            {'rank': 10, 'code': SN10, 'closeness': SNP_9}
        ]) as neighbour
    from dfe_new_statistical_neighbour_groupings_april_2021
    where nullif(trim("LA number"), '') is not null
),

final as (
    select
        trim(old_la_code) as old_la_code,
        trim(la_name) as la_name,
        trim(region_name) as region_name,
        neighbour.rank as neighbour_rank,
        trim(neighbour.code) as neighbour_old_la_code,
        trim(neighbour.closeness) as closeness,
        coalesce(groupings.source_line > old_groupings_line.source_line, false) as is_former_la,
        'New_Statistical_Neighbour_Groupings_April_2021.csv' as source_file,
        groupings.source_line::integer as source_line
    from groupings
    cross join old_groupings_line
)

select * from final
