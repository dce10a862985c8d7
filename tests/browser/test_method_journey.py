"""The method from referral to closing report in a real browser, in Swedish, as the handbook
tells it: a referral, the person's yes and a login card, the agreement and a consent printed for
signature, steps 2 to 4 with an employer contact and a paid placement, in work with follow-up,
a follow-up, the case closed with its outcome, and the closing report printed. Then the printed
agreement with Arabic beside Swedish, looked at as a screenshot."""
import re

from playwright.sync_api import expect

from browsing import assert_accessible, log_in
from helpers import today


def pdf_pages(page):
    """How many pages the page prints on, as Chromium prints it on A4 with the page's own print
    CSS (Playwright prints with the media last emulated, so print is emulated first)."""
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    page.emulate_media(media="screen")
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def saved(page, text):
    """The page says that it saved something."""
    expect(page.locator(".notice-success")).to_contain_text(text)


def register_referral(page, name, locale="sv"):
    """The coach registers a referral (anmälan) and the person says yes; returns the new case's
    page."""
    page.goto("/referrals/new")
    expect(page.locator("h1")).to_have_text("Ny förfrågan")
    page.fill("#received_on", today().isoformat())
    page.select_option("#commissioner", "af")
    page.fill("#commissioner_unit", "Arbetsförmedlingen Söder")
    page.fill("#case_number", "Af-2026/4711")
    page.fill("#handler_name", "Kim Handläggare")
    page.fill("#handler_phone", "010-123 45 67")
    page.fill("#purpose", "Stöd att hitta ett arbete med lön.")
    page.locator("input[name=target_groups][value=long_term_unemployed]").check()
    page.locator("input[name=target_groups][value=newcomer]").check()
    page.select_option("#income_at_start", "activity_support")
    page.select_option("#wants_work", "yes")
    page.select_option("#support_need", "large")
    page.fill("#name", name)
    page.fill("#personnummer", "198503121231")
    page.select_option("#locale", locale)
    page.locator("main form button[type=submit]").click()
    saved(page, "Förfrågan är sparad.")
    expect(page.locator("h1")).to_have_text(f"Förfrågan: {name}")
    return page


def person_says_yes(page, name):
    page.locator("form[action$='/accept'] button").click()
    saved(page, f"{name} har nu ett ärende. Skriv ut inloggningskortet.")
    expect(page.locator("h1")).to_have_text("Inloggningskort")
    return re.search(r"/participants/(\d+)/card", page.url).group(1)


def fill_in_the_agreement(page, case):
    page.goto(f"{case}/agreement")
    expect(page.locator("h2#agreement-title")).to_have_text("Anmälan och överenskommelse")
    # The referral filled in who referred the person, and when.
    expect(page.locator("#referrer")).to_have_value("af")
    expect(page.locator("#referrer_contact")).to_have_value("Kim Handläggare, 010-123 45 67")
    expect(page.locator("#referred_on")).to_have_value(today().isoformat())
    # A prepared sentence for when the person is ill, which they read in their own language.
    page.locator("#if_ill_phrases-phrase").select_option("call_if_ill")
    page.click("button[name='if_ill_phrases-add']")
    expect(page.locator(".agreement-part", has=page.locator("#if_ill")).locator(
        ".chosen-phrases li")).to_have_text(re.compile("Ring mig om du blir sjuk."))
    page.fill("#meeting_on", today().isoformat())
    page.fill("#present", "Deltagaren, coachen och handläggaren.")
    page.fill("#goals", "Ett arbete i kök på minst 20 timmar i veckan.")
    page.fill("#roles", "Coachen söker arbetsgivare. Deltagaren säger vad hen vill.")
    page.locator("#secrecy_explained").check()
    page.locator("#rules_given").check()
    page.fill("#if_ill", "Ring coachen före klockan nio.")
    page.locator("form[action$='/agreement']").get_by_role("button", name="Spara").click()
    saved(page, "Överenskommelsen är sparad.")
    expect(page.locator("#goals")).to_have_value("Ett arbete i kök på minst 20 timmar i veckan.")


def change_step(page, case, step, status="active", outcome=""):
    """Move the case on its page, as the coach does after each meeting."""
    page.goto(case)
    page.select_option("#step", step)
    page.select_option("#status", status)
    if outcome:
        page.select_option("#outcome", outcome)
    page.locator("form[action$='/step'] button").click()
    saved(page, "Steget är sparat.")


