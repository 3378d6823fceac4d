-- ISO dates only (YYYY-MM-DD); anything else is missing here and fails its type rule.
create or replace macro as_date(x) as
    case when regexp_full_match(trim(x), '[0-9]{4}-[0-9]{2}-[0-9]{2}') then try_cast(trim(x) as date) end;
