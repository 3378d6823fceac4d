"""The presentation layer shared by the dashboard and the board pack: raw engine values turned
into what the board may see (disclosure-controlled cells), numbers written by unit, the one
phrase for each state of a figure, direction-of-travel and target words, colours and headline
sentences. No Streamlit and no HTML here: the dashboard and the report draw what these modules
say; only `figures` asks the load (through the engine) what it holds.

- `states`: one phrase per state (suppressed `c`, no figure, not supplied, not available, no
  target, not assessed, no England figure, no data) and the disclosure note.
- `numbers`: a value written by its unit; units and axis titles in words.
- `cells`: `Cell`, one figure as the board may see it, and the disclosure calls that make it
  with the deployment's threshold; `Published`, England's figure written as ours.
- `figures`: what a load can show: a family's cube or why not; England's published figures.
- `labels`: codes and ids in plain English (services, sex, ethnicity group, cohorts).
- `travel`: direction of travel, RAG status (word and symbol), target words, RAG counts.
- `movers`: what moved most since the last quarter and a year ago, one sentence each.
- `colours`: the GOV.UK analytical palette, one colour per service everywhere.
- `headlines`: sentences that state a finding and what it is compared with ("19.0%, down from
  24.0% a year ago; England 22.6% (2024-25)").
"""
