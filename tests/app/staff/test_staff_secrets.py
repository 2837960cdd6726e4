"""The secrets file: mode 0600, written whole, and the token never in the database, its
backups or the log."""
from __future__ import annotations

import logging
import os
import stat
import sys

import pytest

from app.bootstrap import bootstrap
from app.secrets_store import CLOUD_TOKEN, SecretsStore

TOKEN = "cs_live_7QmZ2pX9vKd4Lr8TnW3yHc6BfJ1sGe5A"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_the_file_is_readable_by_its_owner_only_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        store = SecretsStore(tmp_path)
        store.set(CLOUD_TOKEN, TOKEN)
    finally:
        os.umask(old)
    assert _mode(store.path) == 0o600
    assert store.permissions_ok()
    assert SecretsStore(tmp_path).get(CLOUD_TOKEN) == TOKEN
    assert not list(tmp_path.glob("*.tmp"))


@posix_only
def test_a_loosened_file_is_tightened_when_read(tmp_path):
    store = SecretsStore(tmp_path)
    store.set("printer_password", "hunter22")
    os.chmod(store.path, 0o644)
    assert store.get("printer_password") == "hunter22"
    assert _mode(store.path) == 0o600


def test_set_delete_names_and_a_repr_without_values(tmp_path):
    store = SecretsStore(tmp_path)
    assert store.get(CLOUD_TOKEN) is None
    store.set(CLOUD_TOKEN, TOKEN)
    store.set("printer_password", "hunter22")
    assert store.names() == [CLOUD_TOKEN, "printer_password"]
    assert TOKEN not in repr(store) and "hunter22" not in repr(store)
    assert store.delete("printer_password") and not store.delete("printer_password")
    assert store.names() == [CLOUD_TOKEN]


def test_a_garbled_file_reads_as_empty_and_says_nothing_of_its_content(tmp_path, caplog):
    (tmp_path / "secrets.json").write_text('{"cloud_token": "' + TOKEN, encoding="utf-8")
    with caplog.at_level(logging.DEBUG):
        assert SecretsStore(tmp_path).get(CLOUD_TOKEN) is None
    assert TOKEN not in caplog.text


def test_the_token_is_nowhere_but_the_secrets_file(tmp_path, caplog, clock):
    data = tmp_path / "shop"
    with caplog.at_level(logging.DEBUG):
        ctx = bootstrap(data, clock=clock, take_lock=False)
        try:
            ctx.secrets.set(CLOUD_TOKEN, TOKEN)
            assert ctx.secrets.get(CLOUD_TOKEN) == TOKEN
            clock.advance(days=1)
            report = ctx.backups.back_up_now()
            assert report.made
        finally:
            ctx.close()
    assert TOKEN not in caplog.text
    needle = TOKEN.encode()
    holders = [p.relative_to(data) for p in data.rglob("*") if p.is_file() and needle in p.read_bytes()]
    assert holders == [data.joinpath("secrets.json").relative_to(data)]


def test_the_sync_token_keeper_shares_the_file(tmp_path):
    from sync.token_store import TokenStore

    store = SecretsStore(tmp_path)
    keeper = store.keeper()
    keeper.save(TOKEN)
    assert TokenStore(tmp_path).load() == TOKEN  # the sync's own reader sees the same token
    store.set("printer_password", "hunter22")
    TokenStore(tmp_path).save(TOKEN + "x")
    assert store.get("printer_password") == "hunter22" and keeper.load() == TOKEN + "x"
    assert TOKEN not in repr(keeper)
    keeper.clear()
    assert keeper.load() is None and TokenStore(tmp_path).load() is None
