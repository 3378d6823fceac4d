"""One phrase for each state a figure can be in, the same on a page, in its CSV download and in
the board pack (STYLE.md: "One word per state everywhere").

A cell holds `SUPPRESSED` or `NO_FIGURE` in place of a number; a whole family or a status uses
one of the short phrases; the sentences below say why, where there is room.
"""

from __future__ import annotations

from neglect_insight.pipelines.indicators import benchmarks, disclosure

# In a cell, in place of a number (written by the disclosure rules).
SUPPRESSED = disclosure.SUPPRESSED  # "c": a count from 1 to the threshold, or built on one
NO_FIGURE = disclosure.MISSING  # "–": no denominator, nothing to divide by, or no such period
# The same two states in a sentence or a legend.
SUPPRESSED_WORDS = "not shown (small numbers)"
NO_FIGURE_WORDS = "no figure"

# For a family, a status or a comparison.
NOT_SUPPLIED = "Not supplied"  # the optional extract file behind the figure was not sent
NOT_AVAILABLE = "Not available"  # this load or version cannot compute the family
NO_TARGET = "No target"  # the partnership set no target for the measure
NOT_ASSESSED = "Not assessed"  # a target, but no figure to hold against it (c or –)
NO_COMPARATOR = "No published England figure"
# An indicator no published DfE figure measures like for like (pipelines.indicators.benchmarks).
NO_COUNTERPART = benchmarks.NO_COUNTERPART
NO_DATA = "There are no figures for this period and these filters."

NOT_COMPUTED = "this version of Neglect Insight does not compute them yet."
LOAD_TOO_OLD = "the load was made before they existed. Load the data again to see them."
NO_FIGURE_NOTE = (f"{NO_FIGURE} means there is no figure (nothing to divide by, or a period "
                  "outside this load).")


def suppression_note(threshold: int) -> str:
    """What `c` means, for beneath any table or chart that shows one."""
    return (f"Counts from 1 to {threshold} are shown as {SUPPRESSED} to protect children's "
            "privacy, and so is any percentage or rate built on them; where a total would "
            "reveal a hidden count, one more count is hidden too. Small groups are shown "
            "together as \"Other or not recorded\" where that keeps more figures visible.")


def not_supplied(file_name: str, what: str) -> str:
    """Why figures from an optional file are missing, and what to do about it."""
    return (f"{NOT_SUPPLIED}: this load has no {file_name}, so {what} cannot be shown. Send "
            f"{file_name} with the next delivery to see it here.")


def missing_file_note(reason: str) -> str:
    """Beneath figures one of which has no value: the engine's reason as a sentence ("Early help
    not supplied: this delivery had no early_help.csv, so ...")."""
    return (f"{reason[:1].upper()}{reason[1:]}, so figures that need it show "
            f"\"{NOT_SUPPLIED}\" rather than a number.")


def not_available(family_name: str, detail: str) -> str:
    """Why a family's figures cannot come from this load (`NOT_COMPUTED`, `LOAD_TOO_OLD`)."""
    return f"{family_name} figures are not available in this load: {detail}"