def test_a_coach_takes_a_person_from_referral_to_closing_report(page):
    name = "Nora Lindqvist"
    log_in(page, "coach")

    # Step 1: the referral, the person's yes, the login card.
    register_referral(page, name)
    main = page.locator("main")
    for seen in ("Arbetsförmedlingen", "Af-2026/4711", "Kim Handläggare",
                 "Stöd att hitta ett arbete med lön.", "Långtidsarbetslös", "Nyanländ",
                 "Aktivitetsstöd", "Stort stödbehov", "19850312-1231"):
        expect(main).to_contain_text(seen)
    assert_accessible(page, "referral")
    number = person_says_yes(page, name)
    expect(page.locator(".login-card")).to_contain_text(name)
    case = f"/coach/participants/{number}"

    # The agreement, saved and printed on one A4 page.
    fill_in_the_agreement(page, case)
    page.click("a[href$='/agreement/print']")
    paper = page.locator("article.paper")
    expect(paper.locator("h1")).to_have_text("Överenskommelse")
    for seen in ("Det här har du, din coach och uppdragsgivaren kommit överens om.", name,
                 "Jonas Berg", "Arbetsförmedlingen", "Dina mål",
                 "Ett arbete i kök på minst 20 timmar i veckan.", "Vem gör vad", "Om du blir sjuk",
                 "Ring coachen före klockan nio.", "Din coach har tystnadsplikt.",
                 "Din coach berättade det för dig", today().isoformat(), "Underskrift"):
        expect(paper).to_contain_text(seen)
    expect(paper.locator(".paper-signature")).to_have_count(2)
    assert_accessible(page, "printed agreement")
    assert pdf_pages(page) == 1

    # A consent to the commissioner, saved and printed on one A4 page.
    page.goto(f"{case}/agreement")
    page.select_option("#consent-partner", "af")
    page.fill("#consent-recipient", "Kim Handläggare")
    page.select_option("#consent-direction", "both")
    page.fill("#consent-what", "Hur det går i jobbsökandet och på arbetsplatsen.")
    page.fill("#consent-purpose", "Att rapportera till Arbetsförmedlingen.")
    page.fill("#consent-given_on", today().isoformat())
    page.fill("#consent-ends_on", "2027-12-31")
    page.locator("form[action$='/consents'] button[type=submit]").click()
    saved(page, "Samtycket är sparat.")
    consent = page.locator("li[id^=consent-]")
    expect(consent).to_contain_text("Mottagare: Kim Handläggare")
    expect(consent).to_contain_text("Uppgifter går åt båda hållen")
    consent.locator("a[href$='/print']").click()
    paper = page.locator("article.paper")
    expect(paper.locator("h1")).to_have_text("Samtycke")
    for seen in ("Arbetsförmedlingen", "Kim Handläggare", "Uppgifter går åt båda hållen",
                 "Hur det går i jobbsökandet och på arbetsplatsen.",
                 "Att rapportera till Arbetsförmedlingen.", "Ditt ja gäller till", "2027-12-31",
                 "Du kan ta tillbaka ditt ja när du vill."):
        expect(paper).to_contain_text(seen)
    assert_accessible(page, "printed consent")
    assert pdf_pages(page) == 1

    # Steps 2 and 3, and the first employer contact: a study visit at a café.
    change_step(page, case, "2")
    change_step(page, case, "3")
    page.goto("/coach/employers/new")
    page.fill("#name", "Café Solen")
    page.select_option("#sector", "food")
    page.locator("main form button[type=submit]").click()
    page.goto(f"{case}/leads")
    page.select_option("#employer", "1")
    page.select_option("#kind", "study_visit")
    page.locator("form[action$='/leads'] button").click()
    saved(page, "Jobbmöjligheten är sparad.")
    expect(page.locator(".lead-title")).to_contain_text("Café Solen")
    page.goto(case)
    expect(page.locator("#time-rules-title + dl")).to_contain_text("Efter 0 dagar")

    # Step 4: a placement with a paid plan, a job start.
    change_step(page, case, "4")
    page.goto(f"{case}/placements")
    page.select_option("#employer", "1")
    page.locator("main form button[type=submit]").click()
    page.fill("#start_on", today().isoformat())
    page.fill("#tasks", "Diska och duka.")
    page.select_option("#terms", "wage_subsidy")
    page.fill("#paid_hours", "20")
    page.locator("main form button[type=submit]").first.click()
    saved(page, "Planen är sparad som version 1.")
    expect(page.locator("main")).to_contain_text("Diska och duka.")
    expect(page.locator("main")).to_contain_text("Lönebidrag")

    # Step 5: in work, with follow-up, without closing the case.
    change_step(page, case, "5", status="in_work")
    facts = page.locator("main dl.facts").first
    expect(facts).to_contain_text("5. Stöd på arbetsplatsen")
    expect(facts).to_contain_text("I arbete, med uppföljning")
    expect(page.locator("#time-rules-title + dl")).to_contain_text("Sedan ")

    # A follow-up at the workplace.
    page.goto(f"{case}/followups")
    page.fill("#day", today().isoformat())
    page.select_option("#kind", "visit")
    page.fill("#with_whom", "Handledaren Lisa")
    page.fill("#note", "Det går bra. Nora vill jobba fler timmar.")
    page.fill("#next_day", "2030-01-15")
    page.locator("main form button[type=submit]").click()
    saved(page, "Uppföljningen är sparad.")
    expect(page.locator(".answer-item")).to_contain_text("Arbetsplatsbesök")
    expect(page.locator(".answer-item")).to_contain_text("Nora vill jobba fler timmar.")
    expect(page.locator("main")).to_contain_text("Nästa uppföljning: 15 januari 2030")

    # The case closed with its outcome.
    change_step(page, case, "5", status="closed", outcome="work_subsidy")
    expect(facts).to_contain_text("Avslutad: Arbete med lönestöd")

    # The closing report, written, kept as sent on the consent, and printed.
    page.select_option("#kind", "closing")
    page.locator("form[action$='/reports'] button").click()
    expect(page.locator("h1")).to_have_text("Slutrapport 1")
    page.fill("#summary", "Nora har ett arbete på Café Solen med lönebidrag.")
    page.fill("#next_steps", "Arbetsgivaren och Nora hör av sig vid behov.")
    page.locator("form[action$='/reports/1'] button").click()
    saved(page, "Utkastet är sparat.")
    page.fill("#sent_to", "Arbetsförmedlingen Söder, Kim Handläggare")
    page.locator("form[action$='/send'] button").click()
    saved(page, "Rapporten är sparad som skickad.")
    report = page.locator(".report")
    for seen in (name, "Af-2026/4711", "Arbetsförmedlingen Söder, Kim Handläggare",
                 "Ett arbete i kök på minst 20 timmar i veckan.",
                 "Nu: steg 5, Stöd på arbetsplatsen (Avslutad).", "Café Solen", "Lönebidrag",
                 "Arbetsplatsbesök: 1", "Arbete med lönestöd",
                 "Nora har ett arbete på Café Solen med lönebidrag.",
                 "Arbetsgivaren och Nora hör av sig vid behov."):
        expect(report).to_contain_text(seen)
    assert_accessible(page, "sent closing report")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.locator(".print-page").click()
    assert page.evaluate("window.printed")
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".notice-success")).to_be_hidden()  # "kept as sent" is not for paper
    expect(page.locator("#send-title")).to_have_count(0)
    expect(page.locator("#outcome-title")).to_be_visible()
    page.emulate_media(media="screen")


