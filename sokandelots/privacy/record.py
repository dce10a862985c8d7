"""The record of processing (GDPR article 30): every table, whose data it holds, why, on what
legal basis, who gets it and how long it is kept.

Every table and every column that is not an id or a link needs a description here (a test
checks it), so a new column cannot go unmentioned.
"""
from dataclasses import dataclass, field

from peewee import AutoField, ForeignKeyField

from ..i18n import lazy_gettext as _l
from ..models import MODELS


@dataclass(frozen=True)
class Table:
    title: str
    whose: str
    purpose: str
    retention: str
    fields: dict = field(default_factory=dict)
    health: bool = False  # may hold health data or other special categories (GDPR article 9)
    basis: "Basis" = None  # the legal basis of the purpose (a test checks every table has one)


@dataclass(frozen=True)
class Basis:
    """The legal basis of a purpose: GDPR article 6, and article 9 for health data."""
    article6: str
    article9: str = None


PARTICIPANTS = _l("Participants")
STAFF = _l("Coaches and administrators")
EVERYONE = _l("Participants, coaches and administrators")
CONTACTS = _l("Contact persons at employers, and the coaches who wrote")
NOBODY = _l("Nobody: no personal data")
WITH_PARTICIPANT = _l("Until the participant is erased: by an administrator, or automatically "
                      "when the case has been closed for the retention time.")
REGISTER = _l("As long as the unit works with the employer. There is no automatic limit: "
              "review the register once a year.")
CREATED = _l("When it was written")
UPDATED = _l("When it was last changed")
READ = _l("When the participant marked it as read")
DAY = _l("The day it is about")
KIND = _l("What kind it is")
STATUS = _l("How far it has come")
NUMBER = _l("Its number in order")

# The legal bases, one for each group of purposes, for a municipality's labour market unit.
SUPPORT = Basis(
    _l("Article 6.1 e: a task in the public interest and the exercise of official authority "
       "(the municipality's labour market support)."),
    _l("Article 9.2 b and h: social security and social protection, and social care."))
CONSENT = Basis(_l("Article 6.1 a: consent. The participant chooses what is shared with whom, "
                   "and can take it back."))
SECURITY = Basis(_l("Article 6.1 c: the legal obligation to keep personal data secure "
                    "(article 32) and to be able to show who opened a record."))
EMPLOYERS = Basis(_l("Article 6.1 e: a task in the public interest (finding work at employers "
                     "is part of the labour market support)."))
STATISTICS = Basis(_l("Article 6.1 e: following up the unit's work. The rows name no "
                      "participant."))
VOICES = Basis(_l("Article 6.1 a: consent. The staff member or interpreter chooses to record, "
                  "and an administrator deletes a recording when asked."))
NO_PERSONAL_DATA = Basis(_l("No personal data: no legal basis is needed."))

# Who gets the data (GDPR article 30.1 d), for every table: no one else.
RECIPIENTS = [
    _l("The participant's coach, and a substitute or a new coach during cover or a handover."),
    _l("The unit manager: figures only (each coach's caseload and the unit's statistics), "
       "never a participant's record."),
    _l("Administrators: accounts, erasure and this record."),
    _l("The commissioner (Arbetsförmedlingen or Försäkringskassan): only what the coach sends "
       "in reports and attendance reports."),
    _l("Partners the participant has given consent to share with."),
    _l("The e-mail server and the SMS gateway the unit uses: a notice says only that something "
       "is new."),
]
TRANSFERS = _l("None. Everything is stored on the unit's own server, and speech is made there "
               "too. If the unit's e-mail or SMS provider is outside the EU/EEA, that is a "
               "transfer: check the agreement with the provider.")

