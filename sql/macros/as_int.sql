-- Whole numbers only ("3.5" is not 4): anything else is missing here and fails its type rule.
create or replace macro as_int(x) as
    case when regexp_full_match(trim(x), '[+-]?[0-9]{1,18}') then cast(trim(x) as bigint) end;
