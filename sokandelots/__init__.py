"""Sökandelots: a job-coach service for Supported Employment."""
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

ROOT = Path(__file__).resolve().parent.parent


class App(Flask):
    """Flask, which finds out once for each hook and view whether it is a coroutine: Flask asks
    again for every one it calls, a dozen times in each request."""

    def __init__(self, *args, **kwargs):
        self._sync = {}
        super().__init__(*args, **kwargs)

    def ensure_sync(self, func):
        found = self._sync.get(func)
        if found is None:
            found = self._sync[func] = super().ensure_sync(func)
        return found


def create_app(test_config=None):
    """Create the app; `test_config` overrides the configuration read from the environment."""
    from . import (assets, audit, commands, config, db, errors, forms, i18n, ids, passwords,
                   phrasebook, security, speech, templating, views)

    app = App(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str((test_config or {}).get("INSTANCE_PATH", ROOT / "instance")),
    )
    app.jinja_environment = templating.Environment  # each language's texts written in
    # The instance folder holds the SQLite database and the secret key: for this user only.
    Path(app.instance_path).mkdir(parents=True, exist_ok=True, mode=0o700)
    app.url_map.converters["int"] = ids.IdConverter  # before any route is added
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(zip=zip, choice_items=forms.choice_items,
                                 url_for=templating.kept_url_for)
    app.config.update(config.from_environment(app.instance_path))
    app.config["TRANSLATIONS_DIR"] = ROOT / "translations"
    app.config.update(test_config or {})
    if app.config["SESSION_COOKIE_SECURE"]:
        # A __Host- cookie is taken only over HTTPS, for this host alone and every path, so no
        # other site under the same domain can set or replace it.
        app.config.update(SESSION_COOKIE_NAME="__Host-session", SESSION_COOKIE_PATH="/",
                          SESSION_COOKIE_DOMAIN=None)

    config.check_workers(app.config, config.workers_from_environment())
    if app.config["TRUSTED_PROXIES"]:
        # The client's address and scheme as the proxies saw them; nothing else is taken from
        # forwarded headers (the host of links that leave the site comes from PUBLIC_URL).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["TRUSTED_PROXIES"],
                                x_proto=app.config["TRUSTED_PROXIES"], x_host=0, x_port=0,
                                x_prefix=0)

    db.init_app(app)
    assets.init_app(app)
    passwords.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    phrasebook.init_app(app)
    errors.init_app(app)
    views.init_app(app)
    audit.init_app(app)
    speech.init_app(app)
    commands.init_app(app)
    return app
