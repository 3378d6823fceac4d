"""Pseudonymise a CIN census or school census XML return, streamed: each record (`Child`,
`PupilOnRoll`, ...) and each other top-level part (`Header`, `School`) is read, rewritten and
written before the next is read, so a large return needs little memory.

Inside them every element is treated by its local name as a CSV column is (fields.py):
LAchildID (and a school census PupilPseudonym) gets the child's pseudonym, the same as
`child_id` in children.csv; UPN, FormerUPN, UPNunknown, Surname, Forename and any element
named like an identifier are dropped; PersonBirthDate, ExpectedPersonBirthDate, DOB and
PersonDeathDate are cut to the first of the month. The rest of the return is copied. Entities,
DTDs, comments and processing instructions are not carried over. One element is written a
line, so the line of a later finding leads somewhere useful.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from neglect_insight.pipelines.pseudonymise.changes import FileChange
from neglect_insight.pipelines.pseudonymise.fields import Treatment, field
from neglect_insight.pipelines.pseudonymise.keys import Pseudonyms
from neglect_insight.pipelines.pseudonymise.values import rewrite

PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False,
                  "huge_tree": True, "remove_comments": True, "remove_pis": True}
INDENT = "  "


@dataclass(frozen=True)
class XmlReturn:
    label: str
    containers: tuple[tuple[str, ...], ...]  # opened and closed around their parts, never held
    records: frozenset[str]  # what one row is (counted in the report)
    rows_word: str


CIN_CENSUS = XmlReturn("CIN census", (("Message",), ("Message", "Children")),
                       frozenset({"Child"}), "children")
SCHOOL_CENSUS = XmlReturn(
    "school census",
    (("Message",), ("Message", "Pupils"), ("Message", "PupilsNoLongerOnRoll")),
    frozenset({"Pupil", "PupilOnRoll", "PupilNoLongerOnRoll"}), "pupils")


class XmlError(Exception):
    """The XML is not well-formed; the message names the file and line only."""


def _local(element: etree._Element) -> str:
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def pseudonymise_xml(source: Path, target: Path, pseudonyms: Pseudonyms,
                     form: XmlReturn) -> FileChange:
    change = FileChange(source.name, rows_word=form.rows_word)
    path: list[str] = []  # local names from the root to the current element
    open_elements = []
    try:
        with source.open("rb") as xml_in, etree.xmlfile(str(target), encoding="utf-8") as out:
            out.write_declaration()
            for event, element in etree.iterparse(xml_in, events=("start", "end"),
                                                  **PARSER_OPTIONS):
                level = len(path) if event == "start" else len(path) - 1
                if event == "start":
                    path.append(_local(element))
                    if tuple(path) in form.containers:
                        if level:
                            out.write("\n" + INDENT * level)
                        opened = out.element(element.tag, dict(element.attrib),
                                             nsmap=element.nsmap if not level else None)
                        opened.__enter__()
                        open_elements.append(opened)
                    continue
                if tuple(path) in form.containers:
                    out.write("\n" + INDENT * level)
                    open_elements.pop().__exit__(None, None, None)
                elif tuple(path[:-1]) in form.containers:  # a whole Header, Child, ... is read
                    if path[-1] in form.records and level > 1:
                        change.rows += 1
                    _rewrite_tree(element, pseudonyms, change)
                    element.tail = None
                    etree.indent(element, INDENT, level=level)
                    out.write("\n" + INDENT * level)
                    out.write(element)
                    element.clear(keep_tail=False)
                    while element.getprevious() is not None:
                        del element.getparent()[0]
                path.pop()
    except etree.XMLSyntaxError as err:
        raise XmlError(f"{source.name}, line {err.lineno}: the XML is not well-formed. Export "
                       "it again and run pseudonymise again.") from None
    return change


def _rewrite_tree(top: etree._Element, pseudonyms: Pseudonyms, change: FileChange) -> None:
    for element in list(top.iter()):
        name = _local(element)
        if not name or element is top:
            continue
        column = field(name)
        if column.treatment is Treatment.COPY:
            continue
        change.note(column)
        if column.treatment is Treatment.DROP:
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
        elif len(element) == 0:
            element.text = rewrite(column, element.text, pseudonyms, change) or None
