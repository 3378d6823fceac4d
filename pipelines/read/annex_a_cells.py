"""Coded answers of the Ofsted Annex A template read as canonical codes, from the code in the
cell: "a) 1A: Individual" → 1A, "N1 - Abuse or neglect" → N1, "a) Neglect" → NEG,
"b) Female" → F, "a) Yes" → true; early help organisations and end reasons from the words in
the answer ("Primary School" → school, "Stepped up to social care" → stepped_up). A cell that
cannot be read is copied as given, for the canonical rules to report. Dates, sex codes and
true/false are read as in the CIN census (`cells.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from neglect_insight.pipelines.read.cells import SEX_CODES, TRUE_FALSE, normalised

ETHNICITY_CODES = ("WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH",
                   "AIND", "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH",
                   "REFU", "NOBT")
ETHNICITY_NAMES = {  # DfE labels, normalised
    "white british": "WBRI", "white irish": "WIRI", "traveller of irish heritage": "WIRT",
    "any other white background": "WOTH", "gypsy roma": "WROM",
    "white and black caribbean": "MWBC", "white and black african": "MWBA",
    "white and asian": "MWAS", "any other mixed background": "MOTH", "indian": "AIND",
    "pakistani": "APKN", "bangladeshi": "ABAN", "any other asian background": "AOTH",
    "caribbean": "BCRB", "african": "BAFR", "any other black background": "BOTH",
    "chinese": "CHNE", "any other ethnic group": "OOTH", "refused": "REFU",
    "information not yet obtained": "NOBT",
}
SEX_WORDS = {"m": "M", "male": "M", "f": "F", "female": "F", "u": "U", "neither": "U",
             "unknown": "U", "indeterminate": "U"}
YES_NO = TRUE_FALSE | {"yes": "true", "y": "true", "no": "false", "n": "false"}
NOT_KNOWN = ("unknown", "not known")
ABUSE_CATEGORIES = (("NEG", r"\bneg"), ("PHY", r"\bphy"), ("SAB", r"\bsexual|\bsab\b"),
                    ("EMO", r"\bemo"), ("MUL", r"\bmul"))
ORGANISATIONS = (  # early help lead organisation (extracts.md codes), by words in the answer
    ("police", r"\bpolice"),
    ("school", r"\bschool|academy|college|nursery|\beducation"),
    ("health", r"\bhealth|\bnhs\b|\bgp\b|nurse|midwi|hospital|camhs"),
    ("voluntary", r"voluntary|charit|third sector|barnardo|nspcc|action for children"),
    ("la", r"local authority|\bla\b|council|early help|family hub|children s cent|social care"
           r"|youth"),
    ("other", r"^other"),
)
END_REASONS = (  # early help end reason (extracts.md codes)
    ("stepped_up", r"step(ped)? ?up|escalat|social care"),
    ("needs_met", r"needs met|outcomes? (met|achieved)|completed"),
    ("disengaged", r"disengag|declin|withdr|refus|consent"),
    ("moved_away", r"moved|left the area|transfer"),
    ("other", r"^other"),
)
_OPTION_PREFIX = re.compile(r"^\s*[a-z]\d?\)\s*", re.IGNORECASE)  # "a) ", "p1) "
_SOURCE = re.compile(r"^(1[A-D]|2[AB]|3[A-F]|5[A-D]|10|4|6|7|8|9)\b", re.IGNORECASE)
_NEED = re.compile(r"^(N\d)\b", re.IGNORECASE)
_CLOSURE = re.compile(r"^(RC\d)\b", re.IGNORECASE)
_ETHNICITY = re.compile(r"\b(" + "|".join(ETHNICITY_CODES) + r")\b", re.IGNORECASE)
_WHOLE = re.compile(r"^(\d+)(\.0+)?$")

Reader = Callable[[str | None], str | None]


def _option(text: str) -> str:
    """The answer without the template's option letter: "a) 1A: Individual" → "1A: Individual"."""
    return _OPTION_PREFIX.sub("", text, count=1)


def _code(pattern: re.Pattern[str]) -> Reader:
    def read(text: str | None) -> str | None:
        if text is None:
            return None
        match = pattern.match(_option(text))
        return match.group(1).upper() if match else text
    return read


def _sex(text: str | None) -> str | None:
    if text is None:
        return None
    answer = _option(text).strip().lower()
    if answer.startswith("not stated"):
        return "U"
    return SEX_CODES.get(answer) or SEX_WORDS.get(answer) or text


def _ethnicity(text: str | None) -> str | None:
    if text is None:
        return None
    if match := _ETHNICITY.search(text):
        return match.group(1).upper()
    return ETHNICITY_NAMES.get(normalised(_option(text)), text)


def _yes_no(text: str | None) -> str | None:
    if text is None:
        return None
    answer = _option(text).strip().lower()
    if answer in NOT_KNOWN:
        return None
    return YES_NO.get(answer, text)


def _abuse_category(text: str | None) -> str | None:
    if text is None:
        return None
    answer = _option(text)
    return next((code for code, pattern in ABUSE_CATEGORIES
                 if re.search(pattern, answer, re.IGNORECASE)), text)


def _by_words(table: tuple[tuple[str, str], ...]) -> Reader:
    def read(text: str | None) -> str | None:
        if text is None:
            return None
        words = normalised(_option(text))
        if words in (code.replace("_", " ") for code, _ in table):
            return words.replace(" ", "_")
        return next((code for code, pattern in table if re.search(pattern, words)), text)
    return read


def _whole_number(text: str | None) -> str | None:
    if text is None:
        return None
    match = _WHOLE.match(text)
    return match.group(1) if match else text


def _same(text: str | None) -> str | None:
    return text


READERS: dict[str, Reader] = {
    "sex": _sex, "ethnicity": _ethnicity, "disabled": _yes_no, "nfa": _yes_no,
    "source": _code(_SOURCE), "primary_need": _code(_NEED), "closure_reason": _code(_CLOSURE),
    "initial_category": _abuse_category, "latest_category": _abuse_category,
    "previous_plans": _whole_number, "organisation": _by_words(ORGANISATIONS),
    "end_reason": _by_words(END_REASONS),
}


def answer(column: str, text: str | None) -> str | None:
    """The canonical value of a coded answer in `column` (other columns as given)."""
    return READERS.get(column, _same)(text)
