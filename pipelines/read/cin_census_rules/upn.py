"""The form of a unique pupil number (DfE "Unique Pupil Numbers (UPN) guidance"), checked
where it is read so that the UPN itself is never kept: `faults` returns only DfE rule codes.

A UPN is 13 characters: a check letter, the 3-digit LA number, 8 digits (school number and
serial), and a digit or, for a temporary UPN, a letter. The check letter is the letter at
(sum of each of characters 2-13 times its position) modulo 23 in `LETTERS`; a letter in
position 13 counts as its place in `LETTERS`.
"""

from __future__ import annotations

LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # I, O and S are never used

# Characters 2-4: a post-April-1998 LA number or a DfE pseudo-LA number (DfE CIN census
# validation rule 1530's list).
_LA_RANGES = ((1, 5), (201, 213), (301, 320), (330, 336), (340, 344), (350, 359), (370, 373),
              (380, 384), (390, 394), (420, 420), (660, 681), (701, 708), (800, 803),
              (805, 808), (810, 813), (815, 816), (820, 823), (825, 826), (830, 831),
              (835, 841), (845, 846), (850, 852), (855, 857), (860, 861), (865, 896),
              (908, 909), (916, 916), (919, 919), (921, 921), (925, 926), (928, 929),
              (931, 931), (933, 933), (935, 938), (940, 941))
LA_NUMBERS = frozenset(f"{n:03d}" for low, high in _LA_RANGES for n in range(low, high + 1))


def _value(character: str) -> int:
    return int(character) if character.isdigit() else LETTERS.index(character)


def upn_faults(upn: str) -> set[str]:
    """The DfE codes a present UPN breaks: 1510 check letter, 1530 LA number, 1540 characters
    5-12 not digits, 1550 character 13 neither a digit nor an allowed letter."""
    upn = upn.upper()
    faults = set()
    if len(upn) != 13:
        return {"1510", "1540"} if not upn[4:12].isdigit() else {"1510"}
    if upn[1:4] not in LA_NUMBERS:
        faults.add("1530")
    if not upn[4:12].isdigit():
        faults.add("1540")
    if not (upn[12].isdigit() or upn[12] in LETTERS):
        faults.add("1550")
    if not faults - {"1530"} and upn[1:4].isdigit():
        total = sum(_value(c) * position for position, c in enumerate(upn[1:], start=2))
        if upn[0] != LETTERS[total % 23]:
            faults.add("1510")
    elif upn[0] not in LETTERS:
        faults.add("1510")
    return faults


def faults(upn: str | None, former_upn: str | None) -> frozenset[str]:
    """The DfE codes broken by a child's UPN (1510-1550) and former UPN (1560Q)."""
    found = upn_faults(upn) if upn else set()
    if former_upn and upn_faults(former_upn):
        found.add("1560Q")
    return frozenset(found)
