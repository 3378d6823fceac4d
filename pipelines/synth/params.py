"""Every number the synthetic partnership is tuned by, in one place.

Why one module: calibration means turning these knobs until a national-scale run lands near
the England figures of shared/spec/reference.md, so they are kept together, each with the
figure it was tuned against. Probabilities are per event unless said otherwise; durations are
days. Code lists and their weights are from the DfE publications in shared/data/dfe (2025).
"""

# Population aged 0-17 at the mid-year before `end` (mid-2024 England: 12,183,016).
SCALES: dict[str, int] = {
    "small": 4_000,
    "la": 60_000,
    "large-la": 300_000,
    "national": 12_200_000,
}

BIRTHS_FALL_PER_YEAR = 0.005  # births falling; migration keeps 0-17 nearly flat
BURN_IN_YEARS = 4  # simulate this long before the data window so stocks are in steady state
MAX_ROUNDS = 14  # a spell (one run of involvement) has at most this many EH/referral rounds

# --- Spells: a child's run of involvement starts with a referral or an early help episode.
# Rates per child aged 0-17 per year, tuned so referrals ~520 per 10k a year (632,830 /
# 12.18M) and early help episodes roughly as many.
REFERRAL_SPELLS_PER_CHILD_YEAR = 0.0291
EH_SPELLS_PER_CHILD_YEAR = 0.0390

# Age at the start of a spell: index 0 = unborn (pre-birth work), then ages 0..17.
REFERRAL_AGE_WEIGHTS = [2.5, 9.0] + [5.0] * 4 + [4.8] * 5 + [5.8] * 6 + [5.0] * 2
EH_AGE_WEIGHTS = [0.0, 6.0] + [4.5] * 4 + [6.0] * 5 + [6.0] * 6 + [5.0] * 2
PREBIRTH_DAYS = (32, 200)  # pre-birth referral this many days before birth
# Probability that a spell's family is neglectful, by the same age index. Neglect is
# identified far more in younger children.
NEGLECT_TRAIT_BY_AGE = [0.38, 0.33] + [0.30] * 4 + [0.19] * 5 + [0.10] * 6 + [0.07] * 2

# --- Referrals (CIN episodes)
NFA = 0.065  # DfE 2025: 6.5% of referrals NFA
NFA_AFTER_STEP_UP = 0.02
NFA_PRIMARY_NEED_EMPTY = 0.75
NFA_SAME_DAY_CLOSURE = 0.7  # else closed 1-5 days later
# 16A identified on the episode's assessment, given the family trait.
NEGLECT_IDENTIFIED = {True: 0.78, False: 0.025}
# Outcome after assessment, given 16A identified: not in need, CIN plan, CP, long term.
# DfE 2025: 30.8% of referrals assessed as not in need; ~62,000 CP plans a year.
OUTCOMES = ("not_in_need", "cin_plan", "cp", "long_term")
OUTCOME_WEIGHTS = {
    True: [0.13, 0.49, 0.30, 0.08],
    False: [0.355, 0.532, 0.055, 0.058],
}
ASSESSMENT_START_DAYS = (0, 14)  # after the referral; same day with probability below
ASSESSMENT_SAME_DAY = 0.3
ASSESSMENT_DAYS_MEDIAN, ASSESSMENT_DAYS_SIGMA = 28, 0.55  # ~10% over 45 working days
REASSESSMENT = 0.15  # a second assessment in an episode lasting more than ~4 months
NOT_IN_NEED_CLOSE_DAYS = (0, 10)
NOT_IN_NEED_RC9 = 0.28  # closed after assessment, referred to early help
CIN_PLAN_START_DAYS = (0, 21)  # after the assessment is authorised
CIN_PLAN_DAYS_MEDIAN, CIN_PLAN_DAYS_SIGMA = 150, 0.6
CLOSE_AFTER_PLAN_DAYS = (0, 21)
LONG_TERM_DAYS_MEDIAN, LONG_TERM_DAYS_SIGMA = 700, 0.75  # looked after / disabled children
LONG_TERM_CIN_PLAN = 0.5  # long-term support under a CIN plan (the rest: looked after)

