"""Small helpers for walking a streamed CIN census XML by local element names (a namespace, if
any, is checked once on the root; below it elements are matched on their local name)."""

from __future__ import annotations

from lxml import etree

from neglect_insight.pipelines.read import cells

_local_names: dict[str, str] = {}


def local_name(element: etree._Element) -> str:
    """The element's name without its namespace ("" for a comment)."""
    tag = element.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    name = _local_names.get(tag)
    if name is None:
        name = _local_names[tag] = tag.rpartition("}")[2]
    return name


def namespace(element: etree._Element) -> str:
    """The element's namespace URI, "" if it has none."""
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def text(element: etree._Element | None) -> str | None:
    """The element's text without surrounding spaces; None if absent or empty."""
    return None if element is None else cells.clean(element.text)


def clear_read(element: etree._Element) -> None:
    """Free an element once read, and the siblings read before it, so memory stays flat."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


class Elements:
    """An element's child elements by local name, in document order (one pass over them)."""

    def __init__(self, parent: etree._Element | None):
        self.by_name: dict[str, list[etree._Element]] = {}
        for element in () if parent is None else parent:
            self.by_name.setdefault(local_name(element), []).append(element)

    def first(self, name: str) -> etree._Element | None:
        found = self.by_name.get(name)
        return found[0] if found else None

    def all(self, name: str) -> list[etree._Element]:
        return self.by_name.get(name, [])

    def value(self, name: str) -> str | None:
        return text(self.first(name))
