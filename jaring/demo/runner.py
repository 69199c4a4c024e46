"""`jaring demo`: build the demo database once, then serve it with the background worker.

The database is built into ``<name>.building`` by a child process and renamed into place only when it is
complete, so an interrupted first run leaves no half-written demo. A lock file keeps a second `jaring demo`
from starting while one runs.
"""

import contextlib
import fcntl
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .stages import LATER_STAGES
from .users import DEMO_PASSWORD, DEMO_USERS


class DemoError(RuntimeError):
    """Something the person running the demo must fix; the message says what, in Bahasa Indonesia."""


@dataclass(frozen=True)
class DemoOptions:
    var_dir: Path
    population: int
    seed: int
    host: str = "127.0.0.1"
    port: int = 8000
    reset: bool = False
    serve: bool = True

    @property
    def database(self) -> Path:
        return self.var_dir / "jaring.sqlite3"


def _say(text: str) -> None:
    print(text, flush=True)


@contextlib.contextmanager
def demo_lock(var_dir: Path):
    var_dir.mkdir(parents=True, exist_ok=True)
    path = var_dir / "demo.lock"
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        pid = handle.read().strip() or "?"
        handle.close()
        raise DemoError(
            f"Demo Jaring sudah berjalan (PID {pid}). Buka http://127.0.0.1:8000 atau hentikan proses itu dulu "
            "(Ctrl+C di terminalnya)."
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    try:
        yield
    finally:
        handle.close()


def _child_env(database: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = f"sqlite:///{database}"
    env["JARING_MODE"] = "development"
    env["DJANGO_SETTINGS_MODULE"] = "jaring.config.settings"
    env.pop("SECRET_KEY", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _jaring(*args: str) -> list[str]:
    return [sys.executable, "-m", "jaring.cli", *args]


def _table_count(database: Path) -> int | None:
    """Number of tables, or None when the file is not an SQLite database."""
    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
            return conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
    except sqlite3.DatabaseError:
        return None


def _is_finished_demo(database: Path) -> bool:
    if not database.exists():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
            return conn.execute("SELECT COUNT(*) FROM demo_demoseed").fetchone()[0] > 0
    except sqlite3.DatabaseError:
        return False


def ensure_database(opts: DemoOptions) -> bool:
    """Build the demo database unless a finished one exists. Returns True when it was built now."""
    db = opts.database
    if opts.reset:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    if db.exists() and _table_count(db) == 0:
        # An empty file (a command opened the default database before any demo existed): nothing to lose.
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    if db.exists():
        if not _is_finished_demo(db):
            raise DemoError(
                f"{db} sudah ada tetapi bukan basis data demo yang lengkap. Jalankan `jaring demo --reset` "
                "untuk membuatnya ulang (isi berkas itu akan dihapus)."
            )
        _migrate_existing(opts)
        _add_missing_stages(opts)
        return False
    # Uploaded files of an earlier demo database belong to it: without this they pile up across --reset.
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "intake", ignore_errors=True)
    building = db.with_name(db.name + ".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    _say(f"Membuat basis data demo di {db} (sekali saja; jalankan ulang akan memakai data ini)…")
    started = time.perf_counter()
    result = subprocess.run(
        _jaring("demo-setup", "--population", str(opts.population), "--seed", str(opts.seed)),
        env=_child_env(building),
        check=False,
    )
    if result.returncode != 0:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{building}{suffix}").unlink(missing_ok=True)
        raise DemoError("Pembuatan data demo gagal (lihat pesan di atas); tidak ada basis data setengah jadi.")
    building.rename(db)
    _say(f"Basis data demo selesai dalam {time.perf_counter() - started:.0f} detik.")
    return True


def _migrate_existing(opts: DemoOptions) -> None:
    """An older demo database is brought up to date; a newer or foreign one is refused."""
    check = subprocess.run(
        _jaring("dbstate"), env=_child_env(opts.database), capture_output=True, text=True, check=False
    )
    if check.returncode == 0:
        return
    if check.returncode == 3:  # older version: migrations to apply
        _say(check.stdout.strip() or "Memperbarui basis data demo…")
        subprocess.run(_jaring("migrate", "--no-input", "-v", "0"), env=_child_env(opts.database), check=True)
        return
    raise DemoError((check.stdout + check.stderr).strip())


def _count(database: Path, table: str) -> int:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
            return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except sqlite3.DatabaseError:
        return 0


def _add_missing_stages(opts: DemoOptions) -> None:
    """A demo built before a stage was part of it gains that stage, once, in order."""
    if all(_count(opts.database, table) > 0 for table, _command, _label in LATER_STAGES):
        return
    result = subprocess.run(_jaring("demo-stages"), env=_child_env(opts.database), check=False)
    if result.returncode != 0:
        raise DemoError("Pengisian tahap demo gagal (lihat pesan di atas); tahap yang sudah ada tetap utuh.")


def _port_free(host: str, port: int) -> bool:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def _wait_for_port(host: str, port: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
            if sock.connect_ex((host, port)) == 0:
                return True
        time.sleep(0.1)
    return False


def print_users() -> None:
    _say(f"\nPengguna demo (kata sandi sama untuk semua: {DEMO_PASSWORD}):")
    for u in DEMO_USERS:
        _say(f"  {u.username:<20} {u.role.value:<14} {u.region or 'seluruh Indonesia'}")


def serve(opts: DemoOptions) -> int:
    if not _port_free(opts.host, opts.port):
        raise DemoError(f"Port {opts.port} di {opts.host} sudah dipakai program lain. Pakai --port lain.")
    env = _child_env(opts.database)
    worker = subprocess.Popen(_jaring("db_worker", "--interval", "1", "--no-reload"), env=env)
    server = subprocess.Popen(_jaring("runserver", f"{opts.host}:{opts.port}", "--noreload", "--skip-checks"), env=env)
    children = [server, worker]

    def stop(*_args):
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        if _wait_for_port(opts.host, opts.port, timeout=30):
            _say(
                f"\nJaring siap di http://{opts.host}:{opts.port}/ (pekerja latar belakang berjalan). "
                "Tekan Ctrl+C untuk berhenti."
            )
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        for name, child in (("Server web", server), ("Pekerja latar belakang", worker)):
            if child.returncode is not None:
                _say(f"{name} berhenti (kode {child.returncode}); demo dihentikan. Lihat pesan di atas.")
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for child in children:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=10)
    return 0


def run_demo(opts: DemoOptions) -> int:
    with demo_lock(opts.var_dir):
        ensure_database(opts)
        print_users()
        if not opts.serve:
            return 0
        return serve(opts)
