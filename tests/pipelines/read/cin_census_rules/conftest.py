"""Write a small CIN census return and run the census-return rules over it.

    def test_something(census):
        found = census(dfe_8620, '''
            <Child>
              <ChildIdentifiers><LAchildID>C1</LAchildID></ChildIdentifiers>
              ...
            </Child>''')

The Message and Header (census year 1 April 2024 to 31 March 2025 unless `reference` says
otherwise) take lines 1-3, so the first line of `children` is line 4 of the file. `census`
returns the findings of one rule module as (rule id, line, column, value); `.findings` keeps
the last full list.
"""

from __future__ import annotations

from types import ModuleType

import pytest
from lxml import etree

from neglect_insight.pipelines.delivery_types import Finding
from neglect_insight.pipelines.read.cin_census_rules import check_file

HEADER = ("<Message><Header><CollectionDetails><Collection>CIN</Collection>\n"
          "<Year>{year}</Year><ReferenceDate>{reference}</ReferenceDate>\n"
          "</CollectionDetails></Header><Children>\n")


def write(children: str, reference: str = "2025-03-31", year: str | None = None) -> bytes:
    """The text of a return holding `children` (each line of it one line of the file)."""
    lines = [line.strip() for line in children.strip("\n").splitlines()]
    head = HEADER.format(year=year or reference[:4], reference=reference)
    return (head + "\n".join(lines) + "\n</Children></Message>\n").encode()


def run(xml: bytes, source: str = "cin_census_2025.xml") -> list[Finding]:
    root = etree.fromstring(xml)
    children = root.find("Children")
    return check_file(source, list(children))


class Census:
    findings: list[Finding] = []
    write = staticmethod(write)

    def __call__(self, module: ModuleType, children: str, reference: str = "2025-03-31",
                 year: str | None = None) -> list[tuple]:
        self.findings = run(write(children, reference, year))
        return [(f.rule_id, f.line, f.column, f.value)
                for f in self.findings if f.rule_id == module.RULE.id]


@pytest.fixture
def census() -> Census:
    return Census()
