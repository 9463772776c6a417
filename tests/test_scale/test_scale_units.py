"""Scale-out pieces without Rasa: the sender → instance mapping, generated endpoints and Procfile,
the scaled settings, and the gateway's Rasa client failing over (fake Rasa servers on 5230-5239)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import aiohttp
import pytest
import yaml
from aiohttp import web

from bot.gateway.rasa_client import RasaClient, RasaUnavailable
from bot.scale import (
    LOCK_STORE_TYPE, TRACKER_STORE_TYPE, endpoints_yaml, instance_of, instance_order, lock_store_yaml, procfile,
    tf_threads, with_port_offset, write_endpoints,
)
from bot.settings import load_settings


def test_mapping_is_stable_balanced_and_lists_every_instance():
    senders = [f"user-{i}" for i in range(2000)]
    assert [instance_of(s, 2) for s in senders] == [instance_of(s, 2) for s in senders]
    # Fixed values: the mapping must not change between processes or releases (PYTHONHASHSEED-proof).
    assert instance_order("alice", 3) == instance_order("alice", 3) and sorted(instance_order("alice", 3)) == [0, 1, 2]
    counts = Counter(instance_of(s, 2) for s in senders)
    assert 900 < counts[0] < 1100 and 900 < counts[1] < 1100
    assert all(instance_of(s, 1) == 0 for s in senders[:50])
    with pytest.raises(ValueError):
        instance_order("x", 0)


def test_mapping_is_the_same_in_another_process():
    import subprocess
    import sys

    code = "from bot.scale import instance_order; print([instance_order(f'u{i}', 3) for i in range(20)])"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "123", "PATH": ""}, cwd=Path(__file__).resolve().parents[2])
    assert other.stdout.strip() == str([instance_order(f"u{i}", 3) for i in range(20)])


def test_adding_an_instance_moves_only_the_conversations_it_takes():
    senders = [f"user-{i}" for i in range(1000)]
    moved = [s for s in senders if instance_of(s, 3) != instance_of(s, 2)]
    assert moved and all(instance_of(s, 3) == 2 for s in moved)  # only to the new instance
    # The fail-over target of a conversation is its preferred instance when that one is gone.
    assert all(instance_order(s, 3)[1:] == [i for i in instance_order(s, 3) if i != instance_order(s, 3)[0]]
               for s in senders[:20])


def test_port_offset():
    assert with_port_offset("http://127.0.0.1:5005", 1) == "http://127.0.0.1:5006"
    assert with_port_offset("http://127.0.0.1:5055/webhook", 2) == "http://127.0.0.1:5057/webhook"
    assert with_port_offset("http://rasa:5005", 0) == "http://rasa:5005"


def test_endpoints_on_postgresql_and_redis():
    text = endpoints_yaml("http://127.0.0.1:5056/webhook", "postgresql://claims:p%40ss@db.local:5433/claims_tracker",
                          "redis://:s3cret@cache.local:6380/2")
    config = yaml.safe_load(text)
    assert config["action_endpoint"] == {"url": "http://127.0.0.1:5056/webhook", "enable_selective_domain": True}
    assert config["tracker_store"] == {"type": TRACKER_STORE_TYPE, "dialect": "postgresql",
                                       "url": "postgresql://claims:p%40ss@db.local:5433/claims_tracker",
                                       "db": "claims_tracker"}
    assert config["lock_store"] == {"type": LOCK_STORE_TYPE, "url": "cache.local", "port": 6380, "db": 2,
                                    "key_prefix": "claims", "password": "s3cret"}


def test_embedded_endpoints_keep_sqlite_and_in_memory_locks(tmp_path):
    config = yaml.safe_load(endpoints_yaml("http://127.0.0.1:5055/webhook", f"sqlite:///{tmp_path / 'tracker.db'}"))
    assert config["tracker_store"] == {"type": TRACKER_STORE_TYPE, "dialect": "sqlite", "db": str(tmp_path / "tracker.db")}
    assert "lock_store" not in config
    assert lock_store_yaml("") == ""
    with pytest.raises(ValueError):
        lock_store_yaml("http://127.0.0.1:6379")
    with pytest.raises(ValueError):
        endpoints_yaml("http://x/webhook", "mysql://db/x")


def test_rasa_reads_the_generated_endpoints(tmp_path):
    """Rasa's own loader, as `rasa run --endpoints` uses it (no connection is made)."""
    from rasa.core.utils import AvailableEndpoints

    paths = write_endpoints(tmp_path, ["http://127.0.0.1:5055/webhook", "http://127.0.0.1:5056/webhook"],
                            "postgresql://postgres@127.0.0.1:5432/claims_tracker", "redis://127.0.0.1:6379/1")
    assert [p.name for p in paths] == ["endpoints.generated.1.yml", "endpoints.generated.2.yml"]
    endpoints = AvailableEndpoints.read_endpoints(str(paths[1]))
    assert endpoints.action.url == "http://127.0.0.1:5056/webhook"
    assert endpoints.tracker_store.type == TRACKER_STORE_TYPE
    assert endpoints.tracker_store.url == "postgresql://postgres@127.0.0.1:5432/claims_tracker"
    assert endpoints.lock_store.type == LOCK_STORE_TYPE and endpoints.lock_store.url == "127.0.0.1"
    assert endpoints.lock_store.kwargs["db"] == 1


