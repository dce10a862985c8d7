"""A story in the demo data, so that every page has something to show on a fresh database.

The people, employers, addresses and phone numbers are invented: the employers are in the
made-up town of Exempelby, the phone numbers are from the range set aside for fiction
(070-1740605 to 070-1740699) and the e-mail addresses end in example.com. Dates count back from
today, so the story stays fresh. Everything is made through the app's own rules, as the pages
would make it; only the times something happened are moved back afterwards.

- erik has answered most questions, tried two job cards and shared twice; his coach read the
  first version, so the coach's review shows what changed. He is on a work placement at a
  warehouse with a plan in two versions, a month of attendance and follow-ups.
- amina has started her profile in Arabic.
- coach's unit has employers with contact people, contacts, a workplace analysis and job
  leads, and two closed cases (one in work, one who went on to study) for the statistics.
"""
import json
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from flask_babel import force_locale

from . import agreement, caseload, meetings, notes, plans, sharing, timerules
from .accounts import create_participant
from .activities import records
from .attendance import mark, mark_many, mark_notified, unnotified
from .db import db
from .employers import register
from .jobcards import choices
from .meetings import local_start
from .models import Activity, Case, Lead, Setting, User
from .profile import answers
from .profile.catalogue import BY_KEY

TOLD = "demo_story"  # the Setting that says the story is in the database


def tell_story(today=None):
    """Add the story once, when the demo accounts are there; return whether it did."""
    if Setting.value_of(TOLD) or not User.select().where(User.username == "erik").exists():
        return False
    today = today or date.today()
    users = {user.username: user for user in User.select().where(
        User.username.in_(["coach", "erik", "amina"]))}
    # Sharing lists the job cards by their titles, in Swedish here, as outside any request.
    # What came before Erik's placement is dated from `then`, thirty days after its start.
    start = erik_start(today)
    then = start + timedelta(days=30)
    with db.atomic(), force_locale("sv"):
        employers = _employers(users["coach"], today, then)
        _erik(users["erik"], users["coach"], employers, today, start, then)
        _amina(users["amina"], users["coach"], today)
        _closed_cases(users["coach"], employers, today)
        Setting.put(TOLD, today.isoformat())
    return True


def erik_start(today):
    """Erik's placement started on the first weekday of last month, so the attendance page
    shows a whole month."""
    start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    return start + timedelta(days=max(0, 7 - start.weekday()) if start.weekday() > 4 else 0)


def erik_attendance(start, today, longer_from):
    """Erik's days at work, Monday to Thursday from `start` until yesterday: {day: (status,
    hours)}, with one sick day in his second week and longer days from `longer_from`; the last
    two days, which he marked himself and his coach has not confirmed yet; and the sick day."""
    marks, day = {}, start
    while day < today:
        if day.weekday() < 4:
            marks[day] = ("present", 4 if day < longer_from else 6)
        day += timedelta(days=1)
    sick = min(day for day in marks if day >= start + timedelta(days=7))
    marks[sick] = ("sick", 0)
    return marks, sorted(marks)[-2:], sick


def _ago(today, days):
    return today - timedelta(days=days)


def _at(day, hour=10):
    """A time on `day`, as stored (UTC, without a zone)."""
    return datetime.combine(day, time(hour))


def _when(row, day, field="created_at"):
    """Move the time a row was made back to `day`: the rules stamp it with now."""
    type(row).update({getattr(type(row), field): _at(day)}).where(
        type(row).id == row.id).execute()


def _lead(participant, employer, kind, day, coach, position=None):
    """A job-search lead that became an idea on `day` (the rule dates the idea today)."""
    lead = register.add_lead(participant, employer, kind, day, coach, position=position)
    Lead.update(reached=json.dumps({"idea": day.isoformat()})).where(Lead.id == lead.id).execute()
    return Lead.get_by_id(lead.id)


def _started(case, day):
    Case.update(created_at=_at(day, 9)).where(Case.id == case.id).execute()
    return Case.get_by_id(case.id)


