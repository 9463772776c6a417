"""Benchmark: training time, NLU parse latency, REST round trips of a whole claim report, memory.

Prints figures; asserts nothing. Run with `make bench` (machines are noisy:
compare runs on the same machine). Options: --skip-training, --conversations N.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.settings import PROJECT_ROOT  # noqa: E402
from benchmarks.procstats import percentile, rss_mb  # noqa: E402
from bot.stack import MODEL, Stack  # noqa: E402

PARSE_SAMPLES = [
    "我要报案", "昨天在朝阳医院住院花了八千", "我的理赔到哪一步了", "理赔要准备哪些材料", "为什么只赔了三千多",
    "转人工", "13800138000", "0026", "上周五", "急性阑尾炎，做了手术", "你是机器人吗", "不办了",
    "私立医院看病能报销吗", "我年纪大了不会打字", "你们线下网点在哪里", "謝謝你", "ＯＫ，确认提交",
]
CLAIM_SCRIPT = ["生病", "上周五", "北京朝阳医院", "三甲", "急性阑尾炎，做了手术", "一万二", "/affirm"]


def measure_training() -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "rasa"), "train", "--force", "--out", out, "--quiet"],
                       cwd=PROJECT_ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start


async def measure_parse(rounds: int) -> list[float]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    logging.getLogger().setLevel(logging.WARNING)
    configure_structlog(logging.WARNING)  # Rasa logs message texts at debug level: never print them

    agent = Agent.load(str(MODEL))
    await agent.parse_message("预热")
    timings = []
    for _ in range(rounds):
        for text in PARSE_SAMPLES:
            start = time.perf_counter()
            await agent.parse_message(text)
            timings.append((time.perf_counter() - start) * 1000)
    return timings


def one_conversation(stack: Stack) -> list[float]:
    sender = f"bench-{uuid.uuid4().hex[:10]}"
    timings = []

    def send(text):
        start = time.perf_counter()
        reply = stack.send(sender, text)
        timings.append((time.perf_counter() - start) * 1000)
        return reply

    send("我要报案")
    send("13800138000")
    reply = send("0026")
    policy = next(b["payload"] for m in reply for b in m.get("buttons") or [] if "医疗险" in b["title"])
    send(policy)
    for text in CLAIM_SCRIPT:
        reply = send(text)
    if not any("案件号" in (m.get("text") or "") for m in reply):
        raise RuntimeError(f"the claim report did not finish: {reply}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-training", action="store_true")
    parser.add_argument("--conversations", type=int, default=10)
    parser.add_argument("--parse-rounds", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

    print(f"machine: {os.cpu_count()} cores; model {MODEL.stat().st_size / 1e6:.1f} MB")
    if not args.skip_training:
        print(f"training (rasa train --force): {measure_training():.0f} s")

    parse = asyncio.run(measure_parse(args.parse_rounds))
    print(f"NLU parse, in process, {len(parse)} messages: p50 {percentile(parse, 50):.1f} ms, p95 {percentile(parse, 95):.1f} ms")

    with tempfile.TemporaryDirectory() as workdir:
        stack = Stack(Path(workdir), rasa_port=5205, actions_port=5255)
        stack.prepare_database()
        started = time.perf_counter()
        stack.start()
        print(f"servers ready in {time.perf_counter() - started:.0f} s; Rasa server memory after start: {rss_mb(stack.rasa_pid):.0f} MB")
        try:
            one_conversation(stack)  # warm-up
            timings = []
            started = time.perf_counter()
            for _ in range(args.conversations):
                timings += one_conversation(stack)
            elapsed = time.perf_counter() - started
            print(
                f"REST round trip, one user, {args.conversations} full claim reports ({len(timings)} messages): "
                f"p50 {percentile(timings, 50):.0f} ms, p95 {percentile(timings, 95):.0f} ms, "
                f"mean {statistics.mean(timings):.0f} ms, {len(timings) / elapsed:.1f} messages/s"
            )
            print(f"Rasa server resident memory after the run: {rss_mb(stack.rasa_pid):.0f} MB")
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
