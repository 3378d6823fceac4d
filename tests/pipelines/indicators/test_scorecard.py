"""The scorecard's pure pieces: direction of travel, RAG against a target, the targets file."""

from datetime import date

from neglect_insight.pipelines.indicators.catalogue import catalogue
from neglect_insight.pipelines.indicators.scorecard import (
    DEFAULT_TARGETS,
    Target,
    moved,
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


def test_a_change_must_pass_the_threshold_to_count():
    # percentages: 1.0 percentage point between the figures as written (one decimal)
    assert not moved("percent", 24.04, 24.0)  # 24.0% and 24.0%
    assert not moved("percent", 24.94, 24.0)  # 24.9% against 24.0%: 0.9 points
    assert moved("percent", 24.96, 24.0)  # 25.0% against 24.0%: 1.0 point
    # counts and rates: 5% of the earlier figure
    assert not moved("count", 104, 100) and moved("count", 105, 100)
    assert not moved("per_10k", 20.9, 20.0) and moved("per_10k", 21.0, 20.0)
    assert moved("count", 3, 0) and not moved("count", 0, 0)
    assert travel(REPEAT, 24.04, 24.0) == "same"
    assert travel(TOTAL, 104, 100) == "same"


TRAJECTORY = ('[cpp_neglect_repeat]\ntarget = 20.0\ndirection = "lower"\ntolerance = 1.0\n'
              'trajectory = {"2025-03-31" = 22.0, "2025-06-30" = 21.0}\n')


def test_a_trajectory_sets_the_target_quarter_by_quarter(tmp_path):
    path = tmp_path / "targets.toml"
    path.write_text(TRAJECTORY)
    got, problem = targets(path)
    assert problem is None
    target = got["cpp_neglect_repeat"]
    assert target.trajectory == ((date(2025, 3, 31), 22.0), (date(2025, 6, 30), 21.0))
    assert target.value_for(date(2025, 3, 31)) == 22.0
    assert target.value_for(date(2025, 9, 30)) == 20.0  # no value for the quarter: the target
    # 21.5%: on track against Q4's 22.0; amber against Q1's 21.0 (0.5 over, tolerance 1.0);
    # red against the 20.0 target (1.5 over) in a quarter without a trajectory value.
    assert rag(21.5, target, date(2025, 3, 31)) == "green"
    assert rag(21.5, target, date(2025, 6, 30)) == "amber"
    assert rag(21.5, target, date(2025, 9, 30)) == "red"
    assert rag(21.5, target) == "red"


def test_a_bad_trajectory_is_named(tmp_path):
    path = tmp_path / "targets.toml"
    path.write_text('[cpp_neglect_repeat]\ntarget = 20.0\ndirection = "lower"\n'
                    'trajectory = {"2025-04-30" = 22.0, "31/03/2025" = 21.0, '
                    '"2025-06-30" = "x"}\n\n'
                    '[rereferral_12m_neglect]\ntarget = 20.0\ndirection = "lower"\n'
                    'trajectory = 21.0\ntargte = 1\n')
    got, problem = targets(path)
    assert got == {}
    assert '[cpp_neglect_repeat] trajectory key "2025-04-30" is not a quarter end' in problem
    assert ('[cpp_neglect_repeat] trajectory key "31/03/2025" is not a date written '
            'YYYY-MM-DD') in problem
    assert '[cpp_neglect_repeat] trajectory value for "2025-06-30" must be a number' in problem
    assert "[rereferral_12m_neglect] trajectory must be a table" in problem
    assert "[rereferral_12m_neglect] has unknown key(s) targte" in problem
