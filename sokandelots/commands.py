"""Every command of `flask --app app ...`, in one place above the data layer. A command reads
its options, calls the module that does the work and says what it did; the work itself stays
in that module (migrations, demo, privacy.retention, backup, outbox, morning, speech.server).

Run by timers (see README, "Daily jobs"): `send-outbox` every minute or so, `queue-morning-mail`
and `queue-reminders` each morning, `erase-expired` every night.
"""
import time
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from . import accounts, backup, demo, demo_story, links, morning, outbox
from .db import db
from .migrations import upgrade
from .models import User
from .privacy import retention
from .speech import server as speech_server


@click.command("upgrade-db")
def upgrade_command():
    """Apply every migration the database does not have yet."""
    click.echo(f"Database is at version {upgrade(db)}.")


@click.command("setup")
@with_appcontext
def setup_command():
    """Migrate the database; outside production, add the demo data when it is empty, tell its
    story once, and print the demo logins."""
    click.echo(f"Database is at version {upgrade(db)}.")
    if current_app.config["PRODUCTION"]:
        return  # no demo accounts and no demo password in production
    if demo.seed_if_empty():
        click.echo("Added the demo data.")
    if demo_story.tell_story():
        click.echo("Added the demo story.")
    if demo.present():
        click.echo(f"Demo logins, all with the password {demo.PASSWORD}:")
        click.echo("\n".join(demo.logins()))


@click.command("create-admin")
@click.argument("name")
@with_appcontext
def create_admin_command(name):
    """Make an administrator account for NAME (the first one in production, where there are no
    demo accounts) and print its one-time set-up link: the person chooses their own password
    there, so no password passes through the command line or the shell's history."""
    user = accounts.create_user(User.ADMIN, name)
    code = accounts.issue_setup_code(user, current_app.config["SETUP_CODE_LIFETIME"])
    click.echo(f"Username: {user.username}")
    click.echo(f"Set-up link (works once): "
               f"{links.public_link('auth.setup', code=accounts.format_code(code))}")


@click.command("erase-expired")
@click.option("--dry-run", is_flag=True, help="List who would be erased, and erase nothing.")
@with_appcontext
def erase_expired_command(dry_run):
    """Erase participants whose case closed more than RETENTION_MONTHS months ago, and
    referrals declined or withdrawn that long ago."""
    months = current_app.config["RETENTION_MONTHS"]
    run = retention.erase_expired(months, dry_run=dry_run)
    if dry_run:
        # Usernames only in a dry run: the real run's output ends up in the system's logs.
        for case, day in run.cases:
            click.echo(f"{case.participant.username}\tclosed {day.isoformat()}")
    did = "Would erase" if dry_run else "Erased"
    cutoff = run.cutoff.isoformat()
    click.echo(f"{did} {len(run.cases)} participant(s) whose case closed before {cutoff} "
               f"({months} months)."
               + (f" {run.undated} closed case(s) have no closing date; erase them by hand."
                  if run.undated else ""))
    click.echo(f"{did} {run.referrals} referral(s) declined or withdrawn before {cutoff}.")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_command(path):
    """Copy the live database to PATH, consistently, while the app runs."""
    try:
        integrity, version = backup.back_up(path)
    except backup.Refused as refused:
        raise click.ClickException(str(refused)) from None
    click.echo(f"Backed up to {path} (schema version {version}, integrity check: {integrity}).")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
@with_appcontext
def restore_command(path, yes):
    """Replace the live database with the backup in PATH, then migrate it to this version."""
    try:
        backup.check_restorable(path)
    except backup.Refused as refused:
        raise click.ClickException(str(refused)) from None
    if not yes:
        click.confirm("Replace everything in the database with the backup?", abort=True)
    click.echo(f"Restored {path}; the database is at schema version {backup.restore(path)}.")


@click.command("send-outbox")
@with_appcontext
def send_outbox_command():
    """Send the e-mails and SMS that are due (run it every minute or so from a timer)."""
    db.connect(reuse_if_open=True)
    counts = outbox.send_due()
    missing = [name for name, key in (("e-mail", "SMTP_HOST"), ("SMS", "SMS_GATEWAY_URL"))
               if not current_app.config[key]]
    click.echo(f"Sent {counts['sent']}, {counts['retry']} to try again later, "
               f"{counts['unknown']} not known to have gone out (not sent again)."
               + (f" Not configured: {', '.join(missing)} (those wait)." if missing else ""))


@click.command("queue-morning-mail")
@with_appcontext
def queue_morning_mail_command():
    """Queue today's morning e-mail to each coach who asked for one."""
    db.connect(reuse_if_open=True)
    click.echo(f"Queued {morning.queue_morning_mail(date.today())} morning e-mail(s).")


@click.command("queue-reminders")
@with_appcontext
def queue_reminders_command():
    """Queue a reminder of each meeting tomorrow to the participants who chose e-mail or SMS."""
    db.connect(reuse_if_open=True)
    click.echo(f"Queued {morning.queue_reminders(date.today())} meeting reminder(s).")


speech_cli = AppGroup("speech", help="Server speech: make the fixed participant texts ahead.")


@speech_cli.command("build")
@click.option("--locale", "locales", multiple=True, help="Only this language (may be repeated).")
def speech_build_command(locales):
    """Make the server speech of every fixed participant text, for each language with a voice."""
    for locale in locales or speech_server.VOICES:
        if not speech_server.has_voice(locale):
            raise click.BadParameter(f"no voice for {locale}", param_hint="--locale")
        started = time.perf_counter()
        texts, made = speech_server.build(locale)
        click.echo(f"{locale}: {texts} texts, {made} made now, "
                   f"{time.perf_counter() - started:.1f} s")


COMMANDS = [upgrade_command, setup_command, create_admin_command, erase_expired_command,
            backup_command, restore_command, send_outbox_command, queue_morning_mail_command,
            queue_reminders_command, speech_cli]


def init_app(app):
    for command in COMMANDS:
        app.cli.add_command(command)