# --- Employers -------------------------------------------------------------------------------

def _employers(coach, today, then):
    warehouse = register.add_employer(
        coach, "Exempelby Lager AB", "logistics", "Lagervägen 4, Exempelby",
        "Tar gärna emot praktikanter. Handledaren vill ha ett samtal varannan vecka.",
        "lager, plock, morgnar")
    register.add_person(warehouse, "Mats Ek", "Lagerchef och handledare", "070-174 06 05",
                        "mats.ek@example.com", by=coach)
    register.add_person(warehouse, "Sofia Berg", "HR", "070-174 06 06", "sofia.berg@example.com",
                        by=coach)
    shop = register.add_employer(
        coach, "Exempelby Livs", "retail", "Torget 1, Exempelby",
        "Liten matbutik. Behöver hjälp med varupåfyllning på morgonen.", "butik, kassa")
    register.add_person(shop, "Ahmed Rostami", "Butikschef", "070-174 06 07",
                        "ahmed.rostami@example.com", by=coach)
    bikes = register.add_employer(
        coach, "Exempelby Cykelverkstad", "construction", "Hamngatan 12, Exempelby",
        "Lagar cyklar och säljer begagnade. Har frågat efter någon till våren.", "cykel, verkstad")
    register.add_person(bikes, "Lisa Nyberg", "Ägare", "070-174 06 08", "lisa.nyberg@example.com",
                        by=coach)
    for employer, day, kind, outcome in (
            (shop, _ago(then, 58), "phone", "Ahmed kan ta emot ett studiebesök."),
            (shop, _ago(then, 56), "visit", "Studiebesök med Erik. Butiken har mest kassaarbete."),
            (warehouse, _ago(then, 50), "visit", "Visade lagret. Det finns plats för praktik."),
            (warehouse, _ago(then, 45), "meeting", "Gick igenom arbetsuppgifterna med Mats."),
            (warehouse, _ago(then, 31), "meeting", "Skrev genomförandeplanen tillsammans."),
            (bikes, _ago(today, 10), "email", "Lisa vill träffas efter nyår."),
            (warehouse, _ago(today, 3), "phone", "Mats är nöjd. Erik kommer i tid.")):
        register.add_event(employer, coach, day, kind, outcome)
    position = register.save_analysis(warehouse, {
        "title": "Lagermedarbetare, plock och pack", "place": "indoors", "company": "both",
        "pace": "busy", "hours": "20_30", "times": ["mornings", "days"], "noise": "some",
        "physical": "medium", "licence": "no",
        "tasks": "Plocka varor efter lista, packa, sortera returer, hålla ordning i gångarna.",
        "social": "Arbetslag om fem personer. Kort möte varje morgon.",
        "knowledge": "Inga förkunskaper. Truckkort kan man ta senare.",
        "supervisor": "Mats Ek, 070-174 06 05"})
    return {"warehouse": warehouse, "shop": shop, "bikes": bikes, "position": position}


# --- Erik: a profile shared twice, job cards, a placement ------------------------------------

