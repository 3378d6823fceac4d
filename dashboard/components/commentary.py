"""Commentary on a family page: what QA users wrote about each indicator for the quarter, with
who wrote it and when, earlier versions kept; and, for QA users and administrators, a form to
write or edit it (issue 9, point 5). Board members see the text only.

Commentary belongs to a quarter: with "12 months to the period end" chosen, the commentary
shown is that of the quarter ending on the period end, and the section says so.
"""

from __future__ import annotations

import streamlit as st

from neglect_insight.dashboard.data import Load, access
from neglect_insight.dashboard.data import commentary as data
from neglect_insight.dashboard.data.indicators import Selection
from neglect_insight.pipelines.calendar import format_date, quarter_label
from neglect_insight.pipelines.indicators.catalogue import catalogue, family

HEADING = "Commentary"
SAVE = "Save commentary"
NONE_YET = "No commentary has been written for {quarter} yet."
UNREADABLE = ("The commentary cannot be read just now. The figures above are not affected; "
              "try again shortly.")


def _quarter_text(selection: Selection) -> str:
    quarter = quarter_label(selection.period_end)
    if selection.months == 3:
        return f"For {quarter}, the quarter ending {format_date(selection.period_end)}."
    return (f"Commentary is written for a quarter: this is the commentary for {quarter}, the "
            f"quarter ending {format_date(selection.period_end)}, the last quarter of the 12 "
            "months shown.")


def _byline(note: data.Commentary) -> str:
    return f"Commentary by {note.author}, {format_date(note.written_at.date())}"


def _earlier(versions: list[data.Commentary]) -> None:
    with st.expander(f"Earlier versions ({len(versions)})"):
        for note in versions:
            st.caption(f"Version {note.version}, by {note.author}, "
                       f"{format_date(note.written_at.date())} at "
                       f"{note.written_at:%H:%M} UTC")
            st.text(note.text)


def _shown(selection: Selection, ids: tuple[str, ...], labels: dict[str, str]) -> None:
    newest = data.latest(selection.period_end, ids)
    if not newest:
        st.markdown(NONE_YET.format(quarter=quarter_label(selection.period_end)))
        return
    for indicator_id in ids:
        note = newest.get(indicator_id)
        if note is None:
            continue
        st.markdown(f"**{labels[indicator_id]}**")
        st.caption(_byline(note))
        st.text(note.text)
        earlier = data.history(indicator_id, selection.period_end)[1:]
        if earlier:
            _earlier(earlier)


def _form(person: access.Viewer, selection: Selection, family_id: str,
          ids: tuple[str, ...], labels: dict[str, str]) -> None:
    period_end = selection.period_end
    with st.expander("Write or edit the commentary", expanded=False):
        chosen = st.selectbox("Indicator", ids, format_func=labels.get,
                              key=f"commentary_indicator_{family_id}")
        note = data.latest(period_end, [chosen]).get(chosen)
        text = st.text_area(
            f"Commentary on {labels[chosen]} for {quarter_label(period_end)}",
            value=note.text if note else "", max_chars=data.MAX_TEXT, height=150,
            key=f"commentary_text_{chosen}_{period_end.isoformat()}",
            help="Plain text, up to 2,000 characters. Each save keeps the earlier versions.")
        if st.button(SAVE, key=f"commentary_save_{family_id}"):
            try:
                saved = data.save(person, chosen, period_end, text)
            except (ValueError, PermissionError) as err:
                st.error(str(err), icon=":material/error:")
            except OSError:
                st.error("The commentary could not be saved: the store folder cannot be "
                         "written just now. Nothing was saved; try again or tell an "
                         "administrator.", icon=":material/error:")
            else:
                st.success(f"Commentary on {labels[chosen]} for {quarter_label(period_end)} "
                           f"saved (version {saved.version}).", icon=":material/check:")


def section(load: Load, selection: Selection, family_id: str) -> None:
    """The family's commentary for the quarter ending `selection.period_end`, and the form for
    QA users and administrators. (`load` is not read: commentary outlives loads.)"""
    del load  # commentary belongs to the quarter, whichever load is shown
    ids = family(family_id).indicator_ids
    indicators = catalogue()
    labels = {indicator_id: indicators[indicator_id].label for indicator_id in ids}
    st.subheader(HEADING, anchor=False)
    st.caption(_quarter_text(selection))
    shown = st.container()  # filled after the form, so a save shows at once
    person = access.viewer()
    try:
        if person is not None and data.may_write(person):
            _form(person, selection, family_id, ids, labels)
        with shown:
            _shown(selection, ids, labels)
    except OSError:
        st.warning(UNREADABLE, icon=":material/warning:")