CATALOGUE = {
    "user": Table(_l("Accounts"), EVERYONE, _l("To log in and to show who is who."), _l(
        "Participants: until erased, like the rest of their record. Staff: as long as they work "
        "in the unit; when they leave, an administrator deactivates the account, which can then "
        "no longer log in, and keeps the name, so that records show who wrote them."), {
        "username": _l("Username for logging in"),
        "role": _l("Participant, coach, administrator or unit manager"),
        "display_name": _l("The person's name"),
        "password_hash": _l("A one-way hash of the password; the password itself is never stored"),
        "setup_code_hash": _l("A one-way hash of the code on the login card"),
        "setup_code_expires": _l("When the code on the login card stops working"),
        "locale": _l("The language the person chose"),
        "is_active": _l("Whether the account may log in"),
        "session_epoch": _l("A counter that ends every open session when it changes"),
        "created_at": CREATED,
        "last_login_at": _l("When the person last logged in"),
        "show_swedish": _l("Whether to show the Swedish words under each question"),
        "totp_secret": _l("The secret for two-step login, when it is on"),
        "totp_last_step": _l("The last two-step code used, so that it cannot be used again"),
        "email": _l("E-mail address, to be told of something new and to get a new password"),
        "mobile": _l("Mobile number, to be told of something new by SMS"),
        "notify_by": _l("How the person wants to be told of something new: e-mail, SMS or not "
                        "at all"),
        "morning_mail": _l("Whether a coach wants a morning e-mail of what is overdue"),
    }, basis=SUPPORT),
    "outbox_message": Table(_l("E-mails and SMS to send"), EVERYONE, _l(
        "To tell people of something new in the way they chose, to send password reset links "
        "and the coaches' morning e-mail. A notice says only that something is new, never what."),
        _l("The words are removed as soon as the message is sent. The record that it was sent is "
           "removed after 30 days, or when the participant is erased."), {
        "message_id": _l("A random id that goes with the message, so it is not sent twice"),
        "channel": _l("E-mail or SMS"),
        "address": _l("The e-mail address or mobile number it goes to"),
        "kind": KIND,
        "subject": _l("The e-mail's subject"),
        "text": _l("The words, until they are sent"),
        "html": _l("The words as a web page, until they are sent"),
        "status": STATUS,
        "due_at": _l("When it is to be sent"),
        "attempts": _l("How many times sending was tried"),
        "claimed_at": _l("When sending began"),
        "sent_at": _l("When it was sent"),
        "last_error": _l("Why the last try failed"),
        "created_at": CREATED,
    }, basis=SUPPORT),
    "password_reset": Table(_l("Password reset links"), PARTICIPANTS, _l(
        "To let a participant with an e-mail address set a new password without waiting for "
        "the coach."), _l("Until the participant is erased; a link works for a short time, once."), {
        "token_hash": _l("A one-way hash of the secret in the link; the link itself is not kept"),
        "expires_at": _l("When the link stops working"),
        "used_at": _l("When the link was used"),
        "created_at": _l("When the link was asked for"),
    }, basis=SUPPORT),
    "case": Table(_l("Cases"), PARTICIPANTS, _l(
        "To know who coaches the participant, for which commissioner, and how far they have "
        "come; for the unit's statistics."), WITH_PARTICIPANT, {
        "commissioner": _l("Who commissioned the support"),
        "step": _l("Which of the five steps the participant is in"),
        "status": _l("Active, paused or closed"),
        "created_at": CREATED,
        "step_started_at": _l("When the current step began"),
        "reviewed_version": _l("The last shared profile the coach has read"),
        "next_followup": _l("When the next follow-up is due"),
        "out_of_work_at_start": _l("Whether the participant was out of work at the start"),
        "outcome": _l("How the case ended"),
        "outcome_on": _l("When the case ended"),
        "commissioner_case_number": _l("The commissioner's case number, the same as on the referral "
                                       "the case began with"),
        "in_work_since": _l("When the participant started work with follow-up (step 5)"),
        "gender": _l("Gender, for the statistics"),
        "birth_year": _l("Year of birth, for the age band in the statistics; from the referral's "
                         "date of birth when it gives one"),
        "income_at_end": _l("What the participant lives on when the case closes, for the "
                            "statistics"),
    }, basis=SUPPORT),
    "outcome_row": Table(_l("Anonymous outcome rows"), NOBODY, _l(
        "The unit's statistics of job starts, closed cases and erased referrals, by month. A row "
        "names no participant, so the figures stay the same when a participant is erased."), _l(
        "As long as the unit keeps statistics. There is no automatic limit."), {
        "kind": _l("A job start, a closed case or a referral"), "year": _l("The year"),
        "month": _l("The month"), "outcome": _l("How the case ended"),
        "commissioner": _l("Who commissioned the support"),
        "gender": _l("Gender, when known"), "age_band": _l("Age band, when known"),
        "target_groups": _l("Target groups, from the referral"),
        "support_need": _l("Need of support, from the referral"),
        "income_at_start": _l("What the person lived on at the start, from the referral"),
        "income_at_end": _l("What the person lived on when the case closed"),
        "days_to_employer_contact": _l("Days from the start to the first employer contact"),
        "days_to_benefits_counselling": _l("Days from the start to benefits counselling"),
        "followup_months": _l("Months of follow-up in work"),
    }, basis=STATISTICS),
    "erased_span": Table(_l("Figures kept from erased cases"), NOBODY, _l(
        "What an erased participant's case added to the day-by-day statistics: the days it was "
        "open, its job starts and how long it stayed in each step. A row has dates only: no "
        "name, no coach and no link to anything, so the figures stay the same after an "
        "erasure."), _l("As long as the unit keeps statistics. There is no automatic limit."), {
        "kind": _l("The days a case was open, a job start, or a stay in a step"),
        "first_day": _l("The first day"), "last_day": _l("The last day, when there is one"),
        "step": _l("The step, for a stay in a step"),
        "out_of_work_at_start": _l("Whether the person was out of work at the start"),
        "first_job_on": _l("The day of the first job start, when there was one"),
    }, basis=NO_PERSONAL_DATA),
    "benefits_counselling": Table(_l("Benefits counselling"), PARTICIPANTS, _l(
        "Early counselling about how work affects the participant's benefits (IPS)."),
        WITH_PARTICIPANT, {
        "day": DAY, "note": _l("What came up"), "created_at": CREATED,
    }, health=True, basis=SUPPORT),
    "profile_answer": Table(_l("Profile answers"), PARTICIPANTS, _l(
        "The participant's own vocational profile: wishes, strengths, needs and adaptations."),
        WITH_PARTICIPANT, {
        "question": _l("Which question it answers"),
        "value": _l("The answer: choices and own words"),
        "updated_at": UPDATED,
        "together": _l("Whether it was answered together with the coach"),
        "saved_by_page": _l("A random mark of the open page that saved it last, so that its "
                            "own quick saves are not taken for someone else's"),
    }, health=True, basis=SUPPORT),
    "profile_version": Table(_l("Shared profiles"), PARTICIPANTS, _l(
        "Copies of the profile that the participant chose to share with their coach."),
        WITH_PARTICIPANT, {
        "number": NUMBER,
        "shared_at": _l("When it was shared"),
        "answers": _l("The profile answers as shared"),
        "cards": _l("The job-card choices as shared"),
        "activities": _l("The activities and reflections as shared"),
    }, health=True, basis=SUPPORT),
    "spoken_answer": Table(_l("Spoken answers"), PARTICIPANTS, _l(
        "Answers the participant gave to profile questions in their own voice instead of writing."),
        WITH_PARTICIPANT, {
        "question": _l("Which question it answers"),
        "audio": _l("The recording of the participant's voice (Ogg Opus, at most two minutes)"),
        "seconds": _l("How long the recording is"),
        "recorded_at": _l("When it was recorded"),
        "together": _l("Whether it was recorded together with the coach"),
    }, health=True, basis=SUPPORT),
    "shared_spoken_answer": Table(_l("Shared spoken answers"), PARTICIPANTS, _l(
        "Copies of the spoken answers in a profile the participant shared with their coach; "
        "they do not change when the participant records again."), WITH_PARTICIPANT, {
        "question": _l("Which question it answers"),
        "audio": _l("The recording of the participant's voice as shared"),
        "seconds": _l("How long the recording is"),
        "recorded_at": _l("When it was recorded"),
    }, health=True, basis=SUPPORT),
    "job_card": Table(_l("Job cards"), NOBODY, _l("The catalogue of job cards that participants "
                                                  "sort."), _l("As long as the card is in use."), {
        "key": _l("The card's short name"),
        "hidden": _l("Whether the card is hidden from participants"),
        "picture": _l("The file name of its picture"),
        "tags": _l("Tags that match it to profiles"),
        "texts": _l("Its title and text in each language"),
        "updated_at": UPDATED,
    }, basis=NO_PERSONAL_DATA),
    "card_picture": Table(_l("Job-card pictures"), NOBODY, _l(
        "Pictures an administrator uploaded for job cards, so that every server shows them."),
        _l("As long as the card is in use."), {
        "name": _l("A random name, which the card refers to"),
        "large": _l("The picture, in one of two sizes"),
        "small": _l("The picture, in one of two sizes"),
        "uploaded_at": _l("When it was uploaded"),
    }, basis=NO_PERSONAL_DATA),
    "card_choice": Table(_l("Job-card choices"), PARTICIPANTS, _l(
        "How the participant sorted the job cards, to find kinds of work they want."),
        WITH_PARTICIPANT, {
        "card": _l("Which card"),
        "answer": _l("Yes, maybe or no"),
        "want_more": _l("Whether they want to know more"),
        "tried": _l("Whether they have tried it"),
        "note": _l("Their own words about the card"),
        "updated_at": UPDATED,
    }, basis=SUPPORT),
    "activity": Table(_l("Activities"), PARTICIPANTS, _l(
        "Try-outs such as job shadowing and study visits, and the reflections on them."),
        WITH_PARTICIPANT, {
        "kind": KIND, "place": _l("Where it took place"), "day": DAY,
        "note": _l("A note about it"),
        "card": _l("The job card it tried out"),
        "reflection": _l("The participant's reflection"),
        "reflected_at": _l("When the participant reflected"),
        "coach_reflection": _l("The coach's reflection"),
        "coach_reflected_at": _l("When the coach reflected"),
        "created_at": CREATED,
    }, health=True, basis=SUPPORT),
    "step_change": Table(_l("Step changes"), PARTICIPANTS, _l(
        "Who moved the case to another step or status, and when; for the statistics."),
        WITH_PARTICIPANT, {
        "step": _l("The new step"), "status": _l("The new status"),
        "changed_at": _l("When it changed"),
    }, basis=SUPPORT),
    "followup": Table(_l("Follow-ups"), PARTICIPANTS, _l(
        "Support on and off the job: when the coach followed up, how, and when next."),
        WITH_PARTICIPANT, {
        "day": DAY, "kind": _l("Visit, call, message or meeting"),
        "with_whom": _l("Who the coach talked with"),
        "note": _l("What came up"),
        "next_day": _l("When the next follow-up is due"),
        "created_at": CREATED,
    }, health=True, basis=SUPPORT),
    "meeting": Table(_l("Meetings"), PARTICIPANTS, _l(
        "Meetings the coach books with the participant: when, where, who comes, whether an "
        "interpreter comes, and the participant's answer."), WITH_PARTICIPANT, {
        "kind": KIND, "starts_at": _l("When it starts"), "minutes": _l("How long it is"),
        "place": _l("Where it is held"), "address": _l("The address or meeting point"),
        "who": _l("Who takes part"), "interpreter": _l("Whether an interpreter comes"),
        "interpreter_language": _l("The interpreter's language"),
        "cancelled_at": _l("When it was cancelled"),
        "answer": _l("Whether the participant comes"),
        "answer_reason": _l("Why the participant cannot come"),
        "answered_at": _l("When the participant answered"),
        "note_phrases": _l("The prepared sentences the coach chose, and what was filled in them"),
        "note": _l("The coach's note to the participant, in Swedish"), "created_at": CREATED,
    }, health=True, basis=SUPPORT),
    "calendar_feed": Table(_l("Calendar addresses"), STAFF, _l(
        "A coach's secret address for their own calendar program, which shows their meetings "
        "with the kind and the participant's first name only."), _l(
        "Until the coach makes a new address or the account is removed."), {
        "token_hash": _l("A one-way hash of the secret address"), "created_at": CREATED,
    }, basis=SUPPORT),
    "access_log": Table(_l("Access log"), EVERYONE, _l(
        "To show the participant and the administrator who opened or changed the record."),
        _l("Erased with the participant's record. When a participant is erased, rows where "
           "they are the one who did something lose their name."), {
        "endpoint": _l("Which page was opened"),
        "changed": _l("Whether something was changed"),
        "created_at": _l("When it happened"),
    }, basis=SECURITY),
    "feedback": Table(_l("Feedback"), PARTICIPANTS, _l(
        "The coach's feedback on the profile, and the participant's answers to it."),
        WITH_PARTICIPANT, {
        "section": _l("Which part of the profile it is about"),
        "text": _l("The feedback or the answer"),
        "phrases": _l("The prepared sentences the coach chose, and what was filled in them"),
        "created_at": CREATED, "read_at": READ,
    }, health=True, basis=SUPPORT),
    "internal_note": Table(_l("Internal notes"), PARTICIPANTS, _l(
        "The coach's own notes. The participant sees when they were written; the whole text is "
        "given out on a formal request."), WITH_PARTICIPANT, {
        "text": _l("The note"), "created_at": CREATED,
    }, health=True, basis=SUPPORT),
    "agreement": Table(_l("Agreements"), PARTICIPANTS, _l(
        "The referral and what the participant, commissioner and coach agreed."),
        WITH_PARTICIPANT, {
        "referrer": _l("Who referred the participant"),
        "referrer_contact": _l("The referrer's contact person"),
        "referred_on": _l("When the referral came"),
        "meeting_on": _l("When the three-party meeting was"),
        "present": _l("Who was at the meeting"),
        "goals": _l("The goals"), "roles": _l("Who does what"),
        "expectations": _l("What everyone expects"),
        "reach": _l("How to reach the participant"),
        "secrecy_explained_on": _l("When the duty of confidentiality was explained"),
        "rules_given_on": _l("When the rules and policy were handed over"),
        "if_ill": _l("What to do when the participant is ill"),
        "if_crisis": _l("What to do in a crisis"),
        "if_placement_fails": _l("What to do when the placement goes wrong"),
        **{f"{part}_phrases": _l("The prepared sentences the coach chose for this part, and what "
                                 "was filled in them")
           for part in ("expectations", "if_ill", "if_crisis", "if_placement_fails")},
        "updated_at": UPDATED, "read_at": READ,
    }, health=True, basis=SUPPORT),
    "referral": Table(_l("Referrals"), _l("People referred by a commissioner, and the "
                                          "commissioner's case officers"), _l(
        "To register a commissioner's request (anmälan) before the person has a login, to "
        "start their case when they say yes, to count referrals that did not start, and to "
        "print the personal identity number on the attendance report for a commissioner that "
        "requires it."), _l(
        "Open: until the person answers. Became a case: until the participant is erased. "
        "Declined or withdrawn: erased automatically when the retention time has passed since "
        "then."), {
        "received_on": _l("When the referral came"),
        "commissioner": _l("Who commissioned the support"),
        "commissioner_unit": _l("The commissioner's office or unit"),
        "case_number": _l("The commissioner's case number"),
        "handler_name": _l("The commissioner's case officer"),
        "handler_phone": _l("The case officer's phone number"),
        "handler_email": _l("The case officer's e-mail address"),
        "purpose": _l("The purpose of the assignment"),
        "target_groups": _l("Which target groups the person belongs to"),
        "income_at_start": _l("What the person lives on at the start"),
        "wants_work": _l("Whether the person wants to work"),
        "interpreter": _l("Whether the person needs an interpreter"),
        "interpreter_language": _l("The interpreter's language"),
        "support_need": _l("How much support the person is expected to need"),
        "name": _l("The person's name"),
        "personnummer": _l("The person's date of birth or personal identity number; the number "
                           "is printed on the attendance report only for a commissioner that "
                           "requires it"),
        "phone": _l("Phone number"), "email": _l("E-mail address"),
        "address": _l("The address"),
        "locale": _l("The language the person prefers"),
        "status": _l("Open, became a case, declined or withdrawn"),
        "status_on": _l("When it became a case, was declined or was withdrawn"),
        "status_reason": _l("Why it was declined or withdrawn"),
        "created_at": CREATED, "updated_at": UPDATED,
    }, health=True, basis=SUPPORT),
    "consent": Table(_l("Consents"), PARTICIPANTS, _l(
        "What the participant agreed may be shared with each partner, and any withdrawal."),
        WITH_PARTICIPANT, {
        "partner": _l("Which kind of partner"), "partner_name": _l("The partner's name"),
        "what": _l("What may be shared"), "given_on": _l("When consent was given"),
        "how": _l("How consent was given"), "withdrawn_on": _l("When it was withdrawn"),
        "recipient": _l("The person or unit who gets or gives the information"),
        "direction": _l("Which way the information goes"),
        "purpose": _l("Why it is shared"), "starts_on": _l("When the consent starts"),
        "ends_on": _l("When the consent ends"), "review_on": _l("When the consent is reviewed"),
        "withdraw_asked_at": _l("When the participant asked to withdraw it"),
        "read_at": READ, "created_at": CREATED,
    }, basis=CONSENT),
    "message": Table(_l("Messages"), PARTICIPANTS, _l(
        "Messages between the participant and their coach."), WITH_PARTICIPANT, {
        "text": _l("The message"), "created_at": _l("When it was sent"),
        "phrases": _l("The prepared sentences the coach chose, and what was filled in them"),
        "read_at": _l("When the other side read it"),
    }, health=True, basis=SUPPORT),
    "employer": Table(_l("Employers"), CONTACTS, _l(
        "The unit's shared register of employers to contact about jobs."), REGISTER, {
        "name": _l("The employer's name"), "sector": _l("The line of business"),
        "address": _l("The address"), "notes": _l("The coaches' notes"),
        "tags": _l("Words to search by"), "created_at": CREATED,
    }, basis=EMPLOYERS),
    "employer_person": Table(_l("Employer contacts"), CONTACTS, _l(
        "Contact persons at employers, to reach them."), REGISTER, {
        "name": _l("The contact person's name"), "role": _l("Their role at the employer"),
        "phone": _l("Phone number"), "email": _l("E-mail address"),
    }, basis=EMPLOYERS),
    "employer_event": Table(_l("Employer contacts made"), CONTACTS, _l(
        "When coaches contacted an employer, how, and what came of it."), REGISTER, {
        "day": DAY, "kind": _l("How the contact was made"),
        "outcome": _l("What came of it"), "created_at": CREATED,
    }, basis=EMPLOYERS),
    "position": Table(_l("Workplace analyses"), CONTACTS, _l(
        "What a position at an employer involves, to match it with participants."), REGISTER, {
        "analysis": _l("The analysis: tasks, environment, demands"), "updated_at": UPDATED,
    }, basis=EMPLOYERS),
    "lead": Table(_l("Job-search leads"), PARTICIPANTS, _l(
        "Which employers the participant and coach are in touch with, and how far it has come."),
        WITH_PARTICIPANT, {
        "kind": KIND, "day": DAY, "status": STATUS,
        "end_reason": _l("Why it ended"), "updated_at": UPDATED,
        "reached": _l("The day it reached each status"),
    }, basis=SUPPORT),
    "placement": Table(_l("Placements"), PARTICIPANTS, _l(
        "The participant's placements at employers."), WITH_PARTICIPANT, {
        "created_at": CREATED, "ended_on": _l("When it ended"),
    }, basis=SUPPORT),
    "plan_version": Table(_l("Implementation plans"), PARTICIPANTS, _l(
        "The plan between participant, employer and coach: goals, tasks, adaptations, terms."),
        WITH_PARTICIPANT, {
        "number": NUMBER, "start_on": _l("When it starts"), "end_on": _l("When it ends"),
        "terms": _l("The economic terms"), "paid_hours": _l("Paid hours a week"),
        "followup_weeks": _l("How often to follow up"),
        "followup_change_week": _l("After how many weeks the follow-up schedule changes"),
        "followup_later_weeks": _l("How often to follow up after that change"),
        "planned_hours": _l("Hours planned for each day of the week"),
        "texts": _l("Goals, tasks, adaptations and support"), "created_at": CREATED,
    }, health=True, basis=SUPPORT),
    "attendance": Table(_l("Attendance"), PARTICIPANTS, _l(
        "Days at the placement, for the attendance report to the commissioner."),
        WITH_PARTICIPANT, {
        "day": DAY, "status": _l("Present, absent, sick or on leave"),
        "hours": _l("Hours worked"), "confirmed_at": _l("When the coach confirmed it"),
        "notified_on": _l("When the coach told the commissioner about an absence"),
    }, health=True, basis=SUPPORT),
    "report": Table(_l("Reports to the commissioner"), PARTICIPANTS, _l(
        "Progress and closing reports to the commissioner: what was recorded and the coach's "
        "own words, and a copy of each report as it was sent."), WITH_PARTICIPANT, {
        "kind": _l("Progress report or closing report"), "number": NUMBER,
        "period_start": _l("The first day the report is about"),
        "period_end": _l("The last day the report is about"),
        "texts": _l("The coach's own words in the report"),
        "created_at": CREATED, "updated_at": UPDATED,
        "sent_on": _l("When it was sent"), "sent_to": _l("To whom it was sent"),
        "mandate": _l("The commissioner's mandate, when it was sent without a consent"),
        "content": _l("What the report said when it was sent"),
    }, health=True, basis=SUPPORT),
    "recovery_code": Table(_l("Recovery codes"), STAFF, _l(
        "To log in when the phone for two-step login is lost. Only a one-way hash is kept."),
        _l("Until the code is used, new codes are made, or the account is erased."), {
        "code_hash": _l("A one-way hash of the code"), "created_at": CREATED,
    }, basis=SECURITY),
    "user_session": Table(_l("Sessions"), EVERYONE, _l(
        "To keep a person logged in, and to let them and the administrator end a session."),
        _l("Until the person logs out or the session ends; erased with the account."), {
        "key_hash": _l("A one-way hash of the key in the browser"),
        "epoch": _l("A counter that ends the session when it changes"),
        "created_at": _l("When the person logged in"),
        "last_seen_at": _l("When the session was last used"),
        "user_agent": _l("Which browser was used"),
        "address": _l("The IP address it came from"),
        "card_code": _l("The code of the login card made in this session, so that the card "
                        "can be printed again; gone when the code is used"),
        "totp_setup": _l("The secret for two-step login while it is being set up in this session"),
    }, basis=SECURITY),
    "setting": Table(_l("Settings"), NOBODY, _l("The unit's settings, such as requiring "
                                                "two-step login, the provider's details and "
                                                "which commissioners require the personal "
                                                "identity number on the attendance report."), _l("As long as they apply."), {
        "key": _l("Which setting"), "value": _l("Its value"),
    }, basis=NO_PERSONAL_DATA),
    "recording": Table(_l("Recorded voices"), STAFF, _l(
        "A staff member's or interpreter's voice reading a participant text aloud, so that "
        "participants who read little can hear it."), _l(
        "As long as the text is used; an administrator can delete a recording."), {
        "locale": _l("Which language"), "msgid": _l("Which text"),
        "context": _l("Which text"), "text": _l("The words as they read when recorded"),
        "key": _l("A fingerprint of the words"), "audio": _l("The recorded voice"),
        "seconds": _l("How long it is"), "status": _l("Recorded or approved"),
        "recorded_at": _l("When it was recorded"), "approved_at": _l("When it was approved"),
    }, basis=VOICES),
    "spoken_text": Table(_l("Speech made by the server"), PARTICIPANTS, _l(
        "Texts read aloud by the server's own voice, kept so that each is made only once. Texts "
        "written for one participant, such as a message, are kept with that participant."),
        WITH_PARTICIPANT, {
        "key": _l("A fingerprint of the words, the language and the voice"),
        "locale": _l("Which language"), "audio": _l("The speech"), "made_at": _l("When it was made"),
    }, basis=SUPPORT),
    "revision": Table(_l("Corrections"), _l("Participants, and contact persons at employers"), _l(
        "To keep what a record said before its writer corrected it, and who corrected it when."),
        _l("As long as the record it belongs to: a correction of a participant's record is erased "
           "with the participant; one of the employer register stays with the register."), {
        "record": _l("Which kind of record was corrected"),
        "record_id": _l("Which record was corrected"),
        "earlier": _l("What the record said before the correction"),
        "created_at": _l("When it was corrected"),
    }, health=True, basis=SUPPORT),
    "handover": Table(_l("Handovers"), PARTICIPANTS, _l(
        "When a participant gets another coach: who handed over to whom, a note for the new "
        "coach, and until when the old coach may still read the record (not change it); to tell "
        "the participant who their new coach is."), WITH_PARTICIPANT, {
        "note": _l("The handover note for the new coach"),
        "read_until": _l("The last day the old coach may read the record"),
        "created_at": _l("When the participant was handed over"),
    }, health=True, basis=SUPPORT),
    "cover": Table(_l("Cover"), STAFF, _l(
        "A substitute who sees and works on a coach's participants for a period (leave, "
        "illness); every time the substitute opens a record it is in the access log."), _l(
        "Until the coach takes it back. There is no automatic limit: old periods give no "
        "access."), {
        "first_day": _l("The first day of the period"),
        "last_day": _l("The last day of the period"),
        "created_at": CREATED,
    }, basis=SUPPORT),
}

