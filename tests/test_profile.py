"""The vocational profile, tested through the catalogue: every question renders, saves,
reloads and validates; sharing makes versions that later edits do not change."""
import json
import re

import pytest

from helpers import body, export_text, exported, submit
from sokandelots.profile.catalogue import MANY, ONE, QUESTIONS, ROWS, SECTIONS, TEXT, pictures
from sokandelots.profile.forms import NO_ANSWER

ROOT_STATIC = "static/img/pictograms"


def sample_post(question):
    """Form data that answers `question` with real ready answers and a little text."""
    data = {"go": "next"}
    if question.kind == ONE:
        data["choices"] = question.options[-1].key
    if question.kind == MANY:
        data["choices"] = [option.key for option in question.options[:2]]
    if question.kind == TEXT or question.own_words:
        data["text"] = f"Svar på {question.key} – مرحبا"
    if question.kind == ROWS:
        for row_field in question.fields:
            data[f"rows-0-{row_field.key}"] = (row_field.options[0].key if row_field.options
                                               else f"{row_field.key} ett")
    return data


def test_catalogue_has_the_eight_sections_and_every_question_kind():
    assert [section.key for section in SECTIONS] == [
        "about", "likes", "strengths", "work", "needs", "background", "goals", "disclosure"]
    assert {question.kind for question in QUESTIONS} == {TEXT, ONE, MANY, ROWS}
    assert len({question.key for question in QUESTIONS}) == len(QUESTIONS)
    assert [s.key for s in SECTIONS if s.coach_only] == ["needs"]


def test_every_pictogram_has_a_file_and_a_licence_record():
    with open("static/img/pictograms/SOURCES.md") as record:
        sources = record.read()
    for name in pictures():
        with open(f"{ROOT_STATIC}/{name}.svg") as svg:
            assert svg.read(5) in ("<svg ", "<?xml")
        assert f"| {name}.svg |" in sources and "CC BY 4.0" in sources


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.key)
def test_every_question_renders_saves_and_reloads(client, as_user, question):
    as_user("erik")
    page = client.get(f"/me/profile/q/{question.key}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert str(question.text) in html or question.key in html
    number = QUESTIONS.index(question) + 1
    assert f"Question {number} of {len(QUESTIONS)}" in html or f"{number} av {len(QUESTIONS)}" in html

    response = submit(client, f"/me/profile/q/{question.key}", sample_post(question))
    assert response.status_code == 302
    following = QUESTIONS.index(question) + 1
    expected = (f"/me/profile/q/{QUESTIONS[following].key}" if following < len(QUESTIONS)
                else "/me/profile/check")
    assert response.headers["Location"] == expected

    reloaded = client.get(f"/me/profile/q/{question.key}").get_data(as_text=True)
    if question.kind in (ONE, MANY):
        assert 'checked' in reloaded
    if "text" in sample_post(question):
        assert "مرحبا" in reloaded
    if question.kind == ROWS:
        assert 'value="' + question.fields[0].key + ' ett"' in reloaded


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.kind in (ONE, MANY)],
                         ids=lambda q: q.key)
def test_every_choice_question_refuses_an_unknown_answer(client, as_user, question):
    as_user("erik")
    response = submit(client, f"/me/profile/q/{question.key}", {"choices": "made-up", "go": "next"})
    assert response.status_code == 422
    assert 'href="#choices"' in response.get_data(as_text=True)


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.kind == TEXT or q.own_words],
                         ids=lambda q: q.key)
