#!/usr/bin/env python3
"""Soak of a shared platform (issue #12), on loopback, against `smartmlops serve`:

1. 2,000 idle event streams (`/v1/events/stream`) of 200 users (10 each, under the per-user cap),
   held for `--idle` seconds: the server's CPU and RSS with nothing happening.
2. The same streams plus 200 requests a second of mixed API calls for `--seconds` (60): lists,
   single applications, events, edits (each edit is an event every stream may be sent), and a
   probe of `/healthz` every 50 ms whose latency gives p50/p99.
3. A 2 GiB upload into a data box and its download, streamed from and to nowhere (generated and
   counted, never held): the server's peak RSS (VmHWM) before and after.

Usage: Benchmarks/soak.py BINARY [--seconds 60] [--idle 20] [--streams 2000]
Needs aiohttp (PyPI). The server's figures come from /proc/<pid>/stat and /status.
"""
import argparse
import asyncio
import hashlib
import json
import os
import random
import secrets
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

try:
    import aiohttp
except ImportError:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "aiohttp"], check=True)
    import aiohttp

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def memory(pid):
    status = dict(line.split(":", 1) for line in open(f"/proc/{pid}/status") if ":" in line)
    return int(status["VmRSS"].split()[0]) * 1024, int(status["VmHWM"].split()[0]) * 1024


def start(binary, data, extra=()):
    out = open(os.path.join(data, "serve.out"), "w+")
    err = open(os.path.join(data, "serve.err"), "w")
    process = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--data", os.path.join(data, "platform"),
                                "--demo", "--driver", "local", *extra], stdout=out, stderr=err)
    for _ in range(200):
        out.seek(0)
        text = out.read()
        if "listening on" in text:
            url = text.split("listening on ")[1].split(";")[0].strip()
            return process, url
        time.sleep(0.05)
    raise SystemExit("the server did not start: " + open(os.path.join(data, "serve.err")).read())


def seed_users(database, count):
    """Users, each a developer of one demo team, with a personal access token each."""
    db = sqlite3.connect(database)
    tokens = []
    now = time.time()
    with db:
        for index in range(count):
            login = f"soak{index:03d}"
            secret = "smo_" + secrets.token_hex(32)
            db.execute("INSERT INTO users(login, name, email, is_admin) VALUES (?, ?, ?, 0)", (login, login, f"{login}@hse.ru"))
            db.execute("INSERT INTO team_members(team, login, role) VALUES (?, ?, 'developer')", ("cii" if index % 2 else "sp4", login))
            db.execute("INSERT INTO access_tokens(login, name, hash, created_at) VALUES (?, 'soak', ?, ?)",
                       (login, hashlib.sha256(secret.encode()).hexdigest(), now))
            tokens.append(secret)
    db.close()
    return tokens


async def hold_stream(session, url, token, counts, ready):
    headers = {"Authorization": f"Bearer {token}"}
    try:
        async with session.get(url + "/v1/events/stream", headers=headers, timeout=aiohttp.ClientTimeout(total=None)) as response:
            if response.status != 200:
                counts["refused"] += 1
                ready.release()
                return
            counts["open"] += 1
            ready.release()
            async for line in response.content:
                if line.startswith(b"id: "):
                    counts["events"] += 1
    except (aiohttp.ClientError, asyncio.CancelledError):
        pass


