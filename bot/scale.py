"""Scale-out mode: several Rasa + action-server pairs on PostgreSQL and Redis, behind one gateway.

Everything a run needs is generated from the settings here, so nothing is hand-maintained twice:
- `endpoints_yaml()`: Rasa's endpoints file of one instance (its action server, the SQL tracker
  store, the Redis lock store when REDIS_URL is set);
- `procfile()`: the honcho Procfile for N instances (rasa-1, actions-1, rasa-2, ... and the gateway);
- `instance_order()`: which Rasa instance a conversation goes to (and where it fails over to);
- `ensure_databases()`: create the PostgreSQL databases of the settings if they are missing.

`endpoints.yml` in the project root stays the embedded default (SQLite tracker, in-memory locks)
that a plain `rasa shell` or `rasa run` uses.
"""
from __future__ import annotations

import hashlib
import os
import shlex
from pathlib import Path
from typing import Iterable, List, Optional, Sequence
from urllib.parse import unquote, urlsplit

from sqlalchemy.engine import make_url


def instance_order(sender_id: str, instances: int) -> List[int]:
    """Instance indexes (0-based) for a conversation, preferred first: rendezvous hashing.

    Stable across processes and restarts (sha256, not Python's salted hash()), so one
    conversation always reaches the same Rasa process while it is up; the rest of the
    list is where it fails over to. Changing the number of instances only moves the
    conversations whose preferred instance was added or removed.
    """
    if instances < 1:
        raise ValueError("at least one Rasa instance is needed")

    def weight(index: int) -> bytes:
        return hashlib.sha256(f"{index}\x00{sender_id}".encode("utf-8")).digest()

    return sorted(range(instances), key=weight, reverse=True)


def instance_of(sender_id: str, instances: int) -> int:
    """The preferred instance of a conversation."""
    return instance_order(sender_id, instances)[0]


def with_port_offset(url: str, offset: int) -> str:
    """http://127.0.0.1:5005/x -> http://127.0.0.1:5006/x for offset 1 (instance i listens on base port + i)."""
    parts = urlsplit(url)
    if offset == 0:
        return url
    if parts.port is None:
        raise ValueError(f"{url!r} has no port to offset")
    host = parts.hostname if ":" not in (parts.hostname or "") else f"[{parts.hostname}]"
    return parts._replace(netloc=f"{host}:{parts.port + offset}").geturl()


def port_of(url: str) -> int:
    port = urlsplit(url).port
    if port is None:
        raise ValueError(f"{url!r} has no port")
    return port


