"""What changes between the years of the DfE children in need census schema, 2016/17 to 2025/26.

A return names its collection year in `Header/CollectionDetails/Year` (the year the census ends:
2025 is the 2024/25 census, reference date 31 March 2025). The element names and code lists
are the same in every year except:

    2020/21  assessment factors 18B, 18C (physical abuse, by a child / by an adult) and 19B, 19C
             (sexual abuse, likewise) replace 18A and 19A
    2021/22  CINPlanDates (CINPlanStartDate, CINPlanEndDate) inside CINdetails; factor 24A
             (child criminal exploitation)
    2022/23  referral source 5D (early help) and closure reason RC9 (referred to early help)
    2024/25  Sex (M, F, U) replaces GenderCurrent (1 male, 2 female, 0 not recorded or unborn,
             9 indeterminate)
    2025/26  PreProceedingsandFGDM inside CINdetails (pre-proceedings and family group decision
             making: PPStartDate, LBPSentDate, FGDMMeetingOffer, ...); the contract has no
             columns for them, so they are counted and not copied

Source: the published XSDs of each year (element names and enumerations only).
"""

from __future__ import annotations

import re

FIRST_YEAR = 2017  # 2016/17
LAST_YEAR = 2026  # 2025/26
SEX_FROM = 2025  # Sex replaces GenderCurrent
CIN_PLANS_FROM = 2022
PRE_PROCEEDINGS_FROM = 2026

# A CIN census has no namespace (the XSDs declare no target namespace).
KNOWN_NAMESPACES = ("",)

SEX = {"1": "M", "2": "F", "0": "U", "9": "U", "M": "M", "F": "F", "U": "U"}

_FACTORS_2017 = frozenset((
    "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C",
    "6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A",
    "14A", "15A", "16A", "17A", "18A", "19A", "20", "21", "22A", "23A",
))  # fmt: skip
_FACTORS_2021 = (_FACTORS_2017 - {"18A", "19A"}) | {"18B", "18C", "19B", "19C"}
_FACTORS_2022 = _FACTORS_2021 | {"24A"}

PRE_PROCEEDINGS = "PreProceedingsandFGDM"

_CODE_FORM = re.compile(r"^[0-9A-Za-z-]{1,5}$")


def year_label(collection_year: int | None) -> str | None:
    """2025 → "2024/25"."""
    if collection_year is None:
        return None
    return f"{collection_year - 1}/{collection_year % 100:02d}"


def collection_year(text: str | None) -> int | None:
    """The year of a `Year` (gYear) or `ReferenceDate` (31 March) element; None if neither."""
    match = re.match(r"^\s*(\d{4})", text or "")
    return int(match.group(1)) if match else None


def year_from_content(has_sex: bool, has_cin_plans: bool, has_pre_proceedings: bool
                      ) -> int | None:
    """The earliest collection year whose schema has every element seen; None if any year's."""
    if has_pre_proceedings:
        return PRE_PROCEEDINGS_FROM
    if has_sex:
        return SEX_FROM
    if has_cin_plans:
        return CIN_PLANS_FROM
    return None


def sex(text: str | None) -> str | None:
    """GenderCurrent (1, 2, 0, 9) or Sex (M, F, U, any case) as M, F or U; else as given."""
    if text is None:
        return None
    return SEX.get(text.upper(), text)


def factor_codes(collection_year: int | None) -> frozenset[str]:
    """The assessment factor codes of that year's schema (the latest for an unknown year)."""
    year = collection_year or LAST_YEAR
    if year >= 2022:
        return _FACTORS_2022
    if year >= 2021:
        return _FACTORS_2021
    return _FACTORS_2017


def factor(text: str) -> str:
    """A factor code in the canonical form: upper case, no spaces (`16a ` → `16A`)."""
    return text.replace(" ", "").upper()


def printable_code(text: str) -> str:
    """A code as it may be echoed in a message: short codes as written, anything else (which
    could be free text) never."""
    return f"'{text}'" if _CODE_FORM.match(text) else "a value that is not a code"