def test_the_printed_agreement_has_arabic_beside_swedish(page, tmp_path):
    log_in(page, "coach")
    register_referral(page, "Amal Haddad", locale="ar")
    number = person_says_yes(page, "Amal Haddad")
    case = f"/coach/participants/{number}"
    fill_in_the_agreement(page, case)
    page.goto(f"{case}/agreement/print")
    paper = page.locator("article.paper.paper-two")
    title = paper.locator("h1")
    expect(title.locator("span[lang=sv][dir=ltr]")).to_have_text("Överenskommelse")
    expect(title.locator("span[lang=ar][dir=rtl]")).to_have_text("الاتفاق")
    secrecy = paper.locator(".paper-row", has_text="Din coach har tystnadsplikt.")
    expect(secrecy.locator("span[lang=ar][dir=rtl]")).to_contain_text("مرشدك ملتزم بالسرية.")
    # A prepared sentence stands in both languages.
    ill = paper.locator(".paper-phrase", has_text="Ring mig om du blir sjuk.")
    expect(ill.locator("span[lang=ar][dir=rtl]")).to_have_text("يُرجى الاتصال بي إذا مرضت.")
    # What the coach wrote stands once, across both languages.
    expect(paper.get_by_text("Ett arbete i kök på minst 20 timmar i veckan.")).to_have_count(1)
    # Side by side: the Swedish column to the left of the Arabic one, not overlapping.
    swedish = title.locator("span[lang=sv]").bounding_box()
    arabic = title.locator("span[lang=ar]").bounding_box()
    assert swedish["x"] + swedish["width"] <= arabic["x"]
    # Today's date in an Arabic sentence, isolated left to right.
    told = paper.locator("span[lang=ar]", has_text="أخبرك مرشدك بهذا في")
    expect(told).to_contain_text(f"\u2066{today().isoformat()}\u2069")
    assert_accessible(page, "printed agreement in Arabic and Swedish")
    assert pdf_pages(page) == 1
    # As it looks on paper: the width of A4 less its margins, printed media.
    page.set_viewport_size({"width": 688, "height": 1017})
    page.emulate_media(media="print")
    shot = tmp_path / "agreement-ar.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 0
    width, height = page.evaluate("[document.documentElement.scrollWidth, "
                                  "document.documentElement.scrollHeight]")
    assert width <= 688 and height <= 1017