async def load(session, url, tokens, admin, seconds, rate, results):
    slugs = ["tesseract-ocr", "qwen-vl", "charisma-features", "appeals-classifier", "speech-to-text", "essay-checker"]
    interval = 1.0 / rate
    deadline = time.monotonic() + seconds
    next_at = time.monotonic()
    tasks = set()

    async def one(kind, token):
        headers = {"Authorization": f"Bearer {token}"}
        started = time.perf_counter()
        try:
            if kind == "list":
                async with session.get(url + "/v1/applications?limit=50", headers=headers) as r:
                    await r.read()
            elif kind == "app":
                async with session.get(url + f"/v1/applications/{random.choice(slugs)}", headers=headers) as r:
                    await r.read()
            elif kind == "events":
                async with session.get(url + "/v1/events?limit=20", headers=headers) as r:
                    await r.read()
            else:
                async with session.patch(url + f"/v1/applications/{random.choice(slugs)}", headers=headers,
                                         json={"description": f"soak {time.time()}"}) as r:
                    await r.read()
            results["status"][r.status] = results["status"].get(r.status, 0) + 1
            results["latency"].setdefault(kind, []).append(time.perf_counter() - started)
        except aiohttp.ClientError as error:
            results["errors"].append(str(error))

    while time.monotonic() < deadline:
        now = time.monotonic()
        if now < next_at:
            await asyncio.sleep(next_at - now)
        next_at += interval
        kind = random.choices(["list", "app", "events", "edit"], weights=[45, 25, 20, 10])[0]
        # Edits (events every stream may be sent) by the administrator; reads by the users.
        task = asyncio.create_task(one(kind, admin if kind == "edit" else random.choice(tokens)))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)