def test_every_text_answer_has_a_length_limit_with_a_kind_message(client, as_user, question):
    as_user("erik")
    too_long = "å" * (question.max_length + 1)
    response = submit(client, f"/me/profile/q/{question.key}", {"text": too_long, "go": "next"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "<title>Fel:" in html and f"högst {question.max_length} tecken" in html
    assert too_long in html  # what was typed is kept


def test_rows_are_limited_in_number(client, as_user):
    question = next(q for q in QUESTIONS if q.kind == ROWS)
    as_user("erik")
    data = {f"rows-{i}-{question.fields[0].key}": "x" for i in range(question.max_rows + 1)}
    response = submit(client, f"/me/profile/q/{question.key}", {**data, "go": "next"})
    assert response.status_code in (302, 422)
    saved = exported(client.get("/me/data.zip"))
    assert len(saved["profile"].get(question.key, {}).get("rows", [])) <= question.max_rows


def test_no_question_is_required_to_move_on(client, as_user):
    as_user("erik")
    for question in QUESTIONS:
        response = submit(client, f"/me/profile/q/{question.key}", {"go": "next"})
        assert response.status_code == 302, question.key


def test_skip_is_saved_as_an_answer(client, as_user):
    as_user("erik")
    submit(client, "/me/profile/q/hard", {"skipped": "y", "go": "next"})
    assert "Du hoppade över frågan." in client.get("/me/profile/check").get_data(as_text=True) or \
        "You skipped this question." in client.get("/me/profile/check").get_data(as_text=True)


@pytest.mark.parametrize("key,answer", [
    ("interests", {"choices": ["animals"]}),
    ("place", {"choices": "indoors"}),
    ("interests", {"text": "Fiska"}),
    ("hard", {"text": "Stress"}),
    ("jobs", {"rows-0-where": "Café Lyktan"}),
])
def test_skip_and_an_answer_together_are_refused_next_to_skip_and_nothing_is_lost(
        client, as_user, key, answer):
    as_user("erik")
    submit(client, f"/me/profile/q/{key}", {**answer, "go": "stay"})
    before = exported(client.get("/me/data.zip"))["profile"].get(key)
    response = submit(client, f"/me/profile/q/{key}", {**answer, "skipped": "y", "go": "next"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'href="#skipped"' in html and 'id="skipped-error"' in html
    assert 'name="resolve" value="answer"' in html and 'name="resolve" value="skip"' in html
    assert re.search(r'<input aria-describedby="skipped-error" aria-invalid="true" checked[^>]*name="skipped"', html)
    after = exported(client.get("/me/data.zip"))["profile"].get(key)
    assert after == before and "skipped" not in (after or {})
    # The autosave (htmx) refuses it too, and says so where the save status is read out.
    fragment = submit(client, f"/me/profile/q/{key}", {**answer, "skipped": "y"},
                      headers={"HX-Request": "true", "HX-Request-Type": "partial"})
    assert fragment.status_code == 422 and "save-error" in fragment.get_data(as_text=True)
    # Without JavaScript the person chooses with one of two buttons, and keeps what they choose.
    kept = submit(client, f"/me/profile/q/{key}", {**answer, "skipped": "y", "resolve": "answer"})
    assert kept.status_code == 302
    assert exported(client.get("/me/data.zip"))["profile"][key] == before
    skipped = submit(client, f"/me/profile/q/{key}", {**answer, "skipped": "y", "resolve": "skip"})
    assert skipped.status_code == 302
    assert exported(client.get("/me/data.zip"))["profile"][key] == {
        "skipped": True}


def test_a_ready_answer_taken_away_is_gone_when_the_form_says_so(client, as_user):
    # With JavaScript, "skip" unticks a one-answer question's choice; the browser then sends
    # no choice at all, which must not bring the saved one back.
    as_user("erik")
    submit(client, "/me/profile/q/place", {"choices": "indoors", "go": "stay"})
    assert submit(client, "/me/profile/q/place", {"skipped": "y", "go": "stay"}).status_code == 302
    assert exported(client.get("/me/data.zip"))["profile"]["place"] == {
        "skipped": True}


def test_control_characters_are_stripped_and_html_is_escaped(client, as_user):
    as_user("erik")
    submit(client, "/me/profile/q/call_me", {"text": "Er\x00ik\x1b <script>alert(1)</script>", "go": "next"})
    html = client.get("/me/profile/check").get_data(as_text=True)
    assert "<bdi>Erik &lt;script&gt;alert(1)&lt;/script&gt;</bdi>" in html


def test_back_button_saves_and_goes_to_the_previous_question(client, as_user):
    as_user("erik")
    response = submit(client, "/me/profile/q/contact", {"choices": ["sms"], "go": "back"})
    assert response.headers["Location"] == "/me/profile/q/call_me"
    assert "checked" in client.get("/me/profile/q/contact").get_data(as_text=True)


def test_add_row_without_javascript_keeps_the_first_row(client, as_user):
    as_user("erik")
    response = submit(client, "/me/profile/q/languages",
                      {"rows-0-language": "Svenska", "rows-0-level": "good", "go": "add_row"})
    html = response.get_data(as_text=True)
    assert 'id="rows-1-language"' in html and 'value="Svenska"' in html


def test_add_row_on_a_question_without_rows_moves_on(client, as_user):
    as_user("erik")
    response = submit(client, "/me/profile/q/call_me", {"text": "Erik", "go": "add_row"})
    assert response.headers["Location"] == "/me/profile/q/contact"


def test_unknown_question_is_not_found(client, as_user):
    as_user("erik")
    assert client.get("/me/profile/q/no_such_question").status_code == 404


def test_autosave_answers_htmx_with_a_saved_message(client, as_user):
    as_user("erik")
    response = submit(client, "/me/profile/q/place", {"choices": "outdoors"},
                      headers={"HX-Request-Type": "partial"})
    assert response.status_code == 200
    assert "<html" not in response.get_data(as_text=True)
    assert "HX-Request-Type" in response.headers["Vary"]
    assert "checked" in client.get("/me/profile/q/place").get_data(as_text=True)


def test_an_autosave_or_a_card_choice_is_one_statement_without_a_transaction_around_it(
        client, as_user, monkeypatch):
    # On PostgreSQL a transaction adds two round trips (BEGIN, COMMIT) to every autosave; the
    # one statement that saves is whole or not at all on its own.
    from sokandelots.db import db
    as_user("erik")
    question = client.get("/me/profile/q/place")
    card = client.get("/me/cards/c/shop")
    assert question.status_code == card.status_code == 200
    begun = []
    monkeypatch.setattr(db.obj, "begin", lambda *args: begun.append(args))
    saved = submit(client, "/me/profile/q/place", {"choices": "outdoors"},
                   headers={"HX-Request-Type": "partial"})
    chosen = submit(client, "/me/cards/c/shop", {"answer": "yes"},
                    headers={"HX-Request-Type": "partial"})
    assert saved.status_code == chosen.status_code == 200 and begun == []
    assert "checked" in client.get("/me/profile/q/place").get_data(as_text=True)


def test_coming_back_resumes_after_the_last_answer(client, as_user):
    as_user("erik")
    assert client.get("/me/profile/").headers["Location"] == f"/me/profile/q/{QUESTIONS[0].key}"
    submit(client, "/me/profile/q/interests", {"choices": ["music"], "go": "next"})
    assert client.get("/me/profile/").headers["Location"] == "/me/profile/q/strengths"


def test_start_page_shows_progress_and_unshared_changes(client, as_user):
    as_user("erik")
    submit(client, "/me/profile/q/interests", {"choices": ["music"], "go": "next"})
    html = client.get("/me/").get_data(as_text=True)
    assert 'value="1"' in html and f'max="{len(QUESTIONS)}"' in html
    assert "redan sett" not in client.get("/me/profile/check").get_data(as_text=True)
    submit(client, "/me/profile/check", {}, action="/me/profile/share")
    assert "tile-note" not in body(client.get("/me/"))
    assert "redan sett" in client.get("/me/profile/check").get_data(as_text=True)
    submit(client, "/me/profile/q/interests", {"choices": ["plants"], "go": "next"})
    assert "tile-note" in client.get("/me/").get_data(as_text=True)


def test_sharing_makes_a_version_that_later_edits_do_not_change(client, as_user, users):
    as_user("erik")
    submit(client, "/me/profile/q/dream_job", {"text": "Djurskötare", "go": "next"})
    response = submit(client, "/me/profile/check", {}, action="/me/profile/share")
    assert response.headers["Location"] == "/me/profile/shared/1"
    submit(client, "/me/profile/q/dream_job", {"text": "Kock", "go": "next"})
    assert "Djurskötare" in client.get("/me/profile/shared/1").get_data(as_text=True)
    assert "Kock" not in client.get("/me/profile/shared/1").get_data(as_text=True)
    submit(client, "/me/profile/check", {}, action="/me/profile/share")
    assert "Kock" in client.get("/me/profile/shared/2").get_data(as_text=True)
    assert client.get("/me/profile/shared/3").status_code == 404

    client.post("/logout", data={})
    coach = client.application.test_client()
    from helpers import login
    login(coach, "coach")
    html = coach.get(f"/coach/participants/{users['erik'].id}/profile").get_data(as_text=True)
    assert "Kock" in html and "Djurskötare" not in html


def test_export_contains_every_answer(client, as_user):
    as_user("erik")
    for question in QUESTIONS:
        submit(client, f"/me/profile/q/{question.key}", sample_post(question))
    response = client.get("/me/data.zip")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert set(exported(response)["profile"]) == {question.key for question in QUESTIONS}
    page = client.get("/me/data").get_data(as_text=True)
    assert page.count("مرحبا") == sum(1 for q in QUESTIONS if "text" in sample_post(q))


def test_cv_is_in_swedish_whatever_the_page_language(client, as_user):
    as_user("amina")
    submit(client, "/me/profile/q/jobs", {"rows-0-where": "Café Lyktan", "rows-0-how_long": "year",
                                        "go": "next"})
    html = client.get("/me/cv").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert '<article class="cv" lang="sv" dir="ltr"' in html
    assert "Arbetslivserfarenhet" in html and "Café Lyktan" in html and "Ungefär ett år" in html


def test_the_cv_has_cv_headings_for_employers_and_not_the_questions(client, as_user):
    as_user("erik")
    submit(client, "/me/profile/q/jobs", {"rows-0-where": "Café Lyktan", "rows-0-what": "Diskade",
                                        "rows-0-how_long": "year", "rows-0-liked": "Kollegorna",
                                        "rows-1-liked": "Bara det här", "go": "next"})
    submit(client, "/me/profile/q/languages", {"rows-0-language": "Arabiska",
                                             "rows-0-level": "mother_tongue", "go": "next"})
    cv = client.get("/me/cv").get_data(as_text=True)
    cv = cv[cv.index('<article class="cv"'):cv.index("</article>")]
    for question in ("Var:", "Vad gjorde du?", "Hur länge:", "Vad tyckte du om?", "Språk:", "Hur bra:"):
        assert question not in cv
    assert ('<span class="row-label">Arbetsgivare:</span> <bdi>Café Lyktan</bdi>' in cv
            and '<span class="row-label">Arbetsuppgifter:</span> <bdi>Diskade</bdi>' in cv)
    assert "Kollegorna" not in cv and "Bara det här" not in cv  # what they liked is for the coach
    assert "<span><bdi>Arabiska</bdi></span>" in cv
    # The participant's own pages still show the questions they answered.
    check = client.get("/me/profile/check").get_data(as_text=True)
    assert "Vad gjorde du?:" in check and "Kollegorna" in check


def test_also_in_swedish_shows_the_swedish_words_and_sticks(client, as_user):
    as_user("amina")
    assert "in-swedish" not in body(client.get("/me/profile/q/interests"))
    submit(client, "/me/profile/q/interests", {"next": "/me/profile/q/interests"}, action="/me/swedish")
    html = client.get("/me/profile/q/interests").get_data(as_text=True)
    # Marked to be read aloud with the Swedish voice.
    assert re.search(r'<span class="in-swedish" lang="sv" dir="ltr" data-say="/speech/[^"]+">Djur</span>', html)


def test_the_swedish_button_says_hide_swedish_while_swedish_is_shown(app, client, as_user):
    from flask_babel import force_locale, gettext
    with app.test_request_context(), force_locale("ar"):
        show, hide = gettext("Also show in Swedish"), gettext("Hide Swedish")
    as_user("amina")

    def button():
        html = client.get("/me/profile/q/interests").get_data(as_text=True)
        return re.search(r'<form[^>]*class="swedish-toggle".*?(<button.*?</button>)', html, re.S).group(1)

    assert show in button() and hide not in button()
    submit(client, "/me/profile/q/interests", {"next": "/me/profile/q/interests"}, action="/me/swedish")
    on = button()
    assert hide in on and show not in on
    # The words say the state; a pressed state beside words that change would contradict them.
    assert "aria-pressed" not in on
    submit(client, "/me/profile/q/interests", {"next": "/me/profile/q/interests"}, action="/me/swedish")
    assert show in button()


def test_row_select_has_an_empty_choice(client, as_user):
    as_user("erik")
    html = client.get("/me/profile/q/languages").get_data(as_text=True)
    assert f'<option selected value="{NO_ANSWER}">' in html or f'value="{NO_ANSWER}"' in html


def test_staff_cannot_open_participant_pages(client, as_user):
    as_user("coach")
    assert client.get("/me/profile/q/call_me").status_code == 403
    assert client.get("/me/data.zip").status_code == 403


def test_a_participant_never_sees_another_participants_versions(app):
    from helpers import login
    erik = app.test_client()
    login(erik, "erik")
    submit(erik, "/me/profile/q/dream_job", {"text": "Trädgårdsmästare", "go": "next"})
    submit(erik, "/me/profile/check", {}, action="/me/profile/share")
    sara = app.test_client()
    login(sara, "sara")
    assert sara.get("/me/profile/shared/1").status_code == 404
    assert "Trädgårdsmästare" not in export_text(sara.get("/me/data.zip"))


def test_a_question_page_reads_its_answer_once(client, as_user):
    from sokandelots.db import recorded_queries
    as_user("erik")
    submit(client, "/me/profile/q/dream_job", {"text": "Kock"})
    with recorded_queries() as read:
        page = client.get("/me/profile/q/dream_job").get_data(as_text=True)
    assert "Kock" in page and 'name="seen"' in page
    assert sum('FROM "profile_answer"' in sql for sql in read) == 1


def test_an_answer_is_checked_and_saved_in_one_statement_and_someone_elses_is_kept(ctx, users):
    # The stamp the page saw, this page's own mark, or the same answer let a save through;
    # else the answer stored stays, whatever came between the page's read and its save.
    from sokandelots.db import recorded_queries
    from sokandelots.profile import answers
    from sokandelots.profile.catalogue import BY_KEY
    erik, question = users["erik"], BY_KEY["dream_job"]
    first = answers.save(erik, question, {"text": "Kock"}, page="tab-1")
    mine = answers.save(erik, question, {"text": "Bagare"}, page="tab-1", seen=first)
    assert mine is not None
    with recorded_queries() as queries:
        refused = answers.save(erik, question, {"text": "Snickare"}, page="tab-2", seen=first)
    assert refused is None and len(queries) == 1
    assert answers.value(answers.stored(erik, "dream_job")) == {"text": "Bagare"}
    assert answers.save(erik, question, {"text": "Bagare"}, page="tab-2", seen=first)  # the same
    assert answers.save(erik, question, {"text": "Snickare"}, page="tab-4", seen="not a time") \
        is None
    stored = answers.stamp(answers.stored(erik, "dream_job"))
    assert answers.save(erik, question, {"text": "Snickare"}, page="tab-2", seen=stored)
    # Without a stamp nothing is checked; a page without a mark is no one's own.
    assert answers.save(erik, question, {"text": "Kock"}, page="", seen=None)
    assert answers.save(erik, question, {"text": "Bagare"}, page="", seen=first) is None
    assert answers.save_unless_changed(erik, question, {"text": "Bagare"}, first, page="tab-3") \
        == (answers.stamp(answers.stored(erik, "dream_job")), {"text": "Kock"})
