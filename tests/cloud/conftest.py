"""Fixtures for the cloud: a fresh database per test (SQLite, and PostgreSQL when
CLOUD_TEST_DB_URL names a server), the app in-process, and the real server as a process.

CLOUD_TEST_DB_URL is an admin URL such as postgresql+psycopg://postgres@127.0.0.1/postgres:
each test makes its own database on that server and drops it afterwards.
"""
from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, NullPool, create_engine, text
from sqlalchemy.engine import make_url

from cloud.app import create_app
from cloud.db import Database, upgrade
from cloud.keys import create_key
from tests.cloud.cloud_helpers import LiveServer

PG_ENV = "CLOUD_TEST_DB_URL"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get(PG_ENV) else [])


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database file, copied for each test (migrating each time is slow)."""
    path = tmp_path_factory.mktemp("cloud-template") / "cloud.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A migrated PostgreSQL database that each test's database is created from."""
    admin_url = os.environ[PG_ENV]
    name = f"cloud_tmpl_{uuid.uuid4().hex[:12]}"
    with _admin_engine(admin_url) as admin:
        admin.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        upgrade(_with_database(admin_url, name))
        _disconnect_all(admin_url, name)
        yield name
    finally:
        with _admin_engine(admin_url) as admin:
            admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        path = tmp_path / "cloud.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    template = request.getfixturevalue("postgres_template")
    admin_url = os.environ[PG_ENV]
    name = f"cloud_test_{uuid.uuid4().hex[:12]}"
    with _admin_engine(admin_url) as admin:
        admin.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    try:
        yield _with_database(admin_url, name)
    finally:
        with _admin_engine(admin_url) as admin:
            admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def _admin_engine(admin_url: str) -> Iterator[Connection]:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def _with_database(admin_url: str, name: str) -> str:
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def _disconnect_all(admin_url: str, name: str) -> None:
    # CREATE DATABASE ... TEMPLATE needs the template to have no sessions.
    with _admin_engine(admin_url) as admin:
        admin.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
            {"name": name},
        )


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    upgrade(db_url)
    database = Database(db_url)
    with database.write() as s:
        create_key(s, demo=True)
    yield database
    database.dispose()


@pytest.fixture
def client(db: Database) -> Iterator[TestClient]:
    app = create_app(db.url)
    with TestClient(app) as test_client:
        yield test_client
    app.state.db.dispose()


@pytest.fixture
def live_server(db: Database, tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(db.url, tmp_path / "server.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def live_http(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=10) as http:
        yield http


