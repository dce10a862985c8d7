import pytest

from sokandelots import config, create_app
from sokandelots.db import db


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("SOKANDELOTS_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        config.from_environment(tmp_path)


def test_local_secret_key_is_made_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SOKANDELOTS_ENV", raising=False)
    first = config.from_environment(tmp_path)["SECRET_KEY"]
    assert len(first) >= 32
    assert config.from_environment(tmp_path)["SECRET_KEY"] == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_production_uses_secure_cookies(monkeypatch, tmp_path):
    monkeypatch.setenv("SOKANDELOTS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    settings = config.from_environment(tmp_path)
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["SESSION_COOKIE_HTTPONLY"] is True
    assert settings["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert settings["SESSION_PERMANENT"] is False


def test_default_database_is_sqlite_in_wal_mode_with_foreign_keys(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "s"})
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'sokandelots.sqlite3'}"
    with app.app_context():
        db.connect(reuse_if_open=True)
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        db.close()


def test_start_up_fails_when_a_language_has_no_catalogue(tmp_path):
    (tmp_path / "translations").mkdir()
    with pytest.raises(RuntimeError, match="No compiled translations"):
        create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "s",
                    "TRANSLATIONS_DIR": tmp_path / "translations"})


def production_settings(monkeypatch, tmp_path, **env):
    monkeypatch.setenv("SOKANDELOTS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.delenv("RATELIMIT_STORAGE_URI", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return config.from_environment(tmp_path)


def test_production_with_several_workers_refuses_limits_kept_in_memory(monkeypatch, tmp_path):
    settings = production_settings(monkeypatch, tmp_path)
    with pytest.raises(RuntimeError, match="RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379"):
        config.check_workers(settings, 4)
    config.check_workers(settings, 1)  # one worker counts every try in its own memory
    shared = production_settings(monkeypatch, tmp_path,
                                 RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379")
    config.check_workers(shared, 4)
    monkeypatch.setenv("SOKANDELOTS_ENV", "development")
    config.check_workers(config.from_environment(tmp_path), 4)  # a developer's machine


def test_start_up_reads_gunicorns_worker_count_from_web_concurrency(monkeypatch, tmp_path):
    production_settings(monkeypatch, tmp_path, WEB_CONCURRENCY="3")
    with pytest.raises(RuntimeError, match="3 workers"):
        create_app({"INSTANCE_PATH": str(tmp_path)})
    monkeypatch.setenv("WEB_CONCURRENCY", "1")
    assert create_app({"INSTANCE_PATH": str(tmp_path)}).config["PRODUCTION"] is True


def test_forwarded_headers_count_only_behind_a_trusted_proxy(monkeypatch, tmp_path):
    seen = {}

    def remember():
        from flask import request
        seen.update(address=request.remote_addr, scheme=request.scheme, host=request.host)
        return ""

    forwarded = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https",
                 "X-Forwarded-Host": "evil.example.com"}
    for proxies, address, scheme in ((0, "127.0.0.1", "http"), (1, "203.0.113.7", "https")):
        app = create_app({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "s",
                          "TRUSTED_PROXIES": proxies})
        app.add_url_rule("/seen", "seen", remember)
        app.test_client().get("/seen", headers=forwarded)
        assert seen == {"address": address, "scheme": scheme, "host": "localhost"}
