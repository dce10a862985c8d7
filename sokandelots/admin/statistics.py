"""The administrator's statistics: the unit's outcome figures for a period, as a page and as CSV."""
from datetime import date

from flask import render_template, request
from flask_babel import format_decimal, format_percent

from .. import downloads, statistics as rules
from ..catalogues import (AGE_BANDS, COMMISSIONERS, GENDERS, INCOME_AT_END, INCOME_SOURCES,
                          JOB_START_HOURS, OUTCOMES, REFERRAL_STATUSES, STEPS, SUPPORT_NEEDS,
                          TARGET_GROUPS)
from ..i18n import gettext as _, lazy_gettext as _l
from ..models import User
from ..security import role_required
from . import bp

# The unit manager reads the statistics too (see manager.py).
for_admin_and_manager = role_required(User.ADMIN, User.MANAGER)


def period(args, today):
    """(start, end, errors) from the query string. A date that is not a date, or an end before
    the start, gives an error per field and the default period: 1 January to today."""
    default = (date(today.year, 1, 1), today)
    chosen, errors = {}, {}
    for name, fallback in zip(("from", "to"), default):
        typed = args.get(name, "").strip()
        try:
            chosen[name] = date.fromisoformat(typed) if typed else fallback
        except ValueError:
            errors[name] = _("Enter a real date, for example %(example)s.",
                             example=today.isoformat())
    if not errors and chosen["from"] > chosen["to"]:
        errors["to"] = _("The end date must be the same as the start date or later.")
    if errors:
        return *default, errors
    return chosen["from"], chosen["to"], errors


def _number(value, pattern="#,##0.#"):
    return "–" if value is None else format_decimal(value, format=pattern)


def _percent(value):
    return "–" if value is None else format_percent(value / 100, format="#,##0.0%")


def _people(count):
    """A count of people, or "<5" when it is about fewer than five (but some)."""
    value = rules.shown(count)
    return value if isinstance(value, str) else _number(value)


def _share(kept, base):
    """A share of people: suppressed when the base is fewer than five."""
    if 0 < base < rules.FEWEST:
        return rules.shown(base)
    return _percent(rules.percent(kept, base))


# I18N: a group in the statistics whose gender, age, target group, need of support or income is
# not recorded
UNKNOWN = _l("Not recorded")

# The method's time rules in the statistics (statistics.fidelity).
FIDELITY = {
    "contact": _l("First employer contact within a month of the start"),
    "benefits": _l("Benefits counselling within a month of the start"),
    "followup_12": _l("Follow-up in work of at least 12 months"),
    "followup_24": _l("Follow-up in work of at most 24 months"),
}


def named(catalogue):
    """A group's name in the statistics: as the catalogue says, or "Not recorded"."""
    return lambda key: catalogue.get(key, UNKNOWN)


def quarter_name(label):
    year, number = label.split(" Q")
    # I18N: a quarter of a year, e.g. "Q1 2026"
    return _("Q%(number)s %(year)s", number=number, year=year)


def charts(figures):
    """What the bar charts show: per chart, its rows as (label, value, value as text)."""
    return {
        "steps": [(f"{step}. {name}", figures.per_step[step], _number(figures.per_step[step]))
                  for step, name in STEPS.items()],
        "days": [(f"{step}. {name}", figures.median_days[step] or 0,
                  _number(figures.median_days[step])) for step, name in STEPS.items()],
        "contacts": [(row.name, row.per_week, _number(row.per_week, "#,##0.0"))
                     for row in figures.contacts],
        # A suppressed figure has no bar, so its length tells nothing either.
        "quarters": [(f"{quarter_name(label)}: {OUTCOMES[outcome]}",
                      count if count >= rules.FEWEST else 0, _people(count))
                     for (label, outcome), count in sorted(figures.by_quarter.items(),
                                                           key=rules.in_catalogue_order)],
        "commissioners": [(f"{COMMISSIONERS.get(who, who)}: {OUTCOMES[outcome]}",
                           count if count >= rules.FEWEST else 0, _people(count))
                          for (who, outcome), count in sorted(figures.by_commissioner.items(),
                                                              key=rules.in_catalogue_order)],
    }


def matrix(counter, order=None):
    """Rows of an outcome table: (group, {outcome: count}) for the groups that have any."""
    groups = sorted({group for group, _outcome in counter},
                    key=lambda group: (list(order).index(group) if order and group in order
                                       else len(order or ()), str(group)))
    return [(group, {outcome: counter.get((group, outcome), 0) for outcome in OUTCOMES})
            for group in groups]


@bp.route("/statistics")
@for_admin_and_manager
def statistics():
    """The key figures and charts for a period chosen in a GET form."""
    today = date.today()
    start, end, errors = period(request.args, today)
    figures = rules.compute(start, end, today)
    coach_name = lambda key: figures.coach_names.get(key) or UNKNOWN  # noqa: E731
    groups = [
        # (id, heading, group heading, rows, group name)
        ("gender", _("Per gender"), _("Gender"), matrix(figures.by_gender, GENDERS),
         named(GENDERS)),
        ("age", _("Per age band"), _("Age band"), matrix(figures.by_age_band, AGE_BANDS),
         named(AGE_BANDS)),
        ("coach", _("Per coach"), _("Coach"), matrix(figures.by_coach), coach_name),
        ("target-group", _("Per target group"), _("Target group"),
         matrix(figures.by_target_group, TARGET_GROUPS), named(TARGET_GROUPS)),
        ("support-need", _("Per need of support"), _("Need of support"),
         matrix(figures.by_support_need, SUPPORT_NEEDS), named(SUPPORT_NEEDS)),
        ("income-at-start", _("Per income at the start"), _("Income at the start"),
         matrix(figures.by_income_at_start, INCOME_SOURCES), named(INCOME_SOURCES)),
        ("income-at-end", _("Per income at the end"), _("Income at the end"),
         matrix(figures.by_income_at_end, INCOME_AT_END), named(INCOME_AT_END)),
    ]
    needs = sorted({need for need, _status in figures.referrals},
                   key=lambda need: rules.referral_order(((need, ""), 0)))
    referral_rows = [(named(SUPPORT_NEEDS)(need), [figures.referrals.get((need, status), 0)
                                                   for status in REFERRAL_STATUSES])
                     for need in needs]
    return render_template(
        "admin/statistics.html", figures=figures, errors=errors, charts=charts(figures),
        quarters=matrix(figures.by_quarter), commissioner_rows=matrix(
            figures.by_commissioner, COMMISSIONERS), groups=groups,
        quarter_name=quarter_name, commissioner_name=lambda key: COMMISSIONERS.get(key, key),
        coach_name=coach_name, referral_rows=referral_rows, referral_statuses=REFERRAL_STATUSES,
        job_starts=sorted(figures.job_starts_per_coach.items(),
                                                 key=lambda item: str(coach_name(item[0]))),
        fidelity=[(FIDELITY[rule], kept, base) for rule, (kept, base) in figures.fidelity.items()],
        number=_number, percent=_percent, people=_people, share=_share, outcomes=OUTCOMES,
        days=rules.RETENTION_DAYS, job_start_hours=JOB_START_HOURS, fewest=rules.FEWEST)


@bp.route("/statistics.csv")
@for_admin_and_manager
def statistics_csv():
    """The same figures as rows of figure, group and value, for a spreadsheet."""
    today = date.today()
    start, end, _errors = period(request.args, today)
    return downloads.csv_file(("figure", "group", "value"),
                              rules.csv_rows(rules.compute(start, end, today)),
                              f"statistics-{start.isoformat()}-{end.isoformat()}.csv")
