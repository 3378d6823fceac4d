-- Booleans are written true/false (any case); anything else is missing and fails its type rule.
create or replace macro as_bool(x) as
    case lower(trim(x)) when 'true' then true when 'false' then false end;
