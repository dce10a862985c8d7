"""Screenshots of every page in Swedish and Arabic, at phone and desktop width, into screenshots/.

Run with `make screenshots`; look at them before calling a page done. Words given after
`scripts/screenshots.py` keep only the pages whose path contains one of them.
"""
import logging
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "browser")]

from browsing import choose_language, launch, log_in  # noqa: E402
from helpers import make_app  # noqa: E402
from sokandelots.db import db  # noqa: E402

PAGES = {
    None: ["/login", "/setup", "/login/forgot"],
    "amina": ["/me/", "/me/profile/q/interests", "/me/profile/q/languages", "/me/profile/q/call_me",
              "/me/profile/check", "/me/cards/", "/me/cards/c/cafe", "/me/cards/suggestions",
              "/me/cards/mine", "/me/activities/", "/me/activities/1", "/me/coach", "/me/messages",
              "/me/access", "/me/data", "/me/jobsearch", "/me/placements/1",
              "/me/placements/1/attendance?week=2026-11-23", "/me/contact", "/account"],
    "coach": ["/coach/", "/coach/participants/5", "/coach/participants/4/contact", "/account", "/coach/participants/4/agreement/print",
              "/referrals/", "/referrals/new", "/coach/participants/4/profile",
              "/coach/participants/4/activities", "/coach/participants/4/followups",
              "/coach/participants/4/notes", "/coach/participants/4/agreement",
              "/coach/participants/4/messages", "/coach/employers/", "/coach/employers/1",
              "/coach/participants/4/leads", "/coach/participants/4/match/1",
              "/coach/participants/4/placements", "/coach/participants/4/placements/1/plan",
              "/coach/participants/4/placements/1/plan/2",
              "/coach/participants/4/placements/1/attendance?month=2026-11",
              "/coach/participants/4/placements/1/attendance/report?month=2026-11",
              "/coach/cover", "/coach/participants/4/handover"],
    "admin": ["/recordings/", "/recordings/so", "/admin/", "/admin/cards/", "/admin/cards/shop", "/admin/statistics",
              "/admin/processing", "/admin/sessions", "/admin/users/4/erase", "/account"],
    "chef": ["/manager/"],
}


def add_examples():
    """A few sorted cards, profile answers and an activity for amina, so the pages show something."""
    from sokandelots.activities import records
    from sokandelots.jobcards import choices
    from datetime import date

    from sokandelots import agreement, notes, sharing
    from sokandelots.employers import register
    from sokandelots.models import Case, User
    from sokandelots.profile import answers
    from sokandelots.profile.catalogue import BY_KEY

    amina = User.by_username("amina")
    for key, answer in (("shop", "yes"), ("cafe", "yes"), ("bakery", "maybe"), ("taxi", "no")):
        choices.save(amina, key, answer, want_more=key == "bakery", note="")
    answers.save(amina, BY_KEY["interests"], {"choices": ["cooking", "customers", "children"]})
    records.add(amina, amina, "visit", "Kafé Solen", note="")
    sharing.share(amina)
    coach = User.by_username("coach")
    notes.add_feedback(amina, coach, "Du har valt bra kort. Vi kan besöka ett kafé.", "likes")
    notes.add_internal_note(amina, coach, "Ring handläggaren på tisdag.")
    notes.send(amina, amina, "Hej! Kan vi ses på torsdag?")
    notes.send(amina, coach, "Ja, klockan tio på kontoret.")
    agreement.save(amina, coach, {"referrer": "af", "meeting_on": date(2026, 11, 2),
                                  "goals": "Ett jobb på ett kafé, 20 timmar i veckan.",
                                  "reach": "SMS och telefon."})
    agreement.add_consent(amina, "af", "", "Hur det går och närvaro.", date(2026, 11, 2), "written")
    employer = register.add_employer(coach, "Kafé Solen", "food", "Storgatan 1", tags="kök, morgon")
    register.add_person(employer, "Lisa Ek", "Chef", "070-000 00 00", "lisa@example.se")
    register.save_analysis(employer, {"title": "Kafébiträde", "place": "indoors", "noise": "loud",
                                      "pace": "busy", "times": ["mornings", "weekends"]})
    register.add_lead(amina, employer, "study_visit", date(2026, 11, 25), coach)
    Case.update(reviewed_version=1).where(Case.participant == amina).execute()
    answers.save(amina, BY_KEY["interests"], {"choices": ["cooking", "animals"]})
    sharing.share(amina)
    add_plan(amina, employer, coach)


def add_plan(amina, employer, coach):
    """A placement with two versions of its plan, and a week of attendance, half confirmed."""
    from datetime import date, timedelta

    from sokandelots import attendance, plans
    placement = plans.add_placement(amina, employer, coach)
    plan = {"start_on": date(2026, 11, 23), "end_on": date(2027, 2, 26), "terms": "wage_subsidy",
            "paid_hours": 20, "followup_weeks": 2, "purpose": "Att prova arbete på kafé.",
            "goals": "Amina ska kunna ta hand om disken och duka fram själv.",
            "tasks": "Diska, duka och fylla på i kylen.",
            "adaptations": "Lugn plats för raster. Skriftlig lista över dagens uppgifter.",
            "routines": "Börjar klockan 8. Rast klockan 10.", "supervisor": "Lisa Ek, 070-000 00 00",
            "support": "Coachen ringer Lisa varannan vecka."}
    plans.save(placement, plan, coach)
    plans.save(placement, {**plan, "tasks": "Diska, duka, fylla på i kylen och ta emot varor.",
                           "followup_weeks": 1, "followup_change_week": 8,
                           "followup_later_weeks": 4}, coach)
    monday = date(2026, 11, 23)
    attendance.mark_many(placement, {monday + timedelta(days=n): mark for n, mark in enumerate(
        [("present", 4), ("present", 4), ("sick", 0)])}, amina)
    attendance.mark(placement, monday, "present", 4, coach, confirm=True)
WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}


def main(out=ROOT / "screenshots"):
    out.mkdir(exist_ok=True)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = make_app(Path(tempfile.mkdtemp()))
    with app.test_request_context():  # sharing names cards in the request's language
        db.connect(reuse_if_open=True)
        add_examples()
        db.close()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for width_name, (width, height) in WIDTHS.items():
            for code in ("sv", "ar"):
                for username, paths in PAGES.items():
                    context = browser.new_context(base_url=base, viewport={"width": width, "height": height})
                    page = context.new_page()
                    if username:
                        log_in(page, username)
                    choose_language(page, code, "/login" if username is None else "/account")
                    for path in paths:
                        if sys.argv[1:] and not any(word in path for word in sys.argv[1:]):
                            continue
                        page.goto(path)
                        slug = path.strip("/").translate(str.maketrans("/?=", "___")) or "root"
                        name = f"{code}-{width_name}-{slug}.png"
                        page.screenshot(path=out / name, full_page=True)
                        print(out.relative_to(ROOT) / name)
                    context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
