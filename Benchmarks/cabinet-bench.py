#!/usr/bin/env python3
"""Cabinet benchmarks of issue #5, each beside htop (and btop where it applies) in the same run.

Usage (from the repository root, after `swift build -c release --product smartmlops`):
    python3 Benchmarks/cabinet-bench.py [--idle SECONDS] [--binary PATH]

Every program runs under a pseudo-terminal of 200x50 (TERM=xterm-256color, LANG=C.UTF-8), with
its own fresh HOME / XDG directories, and is measured from outside:
  start        spawn -> the first complete frame (markers below all arrived), median of 5
  idle         CPU seconds (utime+stime from /proc/PID/stat) and bytes written to the terminal
               over --idle seconds with no key pressed
  move         bytes written for one selection move (Down), median of 30 moves; each move's
               output is read until the terminal has been quiet for 150 ms
  peak RSS     VmHWM from /proc/PID/status at the end; for the cabinet, after the idle period one
               application is changed through the API and `r` pressed (so the whole list is
               fetched and cached again), then the Events screen (`:events`) is opened over the
               platform's 100,000 events and drawn, so the peak covers all of that
The cabinet shows 10,000 applications from its cache: a platform holding them (seeded as in
Benchmarks/api-load.sh) and 100,000 events is started, the cabinet fetches once and writes its
cache, and the measured starts then paint from that cache while the platform answers too.
"""
import argparse, fcntl, os, pty, select, shutil, signal, sqlite3, statistics, struct, subprocess, sys, tempfile, termios, time

ROWS, COLS = 50, 200


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    return pid, fd


def read_until(fd, predicate, timeout):
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
        if predicate(data):
            return data, True
    return data, False


def drain_quiet(fd, quiet=0.15, limit=5.0):
    data = b""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    return data


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def stop(pid, fd, quit_keys):
    try:
        os.write(fd, quit_keys)
        drain_quiet(fd, 0.3, 2)
    except OSError:
        pass
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


class Program:
    def __init__(self, name, argv, env, markers, down, quit_keys, before_rss=None):
        self.name, self.argv, self.env, self.markers, self.down, self.quit_keys = name, argv, env, markers, down, quit_keys
        # Called with the pty after the idle period, before the peak RSS is read.
        self.before_rss = before_rss

    def complete(self, data):
        return all(marker in data for marker in self.markers)


def measure(program, idle_seconds, moves):
    starts = []
    for _ in range(5):
        began = time.monotonic()
        pid, fd = spawn(program.argv, program.env)
        _, ok = read_until(fd, program.complete, 20)
        starts.append((time.monotonic() - began) * 1000 if ok else float("nan"))
        stop(pid, fd, program.quit_keys)
    pid, fd = spawn(program.argv, program.env)
    read_until(fd, program.complete, 20)
    drain_quiet(fd, 1.0, 10)
    move_bytes = []
    if moves:
        for _ in range(moves):
            os.write(fd, program.down)
            move_bytes.append(len(drain_quiet(fd)))
    drain_quiet(fd, 1.0, 10)
    cpu_before = cpu_seconds(pid)
    idle_bytes = 0
    deadline = time.monotonic() + idle_seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if ready:
            idle_bytes += len(os.read(fd, 65536))
    cpu = cpu_seconds(pid) - cpu_before
    if program.before_rss:
        program.before_rss(fd)
    rss = peak_rss_kib(pid)
    stop(pid, fd, program.quit_keys)
    return {
        "start_ms": statistics.median(starts), "starts": starts,
        "idle_cpu_s": cpu, "idle_bytes_per_s": idle_bytes / idle_seconds,
        "move_bytes_median": statistics.median(move_bytes) if move_bytes else None,
        "move_bytes_max": max(move_bytes) if move_bytes else None,
        "peak_rss_mib": rss / 1024,
    }


