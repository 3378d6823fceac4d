"""The rule registry: every rule module is discovered, has the rule shape and a test; rule ids
are unique across the whole validation (format, identifiers, types, contracts, cross-file)."""

from pathlib import Path

from neglect_insight.pipelines import delivery as delivery_module
from neglect_insight.pipelines.read import cin_census_rules
from neglect_insight.pipelines.read.extract_csv import FORMAT_RULES
from neglect_insight.pipelines.read.extract_files import EXTRACT_FILES
from neglect_insight.pipelines.validate import identifiers, rules
from neglect_insight.pipelines.validate.contracts import load_suites
from neglect_insight.pipelines.validate.types import rules_for

HERE = Path(__file__).parent


def test_every_module_in_the_package_is_a_discovered_rule():
    on_disk = {p.stem for p in Path(rules.__file__).parent.glob("*.py")
               if not p.stem.startswith("_")}
    assert {m.__name__.rsplit(".", 1)[1] for m in rules.discover()} == on_disk
    assert len(on_disk) >= 13


def test_every_rule_quotes_the_spec_and_has_a_test():
    for module in rules.discover():
        name = module.__name__.rsplit(".", 1)[1]
        assert module.RULE.id == rules.rule_id(name)
        assert module.RULE.severity in ("blocking", "query")
        assert "extracts.md" in (module.__doc__ or "") or \
            (module.__doc__ or "").startswith(f"DfE {module.RULE.dfe_code}"), name
        assert set(module.CHECKS) and set(module.CHECKS) | set(module.NEEDS) <= set(EXTRACT_FILES)
        assert (HERE / f"test_{name}.py").exists(), f"{name} has no test file"


def test_rule_ids_are_unique_across_all_validation():
    ids = [r.id for r in FORMAT_RULES]
    ids += [delivery_module.MISSING_FILE.id, delivery_module.UNKNOWN_FILE.id,
            delivery_module.NO_FOLDER.id]
    ids += [r.id for r in identifiers.RULES]
    ids += [r.id for e in EXTRACT_FILES.values() for r in rules_for(e)]
    ids += [rule_id for s in load_suites().values() for rule_id in s.rules]
    ids += [m.RULE.id for m in rules.discover()]
    ids += [r.id for r in cin_census_rules.rules()]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_no_rule_fires_on_the_valid_delivery(delivery):
    conn, staged = delivery.stage()
    ran, findings = rules.check(conn, staged, __import__("datetime").date(2025, 3, 31))
    assert findings == []
    assert {r.id for r, _ in ran} == {m.RULE.id for m in rules.discover()}


def test_dfe_rules_are_numbered_by_their_module_and_severity_by_their_code():
    """A DfE rule's severity follows the DfE (Q = query) unless its docstring says why a
    canonical delivery needs a query."""
    for module in rules.discover():
        code = module.RULE.dfe_code
        if module.RULE.id.startswith("dfe."):
            assert module.RULE.id == f"dfe.{code}"
        if code and code.endswith("Q"):
            assert module.RULE.severity == "query", code
    for module in cin_census_rules.discover():
        code, severity = module.RULE.dfe_code, module.RULE.severity
        said = "a query here" in " ".join((module.__doc__ or "").split())  # an error made
        # a query, and why
        assert severity == ("query" if code.endswith("Q") or said else "blocking"), code
    listed = rules.dfe_rules()
    assert len({r.rule_id for r in listed}) == len(listed) >= 40


def test_docs_list_every_dfe_rule_we_check():
    listed = (HERE.parents[3] / "docs" / "dfe-rules.md").read_text()
    rows = {line.split("|")[1].strip() for line in listed.splitlines()
            if line.startswith("| ") and line.split("|")[1].strip()[:1].isdigit()}
    assert rows == {r.code for r in rules.dfe_rules()}
