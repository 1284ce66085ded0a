#!/usr/bin/env python3
"""Two cabinets of one user on their shared embedded platform (issue #22), measured from outside.

Usage (from the repository root, after `swift build --product smartmlops`):
    python3 Benchmarks/shared-platform.py [--binary PATH] [--rounds N]

Each round runs in fresh HOME / XDG directories, with both cabinets under pseudo-terminals of
120x40 (TERM=xterm-256color, LANG=C.UTF-8, --demo --lang en):
  first online    spawn of the first cabinet -> "online" drawn: it starts the platform
  second online   spawn of the second cabinet -> "online" drawn: it connects to the running one
  change seen     POST /v1/applications by curl with the platform's token -> the new name drawn
                  by the second cabinet (its stream of changes, then its fetch)
  RSS             VmRSS / VmHWM of a cabinet and of the platform process, 3 s after both are online
  stop            the last cabinet killed (SIGKILL) -> the platform process gone
Medians over the rounds are printed, with every round's figures.
"""
import argparse, fcntl, glob, json, os, pty, select, signal, statistics, struct, subprocess, tempfile, termios, time

ROWS, COLS = 40, 120


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execvpe(argv[0], argv, env)
    return pid, fd


def wait_for(fd, marker, timeout=60):
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                data += os.read(fd, 65536)
            except OSError:
                break
            if marker in data:
                return time.monotonic()
    raise SystemExit(f"waited {timeout} s for {marker!r}")


def drain(fd):
    while select.select([fd], [], [], 0)[0]:
        try:
            os.read(fd, 65536)
        except OSError:
            return


def memory(pid):
    fields = {}
    for line in open(f"/proc/{pid}/status"):
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def one_round(binary):
    root = tempfile.mkdtemp(prefix="smartmlops-shared-")
    os.makedirs(f"{root}/run", mode=0o700)
    env = {"PATH": os.environ["PATH"], "TERM": "xterm-256color", "LANG": "C.UTF-8", "USER": "bench", "HOME": root,
           "XDG_DATA_HOME": f"{root}/data", "XDG_CACHE_HOME": f"{root}/cache", "XDG_CONFIG_HOME": f"{root}/config",
           "XDG_STATE_HOME": f"{root}/state", "XDG_RUNTIME_DIR": f"{root}/run"}
    argv = [binary, "--demo", "--lang", "en"]
    started = time.monotonic()
    first, first_fd = spawn(argv, env)
    first_online = wait_for(first_fd, b"online") - started
    started = time.monotonic()
    second, second_fd = spawn(argv, env)
    second_online = wait_for(second_fd, b"online") - started
    record = json.load(open(glob.glob(f"{root}/run/smartmlops/platform-*.json")[0]))
    token = open(f"{root}/data/smartmlops/local/local-token").read().strip()
    time.sleep(3)
    drain(second_fd)
    cabinet_rss, cabinet_hwm = memory(second)
    platform_rss, platform_hwm = memory(record["pid"])
    started = time.monotonic()
    subprocess.run(["curl", "-s", "-o", "/dev/null", "-X", "POST", "-H", f"Authorization: Bearer {token}",
                    "-H", "Content-Type: application/json", "-d", '{"name":"Bench change","team":"cii","template":"empty"}',
                    record["url"] + "/v1/applications"], check=True)
    change_seen = wait_for(second_fd, b"Bench change", timeout=10) - started
    os.kill(first, signal.SIGKILL)
    os.kill(second, signal.SIGKILL)
    os.waitpid(first, 0)
    os.waitpid(second, 0)
    killed = time.monotonic()
    while os.path.exists(f"/proc/{record['pid']}"):
        time.sleep(0.02)
    stop = time.monotonic() - killed
    subprocess.run(["rm", "-rf", root])
    return {"first online": first_online * 1000, "second online": second_online * 1000, "change seen": change_seen * 1000,
            "cabinet RSS": cabinet_rss, "cabinet HWM": cabinet_hwm, "platform RSS": platform_rss, "platform HWM": platform_hwm,
            "stop after the last": stop * 1000}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/debug/smartmlops")
    parser.add_argument("--rounds", type=int, default=5)
    arguments = parser.parse_args()
    rounds = [one_round(os.path.abspath(arguments.binary)) for _ in range(arguments.rounds)]
    for key in rounds[0]:
        unit = "MiB" if "RSS" in key or "HWM" in key else "ms"
        values = [r[key] for r in rounds]
        print(f"{key}: median {statistics.median(values):.1f} {unit} ({', '.join(f'{v:.1f}' for v in values)})")


if __name__ == "__main__":
    main()