def _yaml_str(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    import json

    return json.dumps(value, ensure_ascii=False)


# Rasa's SQL tracker store, reading each conversation from the database once (bot/tracker_store.py).
TRACKER_STORE_TYPE = "bot.tracker_store.CachedSQLTrackerStore"
LOCK_STORE_TYPE = "bot.lock_store.AtomicRedisLockStore"


def tracker_store_yaml(tracker_db_url: str) -> str:
    """The SQL tracker store on the database of TRACKER_DB_URL (SQLite file or PostgreSQL)."""
    url = make_url(tracker_db_url)
    if url.get_backend_name() == "sqlite":
        return f"tracker_store:\n  type: {TRACKER_STORE_TYPE}\n  dialect: sqlite\n  db: {_yaml_str(url.database or 'var/tracker.db')}\n"
    if url.get_backend_name() != "postgresql":
        raise ValueError(f"TRACKER_DB_URL must be SQLite or PostgreSQL, not {url.get_backend_name()!r}")
    # Rasa uses a `url` containing "://" as the whole SQLAlchemy URL (password included).
    return (
        f"tracker_store:\n  type: {TRACKER_STORE_TYPE}\n  dialect: postgresql\n"
        f"  url: {_yaml_str(url.render_as_string(hide_password=False))}\n"
        f"  db: {_yaml_str(url.database or '')}\n"
    )


def lock_store_yaml(redis_url: str) -> str:
    """The Redis lock store (tickets per conversation, shared by all Rasa instances; bot/lock_store.py,
    Rasa's `redis` store in atomic steps); '' = in memory."""
    if not redis_url:
        return ""
    parts = urlsplit(redis_url)
    if parts.scheme not in ("redis", "rediss"):
        raise ValueError(f"REDIS_URL must start with redis:// or rediss://, not {redis_url!r}")
    db = (parts.path or "/").strip("/") or "1"
    lines = ["lock_store:", f"  type: {LOCK_STORE_TYPE}", f"  url: {_yaml_str(parts.hostname or '127.0.0.1')}",
             f"  port: {parts.port or 6379}", f"  db: {int(db)}", "  key_prefix: claims"]
    if parts.username:
        lines.append(f"  username: {_yaml_str(unquote(parts.username))}")
    if parts.password:
        lines.append(f"  password: {_yaml_str(unquote(parts.password))}")
    if parts.scheme == "rediss":
        lines.append("  use_ssl: true")
    return "\n".join(lines) + "\n"


# Domain responses in the user's language, as in endpoints.yml (bot/i18n/nlg.py).
NLG_YAML = "nlg:\n  type: bot.i18n.nlg.LocalisedNLG\n"


def endpoints_yaml(action_server_url: str, tracker_db_url: str, redis_url: str = "") -> str:
    """The endpoints file of one Rasa instance."""
    return (
        "# Generated by bot.scale from the settings for this run; do not edit (edit .env instead).\n"
        f"action_endpoint:\n  url: {_yaml_str(action_server_url)}\n  enable_selective_domain: true\n"
        + NLG_YAML + tracker_store_yaml(tracker_db_url) + lock_store_yaml(redis_url)
    )


def write_endpoints(directory: Path, action_server_urls: Sequence[str], tracker_db_url: str,
                    redis_url: str = "") -> List[Path]:
    """One endpoints file per Rasa instance: <directory>/endpoints.generated.<n>.yml (n from 1)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, action_url in enumerate(action_server_urls, start=1):
        path = directory / f"endpoints.generated.{number}.yml"
        path.write_text(endpoints_yaml(action_url, tracker_db_url, redis_url), encoding="utf-8")
        paths.append(path)
    return paths


# Rasa reads these at start; when set, it imports TensorFlow to apply them (the action server too).
TF_THREAD_VARS = ("TF_INTER_OP_PARALLELISM_THREADS", "TF_INTRA_OP_PARALLELISM_THREADS")
# The action server needs no TensorFlow: without the variables it stays at ~150 MB instead of ~600 MB.
ACTIONS_ENV = "env " + " ".join(f"-u {name}" for name in TF_THREAD_VARS) + " SANIC_HOST=127.0.0.1"


def tf_threads(rasa_instances: int, cores: Optional[int] = None) -> int:
    """TensorFlow threads for each Rasa process: the machine's cores shared among the instances.

    Two Rasa processes with two threads each on two cores fight over them; one each answered
    about 10% more messages a second in the load benchmark (README "Performance").
    """
    return max(1, (cores or os.cpu_count() or 1) // max(1, rasa_instances))


def tf_thread_env(rasa_instances: int) -> dict:
    threads = str(tf_threads(rasa_instances))
    return {name: threads for name in TF_THREAD_VARS}


def rasa_command(rasa: str, port: int, model: str, endpoints: Path, token_ref: str = '"$RASA_TOKEN"',
                 log_file: Optional[Path] = None) -> str:
    command = (f"{rasa} run --enable-api --auth-token={token_ref} --interface 127.0.0.1 --port {port} "
               f"--model {shlex.quote(model)} --endpoints {shlex.quote(str(endpoints))} --credentials credentials.yml")
    if log_file is not None:
        command += f" --log-file {shlex.quote(str(log_file))}"
    return command


def procfile(rasa_urls: Sequence[str], action_server_urls: Sequence[str], endpoints: Sequence[Path],
             log_dir: Path, model: str = "models", gateway: bool = True) -> str:
    """The honcho Procfile of a scaled run: rasa-n and actions-n for each instance, then the gateway.
    Each Rasa gets its share of the cores as TensorFlow threads; the action servers get none."""
    lines = []
    threads = " ".join(f"{name}={value}" for name, value in tf_thread_env(len(rasa_urls)).items())
    for number, (rasa_url, action_url, endpoints_file) in enumerate(zip(rasa_urls, action_server_urls, endpoints), 1):
        lines.append(f"rasa-{number}: env {threads} " + rasa_command("rasa", port_of(rasa_url), model, endpoints_file,
                                                                    log_file=log_dir / f"rasa-{number}.log"))
        lines.append(f"actions-{number}: {ACTIONS_ENV} rasa run actions --port {port_of(action_url)} "
                     "--actions actions")
    if gateway:
        lines.append("gateway: python -m bot gateway")
    return "\n".join(lines) + "\n"


def ensure_databases(urls: Iterable[str]) -> List[str]:
    """Create each PostgreSQL database of `urls` that is missing (connecting to `postgres` on the same
    server); SQLite URLs are left alone. Returns the names created."""
    from sqlalchemy import create_engine, text

    created = []
    for raw in urls:
        url = make_url(raw)
        if url.get_backend_name() != "postgresql" or not url.database:
            continue
        admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT", future=True,
                              connect_args={"connect_timeout": 5})
        try:
            with admin.connect() as connection:
                exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                            {"name": url.database}).scalar()
                if not exists:
                    connection.execute(text(f'CREATE DATABASE "{url.database}"'))
                    created.append(url.database)
        finally:
            admin.dispose()
    return created


def check_redis(redis_url: str, timeout_s: float = 3.0) -> None:
    """Raise ConnectionError unless Redis answers PING at REDIS_URL."""
    import redis

    client = redis.Redis.from_url(redis_url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s)
    try:
        client.ping()
    except redis.RedisError as error:
        raise ConnectionError(f"Redis did not answer at {redis_url}: {error}") from error
    finally:
        client.close()
