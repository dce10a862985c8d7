"""The administrator's statistics: the unit's outcome figures for a period, as a page and as CSV."""
from datetime import date

from flask import render_template, request
from flask_babel import format_decimal, format_percent, gettext as _

from .. import downloads, statistics as rules
from ..catalogues import COMMISSIONERS, JOB_START_HOURS, OUTCOMES, STEPS
from ..models import User
from ..security import role_required
from . import bp

admin_only = role_required(User.ADMIN)


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
        "quarters": [(f"{quarter_name(label)}: {OUTCOMES[outcome]}", count, _number(count))
                     for (label, outcome), count in sorted(figures.by_quarter.items(),
                                                           key=rules.in_catalogue_order)],
        "commissioners": [(f"{COMMISSIONERS.get(who, who)}: {OUTCOMES[outcome]}", count,
                           _number(count))
                          for (who, outcome), count in sorted(figures.by_commissioner.items(),
                                                              key=rules.in_catalogue_order)],
    }


def matrix(counter, order=None):
    """Rows of an outcome table: (group, {outcome: count}) for the groups that have any."""
    groups = sorted({group for group, _outcome in counter},
                    key=lambda group: (list(order).index(group) if order and group in order
                                       else len(order or ()), group))
    return [(group, {outcome: counter.get((group, outcome), 0) for outcome in OUTCOMES})
            for group in groups]


@bp.route("/statistics")
@admin_only
def statistics():
    """The key figures and charts for a period chosen in a GET form."""
    today = date.today()
    start, end, errors = period(request.args, today)
    figures = rules.compute(start, end, today)
    return render_template(
        "admin/statistics.html", figures=figures, errors=errors, charts=charts(figures),
        quarters=matrix(figures.by_quarter), commissioner_rows=matrix(
            figures.by_commissioner, COMMISSIONERS),
        quarter_name=quarter_name, commissioner_name=lambda key: COMMISSIONERS.get(key, key),
        number=_number, percent=_percent, outcomes=OUTCOMES, days=rules.RETENTION_DAYS,
        job_start_hours=JOB_START_HOURS)


@bp.route("/statistics.csv")
@admin_only
def statistics_csv():
    """The same figures as rows of figure, group and value, for a spreadsheet."""
    today = date.today()
    start, end, _errors = period(request.args, today)
    return downloads.csv_file(("figure", "group", "value"),
                              rules.csv_rows(rules.compute(start, end, today)),
                              f"statistics-{start.isoformat()}-{end.isoformat()}.csv")