async def probe(session, url, seconds, latencies):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        async with session.get(url + "/healthz") as response:
            await response.read()
        latencies.append(time.perf_counter() - started)
        await asyncio.sleep(0.05)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def big_file(session, url, token, pid, size):
    """PUT and GET `size` bytes through a 3G box; the server's peak RSS around each."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    async with session.post(url + "/v1/applications", headers=headers,
                            json={"name": "Big files", "slug": "big-files", "team": "sp4", "template": "empty"}) as r:
        assert r.status == 201, await r.text()
        namespace = (await r.json())["namespace"]
    async with session.post(url + "/v1/applications/big-files/components", headers=headers,
                            json={"kind": "DataBox", "name": "weights", "spec": {"s3DefaultStorage": {"capacity": "3G"}}}) as r:
        assert r.status == 201, await r.text()
    chunk = os.urandom(1 << 20)

    async def body():
        sent = 0
        while sent < size:
            piece = chunk[: min(len(chunk), size - sent)]
            sent += len(piece)
            yield piece

    target = url + f"/{namespace}/files/weights/models/weights.bin"
    before = memory(pid)[1]
    started = time.perf_counter()
    async with session.put(target, data=body(), headers={"Authorization": f"Bearer {token}", "Content-Length": str(size)},
                           timeout=aiohttp.ClientTimeout(total=None)) as r:
        assert r.status == 201, await r.text()
    upload = time.perf_counter() - started
    after_upload = memory(pid)[1]
    started = time.perf_counter()
    received = 0
    async with session.get(target, headers={"Authorization": f"Bearer {token}"}, timeout=aiohttp.ClientTimeout(total=None)) as r:
        assert r.status == 200
        async for piece in r.content.iter_chunked(1 << 20):
            received += len(piece)
    download = time.perf_counter() - started
    assert received == size, received
    return {"hwm_before": before, "hwm_after_upload": after_upload, "hwm_after_download": memory(pid)[1],
            "upload_s": upload, "download_s": download}


def streams_process(url, tokens, count, ready, done, results):
    """Holds `count` streams in a process of its own, so that reading them never slows the load."""
    async def run():
        counts = {"open": 0, "refused": 0, "events": 0}
        semaphore = asyncio.Semaphore(0)
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:
            holders = [asyncio.create_task(hold_stream(session, url, tokens[i % len(tokens)], counts, semaphore)) for i in range(count)]
            for _ in range(count):
                await semaphore.acquire()
            ready.put((counts["open"], counts["refused"]))
            while not done.is_set():
                await asyncio.sleep(0.2)
                results.put(("events", counts["events"]))
            still = sum(1 for task in holders if not task.done())
            for task in holders:
                task.cancel()
            await asyncio.gather(*holders, return_exceptions=True)
            results.put(("final", counts["events"], still))
    asyncio.run(run())


def load_process(url, tokens, admin, seconds, rate, output):
    async def run():
        results = {"status": {}, "latency": {}, "errors": []}
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=64)) as session:
            await load(session, url, tokens, admin, seconds, rate, results)
        output.put(results)
    asyncio.run(run())


async def main():
    import multiprocessing
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--idle", type=int, default=20)
    parser.add_argument("--streams", type=int, default=2000)
    parser.add_argument("--rate", type=int, default=200)
    parser.add_argument("--file-gib", type=float, default=2.0)
    parser.add_argument("--holders", type=int, default=2, help="processes holding the streams")
    args = parser.parse_args()

    data = tempfile.mkdtemp(prefix="smartmlops-soak-")
    process, url = start(args.binary, data)
    process.terminate()
    process.wait()
    users = max(1, args.streams // 10)
    tokens = seed_users(os.path.join(data, "platform", "platform.sqlite"), users)
    process, url = start(args.binary, data, ["--max-connections", str(args.streams + 1000)])
    pid = process.pid
    report = {"streams": args.streams, "users": users, "rate": args.rate, "seconds": args.seconds}
    context = multiprocessing.get_context("fork")
    ready, results, done = context.Queue(), context.Queue(), context.Event()
    holders = []
    try:
        share = args.streams // args.holders
        for index in range(args.holders):
            count = share if index < args.holders - 1 else args.streams - share * (args.holders - 1)
            mine = tokens[index::args.holders] or tokens
            holder = context.Process(target=streams_process, args=(url, mine, count, ready, done, results))
            holder.start()
            holders.append(holder)
        opened = [ready.get(timeout=300) for _ in holders]
        report["open"] = sum(o for o, _ in opened)
        report["refused"] = sum(r for _, r in opened)
        await asyncio.sleep(2)
        cpu0, wall0 = cpu_seconds(pid), time.monotonic()
        await asyncio.sleep(args.idle)
        report["idle_cpu_percent"] = 100 * (cpu_seconds(pid) - cpu0) / (time.monotonic() - wall0)
        report["idle_rss"] = memory(pid)[0]

        admin = open(os.path.join(data, "platform", "local-token")).read().strip()
        output = context.Queue()
        loader = context.Process(target=load_process, args=(url, tokens, admin, args.seconds, args.rate, output))
        latencies = []
        cpu0, wall0 = cpu_seconds(pid), time.monotonic()
        loader.start()
        async with aiohttp.ClientSession() as session:
            await probe(session, url, args.seconds, latencies)
        loaded = output.get(timeout=args.seconds + 120)
        loader.join()
        elapsed = time.monotonic() - wall0
        report["load_cpu_percent"] = 100 * (cpu_seconds(pid) - cpu0) / elapsed
        report["load_rss"], report["hwm"] = memory(pid)
        report["requests"] = sum(loaded["status"].values())
        report["requests_per_second"] = report["requests"] / elapsed
        report["statuses"] = loaded["status"]
        report["errors"] = len(loaded["errors"])
        report["healthz_ms"] = {"p50": 1000 * statistics.median(latencies), "p99": 1000 * percentile(latencies, 99),
                                "max": 1000 * max(latencies), "samples": len(latencies)}
        report["api_ms"] = {kind: {"p50": 1000 * statistics.median(values), "p99": 1000 * percentile(values, 99)}
                            for kind, values in loaded["latency"].items()}
        await asyncio.sleep(2)
        done.set()
        finals = []
        while len(finals) < len(holders):
            item = results.get(timeout=60)
            if item[0] == "final":
                finals.append(item)
        report["events_delivered"] = sum(item[1] for item in finals)
        report["streams_still_open"] = sum(item[2] for item in finals)
        for holder in holders:
            holder.join()
        await asyncio.sleep(1)
        report["rss_after_streams"] = memory(pid)[0]
    finally:
        done.set()
        process.terminate()
        process.wait()
    # The big file on a server of its own, so that its peak is the upload's, not the streams'.
    process, url = start(args.binary, data)
    try:
        async with aiohttp.ClientSession() as session:
            report["file"] = await big_file(session, url, tokens[0], process.pid, int(args.file_gib * (1 << 30)))
    finally:
        process.terminate()
        process.wait()
        subprocess.run(["rm", "-rf", data])
    print(json.dumps(report, indent=2))


asyncio.run(main())
