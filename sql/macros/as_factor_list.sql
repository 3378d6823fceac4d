-- A `;`-separated factor list as a list of upper-case codes, empty entries dropped.
create or replace macro as_factor_list(x) as
    list_filter(
        list_transform(string_split(coalesce(x, ''), ';'), lambda f: upper(trim(f))),
        lambda f: f <> ''
    );
