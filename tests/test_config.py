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