# --- CP plans: England 2025 ended <= 3 months 15.9%, ended >= 2 years 4.4%, open at 31
# March >= 2 years 2.3%, mean length ~0.8 years (stock 49,420 / starts 61,840).
CP_START_DAYS = (7, 35)  # after the assessment starts (initial conference)
CP_SHORT = 0.11  # ceased at or before the first review
CP_SHORT_DAYS = (35, 91)
CP_DAYS_MEDIAN = {True: 315, False: 250}  # neglect plans last longer
CP_DAYS_SIGMA = 0.58
CP_TAIL_KEEP = 0.5  # plans reaching 2 years are mostly ended soon after (reviewed)
CP_REPEAT_IN_EPISODE = {True: 0.07, False: 0.03}
CP_REPEAT_GAP_DAYS = (14, 240)
CP_REPEAT_SAME_CATEGORY = 0.8
CP_THEN_LONG_TERM = 0.17  # plan ends because the child is looked after
CP_THEN_CIN_PLAN = 0.6  # stepped down to a CIN plan
CP_STEP_DOWN_DAYS_MEDIAN, CP_STEP_DOWN_DAYS_SIGMA = 150, 0.5
CP_CATEGORIES = ("NEG", "PHY", "SAB", "EMO", "MUL")
CP_CATEGORY_WEIGHTS = {  # given 16A identified on the episode
    True: [0.83, 0.03, 0.01, 0.05, 0.08],
    False: [0.025, 0.27, 0.12, 0.46, 0.125],
}
CP_CATEGORY_CHANGED = 0.07  # latest_category set (a plan over 4 months changed category)
CP_CATEGORY_CHANGE_TO = {"NEG": "MUL", "PHY": "MUL", "SAB": "MUL", "EMO": "NEG", "MUL": "NEG"}
# previous_plans: plans before the data (earlier years, other LAs) of a child on a plan.
CP_PRIOR_HISTORY = {True: 0.18, False: 0.10}

# Closure reasons, by how the episode ended.
CLOSURE_REASONS = {
    "cin_plan": {"RC7": 0.50, "RC9": 0.30, "RC5": 0.12, "RC8": 0.07, "RC2": 0.003},
    "cp": {"RC7": 0.47, "RC9": 0.38, "RC5": 0.13, "RC3": 0.02},
    "long_term": {"RC1": 0.12, "RC3": 0.24, "RC4": 0.24, "RC7": 0.22, "RC5": 0.12, "RC6": 0.06},
    "adult": {"RC6": 0.3, "RC7": 0.7},  # closed at the 18th birthday
}

# --- What follows an episode: (probability of another round, probability it is a referral
# rather than early help). Tuned for re-referrals within 12 months ~22.6%.
NEXT_AFTER = {
    "nfa": (0.66, 0.85),
    "not_in_need": (0.61, 0.85),
    "cin_plan": (0.47, 0.80),
    "cp": (0.35, 0.85),
    "long_term": (0.12, 0.90),
}
NEXT_NEGLECT_BOOST = 1.15  # neglectful families come back more often
NEXT_GAP_DAYS_MEDIAN, NEXT_GAP_DAYS_SIGMA = 90, 1.0
STOP_REASONS = ("RC1", "RC2", "RC5", "RC6")  # adopted, died, moved out, adult services
STEP_DOWN_TO_EH = 0.8  # RC9 closures followed by an early help episode
STEP_DOWN_DAYS = (1, 75)

# --- Early help
EH_DAYS_MEDIAN, EH_DAYS_SIGMA = 150, 0.6
EH_END_REASONS = ("needs_met", "stepped_up", "disengaged", "moved_away", "other")
EH_END_WEIGHTS = {True: [0.46, 0.22, 0.18, 0.04, 0.10], False: [0.58, 0.10, 0.14, 0.05, 0.13]}
EH_STEP_UP_DAYS = (0, 60)  # referral this long after a stepped-up episode ends
EH_NEXT = (0.18, 0.5)  # after any other ending: another round, and share that are referrals
EH_NEXT_GAP_DAYS_MEDIAN = 300
EH_NEGLECT_IDENTIFIED = {True: 0.70, False: 0.06}
EH_FACTOR_SCALE = 0.6  # early help assessments record fewer factors
EH_NO_FACTORS = 0.15
EH_ORGANISATIONS = ("la", "school", "health", "voluntary", "police", "other")
EH_ORGANISATION_WEIGHTS = {  # by under 5 / school age / 16-17
    "under5": [0.45, 0.05, 0.35, 0.12, 0.01, 0.02],
    "school": [0.35, 0.40, 0.08, 0.12, 0.02, 0.03],
    "older": [0.45, 0.25, 0.07, 0.15, 0.04, 0.04],
}
GCP2_RECORDED = {True: 0.55, False: 0.05}
GCP2_WEIGHTS = {True: [0.04, 0.18, 0.36, 0.30, 0.12], False: [0.30, 0.35, 0.20, 0.10, 0.05]}

