"""The rule registry: every rule module is discovered, has the rule shape and a test; rule ids
are unique across the whole validation (format, identifiers, types, contracts, cross-file)."""

from pathlib import Path

from neglect_insight.pipelines import delivery as delivery_module
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
        assert module.RULE.id == f"cross.{name}"
        assert module.RULE.severity in ("blocking", "query")
        assert "extracts.md" in (module.__doc__ or ""), name
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
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_no_rule_fires_on_the_valid_delivery(delivery):
    conn, staged = delivery.stage()
    ran, findings = rules.check(conn, staged, __import__("datetime").date(2025, 3, 31))
    assert findings == []
    assert {r.id for r, _ in ran} == {m.RULE.id for m in rules.discover()}
