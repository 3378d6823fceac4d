"""attendance.csv (termly, per child) and attendance_all_pupils.csv (termly aggregates).

Why modelled per child-year: the attendance indicators compare cohorts over an academic
year (absence rate, persistent >= 10%, severe >= 50%), so a child's yearly absence rate is
drawn from a logit-normal whose centre depends on the highest service open for the child that
year (none, EH, CIN, CP) and on neglect, with a child effect that persists across years;
terms then vary around it. Only children of compulsory school age (5-15 on 1 September) get
rows, and only for terms that have started by the extract end (a term under way counts the
sessions so far). The all-pupils rows are aggregates of the whole resident population.
"""

from collections.abc import Iterator

import numpy as np
import polars as pl

from neglect_insight.pipelines.calendar import academic_year_label
from neglect_insight.pipelines.synth import dates, params
from neglect_insight.pipelines.synth.population import Births, born_between_days
from neglect_insight.pipelines.synth.tables import Services

COLUMNS = ["child_id", "academic_year", "term", "possible_sessions", "absence_sessions",
           "unauthorised_sessions"]  # fmt: skip


def terms(window_start: int, end: int) -> list[tuple[int, int, int, int]]:
    """(academic year start, term index, first day, last day) of terms overlapping the
    window that have started by `end`."""
    out = []
    for year in range(
        int(dates.academic_year_of(np.int32(window_start))), int(dates.year_of(np.int32(end))) + 1
    ):
        for t, (month, day) in enumerate(params.TERM_STARTS):
            first = dates.day_of(year + (t > 0), month, day)
            next_term = params.TERM_STARTS[(t + 1) % 3]
            last = dates.day_of(year + 1, *next_term) - 1
            if first <= end and last >= window_start:
                out.append((year, t, first, last))
    return out


def school_age_births(year: int) -> tuple[int, int]:
    """First and last birth day of children aged 5-15 on 1 September of `year`, ages taken
    from the birth month as the extract gives it (born October 16 years before to September
    5 years before)."""
    return dates.day_of(year - 16, 10, 1), dates.day_of(year - 5, 9, 30)


def sessions(term: int, first: int, last: int, end: int) -> float:
    """Possible sessions in a term, pro rata if the extract ends during it."""
    elapsed = min(1.0, (end - first + 1) / (last - first + 1))
    return params.TERM_SESSIONS[term] * elapsed


def child_rows(
    rng: np.random.Generator,
    services: Services,
    child_ids: pl.Series,
    window_start: int,
    end: int,
) -> Iterator[pl.DataFrame]:
    """attendance.csv rows, one frame per academic year (keeps memory flat at national scale)."""
    n = len(services.birth)
    child_effect = rng.standard_normal(n)
    share = params.ABSENCE_CHILD_SHARE
    by_year: dict[int, list[tuple[int, int, int]]] = {}
    for year, t, first, last in terms(window_start, end):
        by_year.setdefault(year, []).append((t, first, last))
    for year, year_terms in by_year.items():  # a handful of academic years
        year_first, year_last = dates.day_of(year, 9, 1), min(dates.day_of(year + 1, 8, 31), end)
        born_from, born_to = school_age_births(year)
        pupil = np.flatnonzero((services.birth >= born_from) & (services.birth <= born_to))
        level, neglect = _year_services(services, n, year_first, year_last)
        lv = level[pupil]
        z = np.sqrt(share) * child_effect[pupil] + np.sqrt(1 - share) * rng.standard_normal(
            len(pupil)
        )
        logit = (
            np.asarray(params.ABSENCE_MU)[lv]
            + np.asarray(params.ABSENCE_SIGMA)[lv] * z
            + params.ABSENCE_NEGLECT * neglect[pupil]
        )
        frames = []
        for t, first, last in year_terms:  # up to three terms
            m = len(pupil)
            possible = sessions(t, first, last, end) - rng.binomial(6, 0.3, m)
            part = rng.random(m) < params.PART_TERM
            possible = np.where(part, possible * rng.uniform(0.2, 0.9, m), possible)
            possible = np.maximum(np.rint(possible), 1).astype(np.int64)
            term_logit = (
                logit
                + params.ABSENCE_TERM_EFFECT[t]
                + params.ABSENCE_TERM_SIGMA * rng.standard_normal(m)
            )
            absence = rng.binomial(possible, 1 / (1 + np.exp(-term_logit)))
            unauthorised = rng.binomial(absence, np.asarray(params.UNAUTHORISED_SHARE)[lv])
            frames.append(
                pl.DataFrame(
                    {
                        "_child": pupil,
                        "_term": np.full(m, t, dtype=np.int8),
                        "possible_sessions": possible,
                        "absence_sessions": absence,
                        "unauthorised_sessions": unauthorised,
                    }
                )
            )
        rows = pl.concat(frames).sort(["_child", "_term"])
        yield rows.select(
            child_ids.gather(rows["_child"]).alias("child_id"),
            pl.lit(academic_year_label(year)).alias("academic_year"),
            pl.Series(params.TERMS).gather(rows["_term"]).alias("term"),
            "possible_sessions",
            "absence_sessions",
            "unauthorised_sessions",
        )


def _year_services(
    services: Services, n: int, first: int, last: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per child: highest service level open in [first, last], and any neglect then."""
    open_then = (services.start <= last) & (services.end >= first)
    level = np.zeros(n, dtype=np.int8)
    neglect = np.zeros(n, dtype=np.int8)
    np.maximum.at(level, services.child[open_then], services.level[open_then])
    np.maximum.at(neglect, services.child[open_then], services.neglect[open_then].astype(np.int8))
    return level, neglect


def all_pupils(
    rng: np.random.Generator, births: Births, window_start: int, end: int
) -> pl.DataFrame:
    """attendance_all_pupils.csv: termly aggregates for the resident school-age population."""
    records = []
    for year, t, first, last in terms(window_start, end):
        born = born_between_days(births, *school_age_births(year))
        pupils = int(round(born * params.ALL_PUPILS_STATE_FUNDED))
        possible = int(round(pupils * sessions(t, first, last, end) * 0.985))
        wobble = 1 + 0.02 * rng.standard_normal(3)
        records.append(
            {
                "academic_year": academic_year_label(year),
                "term": params.TERMS[t],
                "pupils": pupils,
                "possible_sessions": possible,
                "absence_sessions": int(round(possible * params.ALL_PUPILS_ABSENCE[t] * wobble[0])),
                "persistent_absentees": int(
                    round(pupils * params.ALL_PUPILS_PERSISTENT * wobble[1])
                ),
                "severe_absentees": int(round(pupils * params.ALL_PUPILS_SEVERE * wobble[2])),
            }
        )
    return pl.DataFrame(records)