ERIK_FIRST = {
    "call_me": {"text": "Erik"},
    "contact": {"choices": ["sms", "phone"]},
    "languages": {"rows": [{"language": "Svenska", "level": "mother_tongue"},
                           {"language": "Engelska", "level": "good"}]},
    "interests": {"choices": ["building", "sorting", "driving", "sport"],
                  "text": "Jag gillar att skruva med cyklar."},
    "strengths": {"choices": ["strong", "fast", "alone"]},
    "place": {"choices": ["indoors"]},
    "company": {"choices": ["alone"]},
    "pace": {"choices": ["busy"]},
    "hours": {"choices": ["20_30"]},
    "times": {"choices": ["mornings", "days"]},
    "travel": {"choices": ["bike", "bus"]},
    "distance": {"choices": ["half_hour"]},
    "licence": {"choices": ["learning"]},
    "support": {"choices": ["instructions", "same_tasks"]},
    "school": {"choices": ["primary"]},
    "jobs": {"rows": [{"where": "Sommarjobb i parken", "what": "Klippte gräs och plockade skräp",
                       "how_long": "months", "liked": "Att vara ute och jobba med kroppen"}]},
    "dream_job": {"text": "Jobba på ett lager eller i en butik."},
    "six_months": {"choices": ["job", "know"]},
}
# What Erik changed after trying the work, before he shared again.
ERIK_SECOND = {
    "company": {"choices": ["both"]},
    "strengths": {"choices": ["strong", "fast", "on_time", "team"],
                  "text": "Jag kommer alltid i tid."},
    "jobs": {"rows": [*ERIK_FIRST["jobs"]["rows"],
                      {"where": "Exempelby Lager AB", "what": "Plockade och packade varor",
                       "how_long": "weeks", "liked": "Arbetslaget och att det går fort"}]},
    "dream_job": {"text": "Jobba på ett lager. Kanske köra truck."},
    "courses": {"text": "Körkortsteori. Jag övar på att köra bil."},
    "good_day": {"text": "Jag vet vad jag ska göra och det händer mycket."},
    "disclose_what": {"choices": ["needs"]},
    "disclose_who": {"choices": ["coach"]},
}


def _save_answers(participant, values):
    for key, value in values.items():
        answers.save(participant, BY_KEY[key], value)