# --- Referral sources (DfE 2025: police ~29%, schools ~20%, health ~15%, LA ~13%).
SOURCES = (
    "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F",
    "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10",
)  # fmt: skip
SOURCE_WEIGHTS = {
    "under5": [2, 4, .5, .5, 0, 3, 3, 8, 0, 3, 4, 9, 2, 7, 3, 2, 3, 31, 3, 6, .5, 2.5],
    "school": [2, 3, .5, 1.5, 27, 2, 1.5, .5, 1, 1.5, 3.5, 2.5,
               1.5, 5, 3, 2, 2, 27, 2, 6.5, .5, 2.5],
    "older": [2, 3, .5, 4, 12, 5, 2, .1, 1, 1.5, 5, 3, 3, 5, 3, 2, 1.5, 33, 4, 7, .4, 3],
}  # fmt: skip
STEP_UP_SOURCE_5D = 0.6

# Primary need N0-N9; neglect episodes are mostly N1 (abuse or neglect).
NEEDS = ("N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9")
NEED_WEIGHTS = {
    True: [0.01, 0.86, 0.01, 0.01, 0.04, 0.05, 0.0, 0.01, 0.01, 0.0],
    False: [0.03, 0.44, 0.06, 0.03, 0.10, 0.17, 0.05, 0.01, 0.03, 0.08],
}
DISABLED_NEED_N2 = 0.45  # a disabled child's episode with need N2

# --- Assessment factors: (code, share of episodes with factors, DfE 2025 c3 table) and
# whether it is mostly about teenagers. The toxic trio is conditional on neglect below.
FACTORS = (
    ("1A", 0.021, True), ("1C", 0.023, False), ("2A", 0.048, True), ("2C", 0.031, False),
    ("3A", 0.113, False), ("3C", 0.050, False), ("4A", 0.176, True), ("4C", 0.046, False),
    ("5A", 0.123, False), ("5B", 0.030, False), ("5C", 0.015, False), ("6A", 0.047, False),
    ("6B", 0.054, False), ("6C", 0.010, False), ("7A", 0.037, True), ("8B", 0.004, True),
    ("9A", 0.012, True), ("10A", 0.033, True), ("11A", 0.024, True), ("12A", 0.004, True),
    ("13A", 0.017, True), ("14A", 0.070, True), ("15A", 0.050, True), ("17A", 0.150, False),
    ("18B", 0.030, True), ("18C", 0.100, False), ("19B", 0.025, True), ("19C", 0.030, False),
    ("20", 0.0015, False), ("21", 0.0044, False), ("22A", 0.032, True), ("24A", 0.163, False),
)  # fmt: skip
TEEN_FACTOR_MULTIPLIER = {True: 2.2, False: 0.2}  # aged 10+ or not
TOXIC_TRIO = {  # code: (given 16A, without 16A); marginals 14.3%, 14.1%, 31.7%, 33.5%
    "1B": (0.34, 0.10),
    "2B": (0.34, 0.10),
    "3B": (0.52, 0.275),
    "4B": (0.52, 0.30),
}
CATEGORY_FACTOR = {"EMO": "17A", "PHY": "18C", "SAB": "19C"}  # a plan's category is a factor
NO_FACTORS = 0.03  # authorised assessments recording no factor

# --- Children
SEXES = ("M", "F", "U")
SEX_WEIGHTS = [0.515, 0.475, 0.01]
ETHNICITIES = (
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
    "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
)  # fmt: skip
ETHNICITY_WEIGHTS = [
    64, 0.2, 0.3, 5.5, 0.6, 2.5, 0.8, 1.2, 2.7, 1.3,
    2.5, 1.0, 1.5, 1.0, 3.0, 0.8, 0.2, 3.0, 1.0, 6.5,
]  # fmt: skip
UNBORN_NOT_OBTAINED = 0.6  # unborn children mostly have ethnicity NOBT
DISABLED = {"true": 0.09, "false": 0.85, "": 0.06}
LOCALITIES = ("North", "South", "East", "West", "Central")
LOCALITY_WEIGHTS = [0.21, 0.19, 0.20, 0.18, 0.22]
REGIONS = (
    "North East", "North West", "Yorkshire and The Humber", "East Midlands", "West Midlands",
    "East of England", "London", "South East", "South West",
)  # fmt: skip
REGION_WEIGHTS = [0.045, 0.13, 0.095, 0.085, 0.11, 0.11, 0.17, 0.16, 0.095]
LOCALITY_MISSING = 0.005
EXPECTED_MONTH_EARLIER = 0.15  # born a month later than expected

