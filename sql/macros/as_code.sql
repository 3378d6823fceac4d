-- Code values are trimmed and compared case-insensitively, stored upper-case (extracts.md).
create or replace macro as_code(x) as upper(nullif(trim(x), ''));