def seed_platform(binary, root):
    data = os.path.join(root, "platform")
    out = open(os.path.join(root, "serve.out"), "w+")
    server = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--data", data, "--demo"], stdout=out, stderr=subprocess.DEVNULL)
    for _ in range(100):
        out.seek(0)
        if "listening on" in out.read():
            break
        time.sleep(0.1)
    server.terminate(); server.wait()
    db = sqlite3.connect(os.path.join(data, "platform.sqlite"))
    now = time.time()
    with db:
        for i in range(10_000):
            cur = db.execute(
                "INSERT INTO applications(slug, name, description, team, template, author, created_at, updated_at, namespace) VALUES (?,?,?,?,?,?,?,?,?)",
                (f"load-{i}", f"Нагрузка {i}", "Приложение для нагрузочного теста", "cii", "ml-component-box", "ikrupnov", now - i - 10, now - i - 10,
                 f"pu-ikrupnov-pa-load-{i}"))
            db.execute("INSERT INTO components(application_id, name, kind, spec, phase, status_time) VALUES (?,?,?,?,?,?)",
                       (cur.lastrowid, "model", "DataBox", '{"kind":"DataBox","spec":{"s3DefaultStorage":{}}}', "deployed", now - i))
            # Ten events per application: 100,000 in all, the newest about now.
            db.executemany("INSERT INTO events(time, application_id, component, type, reason, message, actor) VALUES (?,?,?,?,?,?,?)",
                           [(now - i - j * 60, cur.lastrowid, "model", "warning" if j % 5 == 0 else "normal",
                             "Created" if j == 9 else "Deployed", f"Событие {j} приложения load-{i}", "ikrupnov") for j in range(10)])
    db.close()
    out.truncate(0); out.seek(0)
    server = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--data", data], stdout=out, stderr=subprocess.DEVNULL)
    url = None
    for _ in range(100):
        out.seek(0)
        text = out.read()
        if "listening on" in text:
            url = text.split("listening on ")[1].split(";")[0].strip()
            break
        time.sleep(0.1)
    return server, url, os.path.join(data, "local-token")


def change_then_events(fd, url, token_file):
    """An application changes (so the list is fetched and cached anew on `r`), then :events."""
    token = open(token_file).read().strip()
    subprocess.run(["curl", "-sS", "-o", "/dev/null", "-X", "PATCH", "-H", f"Authorization: Bearer {token}",
                    "-H", "Content-Type: application/json", "-d", '{"description": "changed by the bench"}',
                    f"{url}/v1/applications/load-5000"], check=True)
    os.write(fd, b"r")
    if not read_until(fd, lambda d: "Нагрузка 5000".encode() in d, 30)[1]:
        print("smartmlops: the changed application never came to the top", file=sys.stderr)
    drain_quiet(fd, 2.0, 20)
    os.write(fd, b":events\r")
    if not read_until(fd, lambda d: b"load-99" in d, 30)[1]:
        print("smartmlops: the events never appeared", file=sys.stderr)
    drain_quiet(fd, 1.0, 10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--idle", type=float, default=60)
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--binary", default=".build/release/smartmlops")
    args = parser.parse_args()
    root = tempfile.mkdtemp(prefix="cabinet-bench-")
    try:
        server, url, token_file = seed_platform(os.path.abspath(args.binary), root)
        base_env = {"PATH": os.environ["PATH"], "TERM": "xterm-256color", "LANG": "C.UTF-8", "COLORTERM": ""}

        def env_for(name):
            home = os.path.join(root, name)
            os.makedirs(home, exist_ok=True)
            return dict(base_env, HOME=home, XDG_CONFIG_HOME=f"{home}/config", XDG_CACHE_HOME=f"{home}/cache",
                        XDG_DATA_HOME=f"{home}/data", XDG_STATE_HOME=f"{home}/state")

        cabinet = Program("smartmlops", [os.path.abspath(args.binary), "--server", url, "--token-file", token_file, "--lang", "en"],
                          env_for("cabinet"), [b"SmartMLOps", "Нагрузка 0".encode(), "Нагрузка 40".encode()], b"j", b"q",
                          before_rss=lambda fd: change_then_events(fd, url, token_file))
        # Fill the cabinet's cache: one run that waits until the platform's list is on screen.
        pid, fd = spawn(cabinet.argv, cabinet.env)
        read_until(fd, lambda d: "Нагрузка 0".encode() in d and b"online" in d, 60)
        drain_quiet(fd, 1.0, 5)
        stop(pid, fd, b"q")
        htop = Program("htop", ["htop"], env_for("htop"), [b"F10", b"Quit"], b"\x1b[B", b"q")
        btop = Program("btop", ["btop"], env_for("btop"), [b"cpu"], None, b"q")
        results = {}
        for program in (cabinet, htop, btop):
            if shutil.which(program.argv[0]) is None and not os.path.exists(program.argv[0]):
                print(f"{program.name}: not installed, skipped", file=sys.stderr)
                continue
            results[program.name] = measure(program, args.idle, args.moves if program.down else 0)
            print(program.name, results[program.name], file=sys.stderr)
        print(f"\n{'program':<12} {'start ms':>9} {'idle CPU s':>11} {'idle B/s':>9} {'move B (median/max)':>20} {'peak RSS MiB':>13}")
        for name, r in results.items():
            move = f"{r['move_bytes_median']:.0f}/{r['move_bytes_max']}" if r["move_bytes_median"] is not None else "-"
            print(f"{name:<12} {r['start_ms']:>9.1f} {r['idle_cpu_s']:>11.3f} {r['idle_bytes_per_s']:>9.1f} {move:>20} {r['peak_rss_mib']:>13.1f}")
        server.terminate(); server.wait()
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