# --- School attendance. A year has ~380 sessions: autumn ~140, spring ~110, summer ~130.
TERMS = ("autumn", "spring", "summer")
TERM_STARTS = ((9, 1), (1, 1), (4, 1))  # (month, day)
TERM_SESSIONS = (140, 110, 130)
PART_TERM = 0.06  # joined or left school during the term
# Yearly absence rate: logit = mu[level] + sigma[level] * z, by the child's highest service
# open in the academic year (0 none, 1 EH, 2 CIN, 3 CP). England 2024/25 at 31 March:
# CPPO 21.8% / persistent 55.4% / severe 15.4%; CINO 17.4% / 46.0% / 11.3%.
ABSENCE_MU = (-3.05, -2.75, -2.50, -2.10)
ABSENCE_SIGMA = (1.45, 1.60, 2.00, 1.88)
ABSENCE_NEGLECT = 0.22  # neglect makes attendance worse
ABSENCE_CHILD_SHARE = 0.6  # share of variance that is the child's, persisting across years
ABSENCE_TERM_SIGMA = 0.35
ABSENCE_TERM_EFFECT = (-0.10, 0.0, 0.12)
UNAUTHORISED_SHARE = (0.33, 0.38, 0.45, 0.48)
# All pupils 2023/24: 7.1% absence, 20.0% persistent, 2.3% severe.
ALL_PUPILS_STATE_FUNDED = 0.93
ALL_PUPILS_ABSENCE = (0.068, 0.074, 0.078)
ALL_PUPILS_PERSISTENT = 0.20
ALL_PUPILS_SEVERE = 0.023

# --- Early years: 2-year-olds eligible for funded places, and take-up (75% 2024, 65% 2025).
ELIGIBLE_2YO = 0.23
TAKE_UP_LAST_YEAR = 0.65
TAKE_UP_EARLIER = 0.74

# --- Deliberately questionable rows (see questionable.py): this share of referrals, at
# least QUESTIONABLE_MIN, of each kind.
QUESTIONABLE_SHARE = 0.004
QUESTIONABLE_MIN = 3

# --- Practice on neglect (practice.py): Graded Care Profile 2 and multi-agency case audits.
# Drawn from a separate stream (seeded from the seed), so other files' draws are unchanged.
PRACTICE_STREAM = 0x6C2  # the practice stream is PCG64(SeedSequence([seed, PRACTICE_STREAM]))
AGENCIES = ("la", "school", "health", "voluntary", "police", "other")
GCP2_FIRST = {"eh": 0.55, "cin": 0.45}  # a neglect episode gets a GCP2
GCP2_FIRST_DAYS = (7, 42)  # after the EH start or the CIN neglect assessment's authorisation
GCP2_LEAD_AGENCY = 0.5  # in early help, completed by the episode's lead organisation
GCP2_AGENCY_WEIGHTS = {  # else by agency type: more by health and schools in early help
    "eh": [0.15, 0.35, 0.35, 0.10, 0.0, 0.05],
    "cin": [0.55, 0.15, 0.20, 0.05, 0.05, 0.0],
}
GCP2_OVERALL_WEIGHTS = [0.02, 0.13, 0.40, 0.35, 0.10]  # grades 1-5 at the first GCP2
GCP2_AREA_SPREAD = [0.2, 0.6, 0.2]  # an area's grade: overall -1 / same / +1
GCP2_RESCORE = 0.7  # rescored while the episode is open (or soon after its end)
GCP2_RESCORE_DAYS = (91, 183)  # 3 to 6 months after the first
GCP2_RESCORE_AFTER_END_DAYS = 45
# Overall grade at rescoring: better / worse (else the same), by how the episode ended:
# needs met (EH needs_met; CIN RC7 or RC9), open at the extract end, or otherwise.
GCP2_CHANGE = {"needs_met": (0.65, 0.08), "open": (0.45, 0.15), "other": (0.30, 0.25)}
GCP2_BETTER_BY_TWO = 0.3
AUDITS_PER_NEGLECT_CASE = 0.006  # audits per quarter per neglect case open in it, beyond...
AUDITS_MIN_PER_QUARTER = 2  # ...the few cases a QA sub-group audits every quarter
AUDIT_NEGLECT_THEME = 0.8
AUDIT_NO_CHILD = 0.08  # a themed audit of several cases names no child
AUDIT_GRADES = ("outstanding", "good", "requires_improvement", "inadequate")
AUDIT_GRADE_WEIGHTS = [0.06, 0.40, 0.42, 0.12]
AUDIT_GOOD_GAIN_PER_YEAR = 0.05  # practice improving: good grades this much more likely a year
AUDIT_AGENCY_CHANCE = {"health": 0.8, "school": 0.6, "police": 0.4, "voluntary": 0.2}