def _erik(erik, coach, employers, today, start, then):
    case = _started(Case.get(Case.participant == erik), _ago(then, 84))
    agreement.save(erik, coach, {
        "referrer": "af", "referrer_contact": "Handläggare Karin Söder, 070-174 06 10",
        "referred_on": _ago(then, 90), "meeting_on": _ago(then, 80),
        "present": "Erik, Karin Söder (Arbetsförmedlingen) och jobbcoachen Jonas Berg.",
        "goals": "Ett arbete på ett lager eller i en butik, 20 till 30 timmar i veckan.",
        "roles": "Erik bestämmer målen. Jonas hjälper Erik att hitta och behålla ett arbete.",
        "reach": "Sms till Erik. Jonas svarar samma dag.",
        "secrecy_explained": True, "secrecy_explained_on": _ago(then, 80),
        "rules_given": True, "rules_given_on": _ago(then, 80),
        "if_ill": "Erik skickar sms till Jonas och handledaren före klockan 8."})
    caseload.change_step(case, 2, "active", coach, on=_ago(then, 77), gender="man",
                         birth_year=today.year - 22)
    timerules.add_counselling(erik, coach, _ago(then, 70),
                              "Gick igenom hur aktivitetsstödet påverkas av en praktik.")

    # Step 2: the profile and the job cards; the first version he shares.
    _save_answers(erik, ERIK_FIRST)
    choices.save(erik, "warehouse", "yes", want_more=True)
    choices.save(erik, "shop", "yes")
    choices.save(erik, "bicycles", "maybe")
    choices.save(erik, "kitchen", "no")
    choices.save(erik, "elderly_care", "no")
    first = sharing.share(erik)
    _when(first, _ago(then, 62), "shared_at")
    caseload.mark_reviewed(case, first.number)
    feedback = notes.add_feedback(erik, coach, "Bra jobbat, Erik! Nu vet jag mer om vad du "
                                  "gillar. Vi gör ett studiebesök i en butik och på ett lager.")
    _when(feedback, _ago(then, 61))

    # Step 3: trying the work, and the leads that led to the warehouse.
    caseload.change_step(case, 3, "active", coach, on=_ago(then, 60))
    shop_lead = _lead(erik, employers["shop"], "study_visit", _ago(then, 58), coach)
    register.move(shop_lead, "contacted", on=_ago(then, 58))
    register.move(shop_lead, "visit", on=_ago(then, 56))
    register.move(shop_lead, "ended", "participant_no", on=_ago(then, 54))
    shadowing = records.add(erik, coach, "shadowing", "Exempelby Livs", _ago(then, 56),
                            "En förmiddag med Ahmed i butiken.", card="shop")
    records.reflect(shadowing, {"went": "3", "liked": "2", "again": "2", "good": ["people"],
                                "hard": ["crowd", "noise"],
                                "text": "Många kunder. Jag vill hellre jobba med varorna."})
    lead = _lead(erik, employers["warehouse"], "tryout", _ago(then, 50), coach,
                 position=employers["position"])
    for status, days in (("contacted", 50), ("visit", 45), ("accepted", 35), ("tryout", 30)):
        register.move(lead, status, on=_ago(then, days))
    tryout = records.add(erik, coach, "tryout", "Exempelby Lager AB", _ago(then, 42),
                         "Två dagar med plock och pack.", card="warehouse")
    records.reflect(tryout, {"went": "4", "liked": "4", "again": "4",
                             "good": ["tasks", "did_well", "people"], "hard": ["tired"],
                             "text": "Roligt! Jag var trött efter andra dagen."})
    records.coach_reflect(tryout, "Erik arbetade snabbt och noggrant och frågade när han "
                                  "var osäker. Han orkar fyra timmar i början.")
    for activity, days in ((shadowing, 56), (tryout, 42)):
        Activity.update(created_at=_at(_ago(then, days + 2)),
                        reflected_at=_at(_ago(then, days - 1), 15)).where(
            Activity.id == activity.id).execute()
    choices.save(erik, "shop", "maybe", tried=True, note="För många kunder för mig.")
    choices.save(erik, "warehouse", "yes", tried=True, note="Det här vill jag göra.")
    _save_answers(erik, ERIK_SECOND)
    second = sharing.share(erik)
    _when(second, _ago(then, 36), "shared_at")

    # Step 4: the placement, its plan in two versions and a month of attendance.
    caseload.change_step(case, 4, "active", coach, on=_ago(start, 3))
    placement = plans.add_placement(erik, employers["warehouse"], coach)
    _when(placement, _ago(start, 3))
    plan = {
        "start_on": start, "end_on": start + timedelta(weeks=12), "terms": "unpaid",
        "paid_hours": 0, "followup_weeks": 2,
        "purpose": "Erik prövar arbetet på ett lager och visar vad han kan.",
        "goals": "Erik plockar och packar själv efter lista. Efter tolv veckor talar vi om en "
                 "anställning.",
        "tasks": "Plock efter lista, packning, sortering av returer.",
        "adaptations": "Samma uppgifter varje dag i början. Skriftlig lista över dagens "
                       "uppgifter.",
        "routines": "Erik börjar 07.00. Om han inte kan komma skickar han sms till Mats och "
                    "Jonas före 07.00.",
        "supervisor": "Mats Ek, 070-174 06 05",
        "support": "Jonas ringer Mats varannan vecka och kommer på besök vid behov.",
        **{name: (Decimal(4) if day < 4 else None) for day, name in enumerate(plans.PLANNED)},
    }
    first_plan, _ = plans.save(placement, plan, coach)
    _when(first_plan, _ago(start, 1))
    # A follow-up every other week, as the plan says; after the first one, longer days.
    followups = [start + timedelta(weeks=2 * n) for n in range(1, 5)
                 if start + timedelta(weeks=2 * n) < today]
    longer_from = followups[0] + timedelta(days=1)
    longer = {**plan, "goals": plan["goals"] + " Erik orkar sex timmar om dagen.",
              **{name: (Decimal(6) if day < 4 else None) for day, name in enumerate(plans.PLANNED)}}
    second_plan, _ = plans.save(placement, longer, coach)
    _when(second_plan, followups[0])
    marks, own, sick = erik_attendance(start, today, longer_from)
    mark_many(placement, {day: marks[day] for day in marks if day not in own}, coach,
              confirm=True, today=today)
    mark_notified(unnotified(erik), sick)
    for day in own:
        mark(placement, day, *marks[day], erik)

    # The follow-ups, and the next meeting.
    said = (("visit", "Mats Ek", "Första veckorna gick bra. Erik vill ha en lista varje dag."),
            ("partners", "Mats Ek och Karin Söder", "Erik orkar mer. Han jobbar nu sex timmar."),
            ("phone", "Erik", "Erik trivs. Han vill fråga om truckkort."),
            ("visit", "Mats Ek", "Erik plockar själv efter listan."))
    for day, (kind, with_whom, note) in zip(followups, said):
        followup = caseload.add_followup(case, coach, day, kind, with_whom, note)
        _when(followup, day)
    meetings.book(erik, coach, {
        "kind": "visit", "starts_at": local_start(today + timedelta(days=12), time(9)),
        "minutes": 45, "place": "workplace", "address": "Lagervägen 4, Exempelby",
        "who": "Mats Ek"})
    # A new job lead for after the placement.
    _lead(erik, employers["bikes"], "contact", _ago(today, 10), coach)


