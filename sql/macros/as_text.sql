-- Free text as staged: trimmed, empty = missing (extracts.md: "empty cell = missing").
create or replace macro as_text(x) as nullif(trim(x), '');