KINDS = {
    "VARCHAR": _l("text"), "TEXT": _l("text"), "DATE": _l("date"),
    "BLOB": _l("sound"), "DATETIME": _l("date and time"), "BOOL": _l("yes or no"), "INT": _l("number"),
    "SMALLINT": _l("number"), "DECIMAL": _l("number"),
}


UNDESCRIBED = _l("Not described yet")


def described(column):
    """Whether a column needs a description: all but the id and the links to other tables."""
    return not isinstance(column, (AutoField, ForeignKeyField))


def missing_descriptions():
    """Tables and columns of the models that the catalogue does not describe, as "table.column"
    (or "table" alone); the page shows them, and a test keeps the list empty."""
    missing = []
    for model in MODELS:
        entry = CATALOGUE.get(model._meta.table_name)
        if entry is None:
            missing.append(model._meta.table_name)
            continue
        missing += [f"{model._meta.table_name}.{column.name}"
                    for column in model._meta.sorted_fields
                    if described(column) and column.name not in entry.fields]
    return missing


def processing_record():
    """Every table of the models with its catalogue entry and its columns, as
    (table name, Table, [(column, kind, description)]); links name the table they point at."""
    record = []
    for model in MODELS:
        name = model._meta.table_name
        entry = CATALOGUE.get(name) or Table(name, UNDESCRIBED, UNDESCRIBED, UNDESCRIBED)
        columns = []
        for column in model._meta.sorted_fields:
            if isinstance(column, AutoField):
                continue
            if isinstance(column, ForeignKeyField):
                target = column.rel_model._meta.table_name
                target = CATALOGUE[target].title if target in CATALOGUE else target
                columns.append((column.column_name, _l("link"),
                                _l("Points to: %(table)s", table=target)))
            else:
                columns.append((column.column_name, KINDS.get(column.field_type, column.field_type),
                                entry.fields.get(column.name, UNDESCRIBED)))
        record.append((name, entry, columns))
    return record