# --- Amina: started in Arabic ----------------------------------------------------------------

def _amina(amina, coach, today):
    _started(Case.get(Case.participant == amina), _ago(today, 12))
    _save_answers(amina, {
        "call_me": {"text": "أمينة"},
        "contact": {"choices": ["sms", "coach"]},
        "languages": {"rows": [{"language": "العربية", "level": "mother_tongue"},
                               {"language": "Svenska", "level": "little"}]},
        "interests": {"choices": ["cooking", "children", "helping"],
                      "text": "أحب الطبخ لعائلتي وللجيران."},
        "dream_job": {"text": "أريد أن أعمل في مطبخ مدرسة."}})
    notes.send(amina, coach, "Hej Amina! Vi ses på tisdag. Ta gärna med en vän som kan svenska.")


# --- Two closed cases, for the statistics ----------------------------------------------------

def _closed_cases(coach, employers, today):
    # The outcomes are dated in this year, so the statistics page's default period (1 January
    # to today) counts them.
    new_year = today.replace(month=1, day=1)

    petra = create_participant(coach, "Petra Exempel", None, "fk")
    case = _started(Case.get(Case.participant == petra), _ago(today, 300))
    timerules.add_counselling(petra, coach, _ago(today, 290), "Lönebidrag och sjukersättning.")
    lead = _lead(petra, employers["shop"], "tryout", _ago(today, 280), coach)
    for status, days in (("contacted", 280), ("accepted", 240), ("tryout", 230),
                         ("employed", 200)):
        register.move(lead, status, on=_ago(today, days))
    caseload.change_step(case, 4, "active", coach, on=_ago(today, 240), gender="woman",
                         birth_year=today.year - 41)
    placement = plans.add_placement(petra, employers["shop"], coach)
    _when(placement, _ago(today, 232))
    plan, _ = plans.save(placement, {
        "start_on": _ago(today, 200), "terms": "wage_subsidy", "paid_hours": 25,
        "followup_weeks": 4, "purpose": "Anställning med lönebidrag i butiken.",
        "tasks": "Varupåfyllning och kassa på förmiddagen."}, coach)
    _when(plan, _ago(today, 202))
    caseload.change_step(case, 5, "in_work", coach, on=_ago(today, 200),
                         in_work_since=_ago(today, 200))
    for days in (172, 144, 116, 88, 60):
        followup = caseload.add_followup(case, coach, _ago(today, days), "visit",
                                         "Ahmed Rostami", "Det går bra.")
        _when(followup, _ago(today, days))
    caseload.change_step(case, 5, "closed", coach, outcome="work_subsidy",
                         on=max(_ago(today, 25), new_year), income_at_end="wage")

    ali = create_participant(coach, "Ali Exempel", None, "social")
    case = _started(Case.get(Case.participant == ali), _ago(today, 200))
    _lead(ali, employers["bikes"], "study_visit", _ago(today, 180), coach)
    caseload.change_step(case, 2, "active", coach, on=_ago(today, 190), gender="man",
                         birth_year=today.year - 24)
    caseload.change_step(case, 3, "active", coach, on=_ago(today, 150))
    caseload.change_step(case, 3, "closed", coach, outcome="studies",
                         on=max(_ago(today, 40), new_year), income_at_end="financial_assistance")
