"""The scorecard's pure pieces: direction of travel, RAG against a target, the targets file."""

from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.indicators.scorecard import (
    DEFAULT_TARGETS,
    Target,
    rag,
    targets,
    travel,
)

REPEAT = catalogue()["cpp_neglect_repeat"]  # lower is better
TOTAL = catalogue()["neglect_children_total"]  # neither


def test_travel_knows_which_way_is_good():
    assert travel(REPEAT, 18.0, 20.0) == "better"
    assert travel(REPEAT, 22.0, 20.0) == "worse"
    assert travel(REPEAT, 20.0, 20.0) == "same"
    assert travel(TOTAL, 7, 6) == "up"
    assert travel(TOTAL, 5, 6) == "down"
    assert travel(REPEAT, None, 20.0) is None and travel(REPEAT, 20.0, None) is None


def test_rag_against_a_target_with_tolerance():
    lower = Target(20.0, "lower", "Head of Service", 2.0)
    assert rag(20.0, lower) == "green"  # on the target
    assert rag(21.5, lower) == "amber"  # 1.5 over, within 2.0
    assert rag(22.5, lower) == "red"
    higher = Target(70.0, "higher", "Lead", 7.0)
    assert (rag(75.0, higher), rag(65.0, higher), rag(62.0, higher)) == ("green", "amber", "red")
    assert rag(None, lower) is None and rag(10.0, None) is None


def test_targets_file_parsing(tmp_path, monkeypatch):
    good = tmp_path / "good.toml"
    good.write_text('[rereferral_12m_neglect]\ntarget = 20\ndirection = "lower"\n'
                    'owner = "Front Door"\n')
    got, problem = targets(good)
    # tolerance defaults to 10% of the target
    assert got == {"rereferral_12m_neglect": Target(20.0, "lower", "Front Door", 2.0)}
    assert problem is None

    bad = tmp_path / "bad.toml"
    bad.write_text('[no_such_id]\ntarget = 1\n\n[cpp_neglect_repeat]\ntarget = "x"\n'
                   'direction = "down"\n')
    got, problem = targets(bad)
    assert got == {} and "[no_such_id] is not an indicator id" in problem
    assert "target must be a number" in problem and 'direction must be "lower"' in problem

    assert targets(tmp_path / "missing.toml")[1].endswith("to use the example file.")
    monkeypatch.setenv("NEGLECT_INSIGHT_TARGETS", str(good))
    assert list(targets()[0]) == ["rereferral_12m_neglect"]
    monkeypatch.delenv("NEGLECT_INSIGHT_TARGETS")
    example, problem = targets()
    assert problem is None and example["cpp_neglect_repeat"].target == 20.0
    assert DEFAULT_TARGETS.name == "targets.toml" and DEFAULT_TARGETS.exists()


def test_the_scorecard_module_does_not_need_streamlit():
    import neglect_insight.pipelines.indicators.scorecard as module

    assert "streamlit" not in module.__dict__
