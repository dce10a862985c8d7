"""Answers by voice in a real browser: the participant records with the microphone (Chromium's
fake one), hears it back, saves and shares; their coach plays it; another coach cannot fetch it."""
import re

from playwright.sync_api import expect

from browsing import assert_accessible, log_in


def window(browser, live_server, errors):
    page = browser.new_context(base_url=live_server, locale="sv-SE").new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def plays(page, selector):
    """Start the audio element and wait until it is really playing."""
    page.evaluate("""selector => new Promise((resolve, reject) => {
        const audio = document.querySelector(selector);
        audio.addEventListener("playing", () => resolve(true), {once: true});
        audio.addEventListener("error", () => reject(new Error("cannot play")), {once: true});
        audio.play().catch(reject);
    })""", selector)


def test_a_spoken_answer_is_recorded_shared_and_played_by_the_coach(browser,
                                                                     live_server):
    errors = []
    erik = window(browser, live_server, errors)
    log_in(erik, "erik")
    erik.goto("/me/profile/q/dream_job")
    recorder = erik.locator("[data-recorder]")
    expect(recorder.locator("[data-record]")).to_be_visible()
    assert_accessible(erik, "question with a recorder")
    recorder.locator("[data-record]").click()
    expect(recorder).to_have_attribute("data-state", "recording")
    erik.wait_for_timeout(1500)
    recorder.locator("[data-stop]").click()
    expect(recorder).to_have_attribute("data-state", "recorded")
    plays(erik, "[data-playback]")  # heard back before it is sent
    assert_accessible(erik, "question with a recording to save")
    erik.locator("button[formenctype='multipart/form-data']").click()
    expect(erik).to_have_url(re.compile(r"/me/profile/q/dream_job$"))
    saved = "audio[src='/me/profile/q/dream_job/spoken.ogg']"
    expect(erik.locator(saved)).to_have_count(1)
    plays(erik, saved)

    erik.goto("/me/profile/check")
    expect(erik.locator(saved)).to_have_count(1)
    assert_accessible(erik, "check your answers with a spoken answer")
    erik.locator("form[action='/me/profile/share'] button").click()
    expect(erik).to_have_url(re.compile(r"/me/profile/shared/1$"))

    coach = window(browser, live_server, errors)
    log_in(coach, "coach")
    coach.goto("/coach/participants/5/profile")
    shared = "audio[src='/coach/participants/5/shared/1/dream_job.ogg']"
    expect(coach.locator(shared)).to_have_count(1)
    assert_accessible(coach, "the coach's review with a spoken answer")
    plays(coach, shared)

    other = window(browser, live_server, errors)
    log_in(other, "coach2")
    response = other.request.get("/coach/participants/5/shared/1/dream_job.ogg")
    assert response.status == 404
    assert not errors, errors