def test_procfile_for_n_instances(tmp_path):
    text = procfile(["http://127.0.0.1:5005", "http://127.0.0.1:5006", "http://127.0.0.1:5007"],
                    ["http://127.0.0.1:5055/webhook", "http://127.0.0.1:5056/webhook", "http://127.0.0.1:5057/webhook"],
                    [tmp_path / f"endpoints.generated.{n}.yml" for n in (1, 2, 3)], tmp_path / "log")
    lines = dict(line.split(": ", 1) for line in text.splitlines())
    assert list(lines) == ["rasa-1", "actions-1", "rasa-2", "actions-2", "rasa-3", "actions-3", "gateway"]
    assert "--port 5006 " in lines["rasa-2"] and f"--endpoints {tmp_path}/endpoints.generated.2.yml" in lines["rasa-2"]
    assert "--interface 127.0.0.1" in lines["rasa-3"] and '--auth-token="$RASA_TOKEN"' in lines["rasa-3"]
    assert lines["actions-3"].endswith("rasa run actions --port 5057 --actions actions")
    assert lines["gateway"] == "python -m bot gateway"
    # Each Rasa its share of the cores as TensorFlow threads; the action servers none (no TensorFlow import).
    threads = tf_threads(3)
    assert lines["rasa-1"].startswith(f"env TF_INTER_OP_PARALLELISM_THREADS={threads} "
                                      f"TF_INTRA_OP_PARALLELISM_THREADS={threads} rasa run ")
    assert lines["actions-1"].startswith("env -u TF_INTER_OP_PARALLELISM_THREADS -u TF_INTRA_OP_PARALLELISM_THREADS ")


