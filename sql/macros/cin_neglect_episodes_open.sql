-- CIN neglect episodes open in a period (indicators.md, "Neglect identification"): referrals,
-- not nfa, with any assessment authorised on or before authorised_by whose factors include 16A
-- (it may predate the period; cin_episodes keeps the earliest such date), open in the period
-- (referral_date <= period_end and closure_date empty or >= period_start).
-- authorised_by is period_end unless given: the attendance family opens episodes over the
-- academic year but keeps authorisation by period_end.
-- Grain: one row per referral. Reads: cin_episodes (created after the models, which it reads).
create or replace macro cin_neglect_episodes_open(period_start, period_end, authorised_by := null)
as table
    select episodes.referral_id, episodes.child_id
    from cin_episodes as episodes
    where not episodes.nfa
        and episodes.neglect_authorised_date <= coalesce(authorised_by, period_end)
        and open_in_period(episodes.referral_date, episodes.closure_date, period_start, period_end);
