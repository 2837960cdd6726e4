"""Opening a data folder: one copy only, data dir choice, migration, corrupt file refused."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.bootstrap import DB_FILE, bootstrap
from app.errors import DatabaseProblem
from app.instance_lock import AlreadyRunning
from app.settings import DATA_DIR_ENV, Settings, default_data_dir
from local_db.migrate import current_revision, head_revision

ROOT = Path(__file__).resolve().parents[2]


def test_bootstrap_makes_a_migrated_database(tmp_path: Path) -> None:
    ctx = bootstrap(tmp_path / "shop")
    try:
        assert current_revision(tmp_path / "shop" / DB_FILE) == head_revision()
        assert (tmp_path / "shop" / "logs" / "corner-station.log").exists()
        assert ctx.station.info() is None
    finally:
        ctx.close()


def test_a_second_copy_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    ctx = bootstrap(tmp_path)
    try:
        with pytest.raises(AlreadyRunning) as info:
            bootstrap(tmp_path)
        assert "already running" in info.value.message.en
        # ... also from another process, as a shopkeeper double-clicking the icon would
        code = (
            "import sys; sys.path.insert(0, sys.argv[2]);"
            "from app.bootstrap import bootstrap; from app.instance_lock import AlreadyRunning\n"
            "try:\n    bootstrap(__import__('pathlib').Path(sys.argv[1]))\n"
            "except AlreadyRunning:\n    sys.exit(3)\n"
        )
        proc = subprocess.run([sys.executable, "-c", code, str(tmp_path), str(ROOT)], check=False)
        assert proc.returncode == 3
    finally:
        ctx.close()
    bootstrap(tmp_path).close()  # free again once the first copy closed


def test_data_dir_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "elsewhere"))
    assert default_data_dir() == tmp_path / "elsewhere"


def test_corrupt_database_is_a_clear_refusal(tmp_path: Path) -> None:
    bootstrap(tmp_path).close()
    path = tmp_path / DB_FILE
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseProblem) as info:
        bootstrap(tmp_path)
    assert info.value.code == "corrupt"
    # the lock was released, so a fixed file can be opened by the next start
    with pytest.raises(DatabaseProblem):
        bootstrap(tmp_path)


def test_settings_round_trip_and_bad_values(tmp_path: Path) -> None:
    s = Settings(language="en", cash_rounding_fen=10)
    s.save(tmp_path)
    assert Settings.load(tmp_path).language == "en"
    (tmp_path / "settings.json").write_text('{"language": 5, "future_key": 1}', encoding="utf-8")
    loaded = Settings.load(tmp_path)
    assert loaded.language == "zh_CN" and loaded.extras == {"future_key": 1}
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    assert Settings.load(tmp_path) == Settings()


def test_a_truncated_or_garbled_file_fails_the_quick_start_check(tmp_path: Path) -> None:
    from local_db.backup import quick_ok

    bootstrap(tmp_path).close()
    path = tmp_path / DB_FILE
    good = path.read_bytes()
    assert quick_ok(path) == (True, "ok")
    cases = {
        "truncated": good[: len(good) // 2],
        "lost a page": good[:-4096],
        "not sqlite": b"x" * len(good),
        "schema garbled": good[:100] + b"\xff" * 3996 + good[4096:],
    }
    for name, data in cases.items():
        path.write_bytes(data)
        assert not quick_ok(path)[0], name