def test_tensorflow_threads_share_the_cores_among_rasa_processes():
    assert [tf_threads(n, cores=2) for n in (1, 2, 3)] == [2, 1, 1]
    assert [tf_threads(n, cores=8) for n in (1, 2, 3)] == [8, 4, 2]


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("CLAIMS_MODE", "DATABASE_URL", "TRACKER_DB_URL", "REDIS_URL", "RASA_INSTANCES", "RASA_URLS",
                 "RASA_URL", "ACTION_SERVER_URL", "ACTION_SERVER_URLS"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_settings_embedded_by_default(clean_env):
    settings = load_settings()
    assert not settings.scaled and settings.redis_url == ""
    assert settings.rasa_urls == ("http://127.0.0.1:5005",)
    assert settings.action_server_urls == ("http://127.0.0.1:5055/webhook",)
    assert settings.database_url.startswith("sqlite:///")


def test_settings_scaled(clean_env):
    clean_env.setenv("CLAIMS_MODE", "scaled")
    settings = load_settings()
    assert settings.rasa_urls == ("http://127.0.0.1:5005", "http://127.0.0.1:5006")
    assert settings.action_server_urls == ("http://127.0.0.1:5055/webhook", "http://127.0.0.1:5056/webhook")
    assert settings.database_url == "postgresql://postgres@127.0.0.1:5432/claims"
    assert settings.tracker_db_url == "postgresql://postgres@127.0.0.1:5432/claims_tracker"
    assert settings.redis_url == "redis://127.0.0.1:6379/1"
    clean_env.setenv("RASA_URLS", "http://rasa-0.rasa:5005, http://rasa-1.rasa:5005/")
    clean_env.setenv("ACTION_SERVER_URLS", "http://actions:5055/webhook")
    settings = load_settings()
    assert settings.rasa_urls == ("http://rasa-0.rasa:5005", "http://rasa-1.rasa:5005")
    assert settings.action_server_urls == ("http://actions:5055/webhook",) * 2
    clean_env.setenv("CLAIMS_MODE", "huge")
    with pytest.raises(ValueError):
        load_settings()


# --- the client: fake Rasa servers ---

async def fake_rasa(port: int, name: str, status: int = 200):
    async def webhook(request):
        body = await request.json()
        return web.json_response([{"text": f"{name}:{body['sender']}:{body['message']}"}], status=status)

    async def execute(request):
        return web.json_response({"messages": [{"text": f"{name}:execute"}]})

    async def hello(request):
        return web.Response(text="hello")

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    app.router.add_post("/conversations/{sender}/execute", execute)
    app.router.add_get("/", hello)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


def sender_on(instance: int, instances: int = 2) -> str:
    return next(f"s{i}" for i in range(1000) if instance_of(f"s{i}", instances) == instance)


async def test_client_routes_each_conversation_to_its_instance_and_fails_over():
    first, second = await fake_rasa(5230, "one"), await fake_rasa(5231, "two")
    try:
        async with aiohttp.ClientSession() as http:
            client = RasaClient(http, "http://127.0.0.1:5230,http://127.0.0.1:5231/", "token")
            a, b = sender_on(0), sender_on(1)
            assert (client.instance_for(a), client.instance_for(b)) == (0, 1)
            assert (await client.send_to(a, "hi"))[0][0]["text"] == f"one:{a}:hi"
            assert (await client.send_to(b, "hi"))[0][0]["text"] == f"two:{b}:hi"
            assert (await client.execute(b, "action_back_to_bot"))[0]["text"] == "two:execute"
            assert await client.instances() == {"http://127.0.0.1:5230": True, "http://127.0.0.1:5231": True}
            await first.cleanup()  # instance one goes down: its conversations go to two
            assert (await client.send_to(a, "again"))[0][0]["text"] == f"two:{a}:again"
            assert (await client.send_to(a, "who?"))[1] == 1  # the instance that answered
            assert (await client.execute(a, "action_listen"))[0]["text"] == "two:execute"
            assert await client.answers()
            assert client.calls == Counter({"http://127.0.0.1:5231": 5, "http://127.0.0.1:5230": 1})
            await second.cleanup()
            with pytest.raises(RasaUnavailable, match="no Rasa instance answered"):
                await client.send_to(a, "anyone?")
            assert not await client.answers()
    finally:
        await first.cleanup()
        await second.cleanup()


async def test_an_error_answer_is_not_retried_on_another_instance():
    """Rasa may have processed a message it answered 500 to: repeating it elsewhere could act twice."""
    broken, healthy = await fake_rasa(5232, "broken", status=500), await fake_rasa(5233, "healthy")
    try:
        async with aiohttp.ClientSession() as http:
            client = RasaClient(http, ["http://127.0.0.1:5232", "http://127.0.0.1:5233"])
            with pytest.raises(RasaUnavailable, match="answered 500"):
                await client.send_to(sender_on(0), "hi")
            assert client.calls["http://127.0.0.1:5233"] == 0
    finally:
        await broken.cleanup()
        await healthy.cleanup()


async def test_one_url_works_as_before():
    only = await fake_rasa(5234, "only")
    try:
        async with aiohttp.ClientSession() as http:
            client = RasaClient(http, "http://127.0.0.1:5234/")
            assert client.url == "http://127.0.0.1:5234" and client.urls == ["http://127.0.0.1:5234"]
            assert (await client.send_to("anyone", "hi"))[0][0]["text"] == "only:anyone:hi"
    finally:
        await only.cleanup()
