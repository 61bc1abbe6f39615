"""Benchmark the pages on the national installation (not a test; `make bench`).

For SQLite (a file under var/bench/, built once and reused) and, when DATABASE_URL is set, for
PostgreSQL (a database of its own, `boligsocial_bench`, created on that server; the database
DATABASE_URL names is only used to create it), this:

1. loads the synthetic national installation (`boligsocial national`, idempotent: the second
   time it only checks);
2. counts each page's queries and measures its size and render time with Django's test client
   (`CaptureQueriesContext`, the third of three requests, in a subprocess with the same
   settings), with the page cache off and as configured;
3. starts the production server (`boligsocial serve`, gunicorn, 2 workers, DEBUG off, its own
   SECRET_KEY, ALLOWED_HOSTS=127.0.0.1; plain HTTP on loopback, so the HTTPS redirect and
   secure cookies are off) and, with the same gunicorn options and settings, a bare Django view
   (`benchmarks/bare_wsgi.py`);
4. warms each page (four requests, two at a time), then loads it with `wrk` (16 connections,
   2 threads, loopback only) for `--duration` seconds, `--runs` times, each page right after
   the bare view;
5. prints throughput, p50/p95/p99 latency, the throughput as a share of the bare view's
   (measured right before each page, so both see the same load from the rest of a shared
   machine; medians of the runs), the size, and the render time and queries of one request
   with the page cache off (`PAGE_CACHE_SECONDS=0`), against the targets of issue 8.

wrk comes from Debian (`apt-get install -y wrk`); the benchmark installs it when it is missing
and it can (root), and otherwise says how.

    .venv/bin/python benchmarks/pages.py [--runs 3] [--duration 4] [--scale 1.0] [--sqlite-only]
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_DIR = ROOT / "var" / "bench"
BIN = Path(sys.executable).with_name("boligsocial")
SECRET_KEY = "bench-only-not-secret-" + "Qm4vT8rW2xK6pL0sN3dF7hJ1gB5cZ9yE" * 2
PASSWORD = "Baenk-Kodeord-4821-xq"
PG_DATABASE = "boligsocial_bench"
HOST = "127.0.0.1"
CLIENTS = 16
THREADS = 2
WORKERS = 2
ADMIN = "national-sekretariat"
LEADER = "national-leder"

# Targets of issue 8.
PUBLIC_SHARE, PUBLIC_P95_MS = 0.50, 20.0
LOGGED_IN_SHARE, LOGGED_IN_P95_MS = 0.10, 100.0
MAX_HTML_BYTES = 150 * 1024


@dataclass(frozen=True)
class Page:
    key: str
    path: str  # {plan} and {area} are filled in from the loaded data
    user: str | None = None  # None: anonymous

    @property
    def public(self) -> bool:
        return self.user is None


PAGES = (
    Page("front page", "/"),
    Page("plan page", "/planer/{plan}/"),
    Page("/omraader/", "/omraader/"),
    Page("area page", "/omraader/{area}/"),
    Page("/sekretariatet/", "/sekretariatet/"),
    Page("/finansiering/", "/finansiering/"),
    Page("/api/v1/plans/", "/api/v1/plans/"),
    Page("/api/v1/areas/", "/api/v1/areas/"),
    Page("/api/v1/plans/ (secretariat admin)", "/api/v1/plans/", ADMIN),
    Page("/intern/ (secretariat admin)", "/intern/", ADMIN),
    Page("/intern/ (plan leader)", "/intern/", LEADER),
)
BARE = "bare Django view"
DRAIN_FILE = "web/img/favicon.svg"  # small, served by whitenoise in both servers


def bench_env(database_url: str) -> dict[str, str]:
    """The environment of every process the benchmark starts: production settings (DEBUG off)
    on loopback HTTP, the given database."""
    cleared = {
        "DEBUG",
        "GUNICORN_CMD_ARGS",
        "WEB_CONCURRENCY",
        "BIND",
        "PORT",
        "DJANGO_SETTINGS_MODULE",
    }
    env = {k: v for k, v in os.environ.items() if k not in cleared}
    env.update(
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=database_url,
        DEMO_PASSWORD=PASSWORD,
        BOLIGSOCIAL_HOME=str(ROOT),
        STATIC_ROOT=str(BENCH_DIR / "static"),
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def sqlite_url(scale: float, seed: int) -> str:
    return f"sqlite:///{BENCH_DIR / f'national-{scale:g}-{seed}.sqlite3'}"


def postgres_url(base_url: str) -> str:
    """DATABASE_URL with the benchmark's own database name instead of its own."""
    parts = urllib.parse.urlsplit(base_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{PG_DATABASE}"))


def ensure_postgres_database(base_url: str) -> None:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_DATABASE,))
        if found.fetchone() is None:
            conn.execute(f'CREATE DATABASE "{PG_DATABASE}"')


def run(argv: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(argv, env=env, text=True, capture_output=True, **kwargs)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def prepare(database_url: str, *, scale: float, seed: int) -> str:
    """Migrate and load the national installation (idempotent: on a database that has it, this
    writes nothing and takes about ten seconds), and collect the static files. Returns the
    loader's summary."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    env = bench_env(database_url)
    began = time.monotonic()
    out = run([str(BIN), "national", "--scale", f"{scale:g}", "--seed", str(seed)], env).stdout
    summary = out.strip().splitlines()[-2]
    run([str(BIN), "collectstatic", "--noinput", "-v0"], env)
    return f"{summary} (migrate + load: {time.monotonic() - began:.0f} s)"


# --- queries and sizes (runs inside Django, in a subprocess or a test) -----------------------


def probe() -> dict[str, Any]:
    """The paths of the pages in this database, and each page's status, query count, size and
    time (the third of three requests, so per-process caches are warm, as after a write to a
    plan; `first_ms`: the first request of the process, as after a write to the areas' data
    for /omraader/). Needs Django set up."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from boligsocial.accounts.models import Role, RoleAssignment
    from boligsocial.plans.models import Plan

    assignment = (
        RoleAssignment.objects.filter(role=Role.PLAN_LEADER, user__username=LEADER)
        .select_related("plan")
        .first()
    )
    plan = (
        assignment.plan if assignment and assignment.plan else Plan.objects.order_by("pk").first()
    )
    if plan is None:
        raise SystemExit("No plans: load the national installation first.")
    afdeling = plan.afdelinger.select_related("area").exclude(area=None).first()
    fill = {"plan": plan.slug, "area": afdeling.area.slug if afdeling and afdeling.area else ""}
    users = {
        u.username: u
        for u in get_user_model()._default_manager.filter(username__in=[ADMIN, LEADER])
    }
    results: dict[str, Any] = {}
    for page in PAGES:
        client = Client(HTTP_HOST=HOST)
        if page.user:
            if page.user not in users:
                results[page.key] = {
                    "path": page.path,
                    "status": 0,
                    "queries": 0,
                    "bytes": 0,
                    "ms": 0,
                    "first_ms": 0,
                }
                continue
            client.force_login(users[page.user])
        path = page.path.format(**fill)
        began = time.perf_counter()
        client.get(path)  # a new process: what is kept per process is computed here
        first_ms = (time.perf_counter() - began) * 1000
        client.get(path)  # with the CSRF cookie the first one set, as a browser has it
        began = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        results[page.key] = {
            "path": path,
            "status": response.status_code,
            "queries": len(queries.captured_queries),
            "bytes": len(response.content),
            "ms": (time.perf_counter() - began) * 1000,
            "first_ms": first_ms,
        }
    return results


def probe_in_subprocess(env: dict[str, str]) -> dict[str, Any]:
    out = run([sys.executable, __file__, "--probe"], env).stdout
    return json.loads(out.strip().splitlines()[-1])


# --- the servers and the load --------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def server_argv(kind: str, port: int) -> list[str]:
    """`boligsocial serve`, or the same gunicorn command line with the bare view's module."""
    bind = f"{HOST}:{port}"
    if kind == "site":
        return [str(BIN), "serve", "--bind", bind, "--workers", str(WORKERS), "--no-collectstatic"]
    sys.path.insert(0, str(ROOT / "src"))
    from boligsocial.core.management.commands.serve import gunicorn_argv

    argv = gunicorn_argv(bind=bind, workers=WORKERS, extra=["--chdir", str(ROOT / "benchmarks")])
    argv[argv.index("boligsocial.wsgi:application")] = "bare_wsgi:application"
    return argv


class Server:
    def __init__(self, kind: str, env: dict[str, str]) -> None:
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        log = open(BENCH_DIR / f"server-{kind}.log", "w")  # noqa: SIM115 (closed in stop)
        self.log = log
        self.proc = subprocess.Popen(
            server_argv(kind, self.port), env=env, stdout=subprocess.DEVNULL, stderr=log
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"The {kind} server stopped; see {log.name}.")
            try:
                urllib.request.urlopen(self.base + "/", timeout=5).read()
                return
            except urllib.error.HTTPError:
                return  # it answers
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"The {kind} server did not answer in 90 s; see {log.name}.")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def session_cookie(base: str, username: str) -> str:
    """Log in through the login form as a browser would; the Cookie header of the session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/log-ind/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        raise SystemExit("The login page has no CSRF token.")
    data = urllib.parse.urlencode(
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    ).encode()
    request = urllib.request.Request(
        base + "/log-ind/", data=data, headers={"Referer": base + "/log-ind/"}
    )
    opener.open(request, timeout=30).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit(f"Logging in as {username} failed (no session cookie).")
    return "; ".join(f"{k}={v}" for k, v in sorted(cookies.items()))


WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk (apt-get install -y wrk) …", flush=True)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=False, capture_output=True)
        found = shutil.which("wrk")
        if found:
            return found
    raise SystemExit(
        "wrk is needed: sudo apt-get install -y wrk (Debian/Ubuntu), brew install wrk."
    )


def parse_wrk(output: str) -> dict[str, float]:
    """The figures of the WRK line the Lua script writes: requests/s, latencies in ms, errors."""
    match = re.search(r"^WRK (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", output, re.M)
    if match is None:
        raise ValueError(f"no WRK line in wrk's output:\n{output}")
    requests, micros, p50, p95, p99, status, socket_errors = map(int, match.groups())
    return {
        "rps": requests / (micros / 1e6) if micros else 0.0,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "errors": status + socket_errors,
        "requests": requests,
    }


def drain(url: str, timeout: float = 120) -> None:
    """Wait until the server has finished the requests wrk left queued when it stopped (a sync
    worker serves a queued connection even after its client has gone), so that they do not eat
    into the next measurement: until WORKERS requests at once each take under 0.25 s."""
    from concurrent.futures import ThreadPoolExecutor

    def timed(_: int) -> float:
        began = time.monotonic()
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=timeout).read()
        return time.monotonic() - began

    deadline = time.monotonic() + timeout
    with ThreadPoolExecutor(WORKERS) as pool:
        while time.monotonic() < deadline:
            if max(pool.map(timed, range(WORKERS))) < 0.25:
                return


def warm(url: str, cookie: str) -> None:
    """A few requests on each worker, so the measurement starts with warm processes (imports,
    templates, database connection) and nothing left queued."""
    from concurrent.futures import ThreadPoolExecutor

    def get(_: int) -> None:
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        urllib.request.urlopen(request, timeout=300).read()

    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(get, range(2 * WORKERS)))


def load(wrk: str, url: str, seconds: float, cookie: str = "") -> dict[str, float]:
    script = BENCH_DIR / "report.lua"
    script.write_text(WRK_SCRIPT)
    argv = [
        wrk,
        f"-t{THREADS}",
        f"-c{CLIENTS}",
        f"-d{seconds:g}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
    ]
    if cookie:
        argv += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*argv, url], capture_output=True, text=True, check=True).stdout
    parts = urllib.parse.urlsplit(url)
    drain(f"{parts.scheme}://{parts.netloc}/static/{DRAIN_FILE}")
    return parse_wrk(out)


# --- one database ------------------------------------------------------------------------


def measure(label: str, database_url: str, args: argparse.Namespace, wrk: str) -> None:
    print(f"\n=== {label} ===", flush=True)
    print(prepare(database_url, scale=args.scale, seed=args.seed), flush=True)
    env = bench_env(database_url)
    # Rendering cost with the page cache off, then what a repeated request costs as configured.
    probed = probe_in_subprocess({**env, "PAGE_CACHE_SECONDS": "0"})
    cached = probe_in_subprocess(env)
    pages = [p for p in PAGES if probed[p.key]["status"] == 200]
    for p in PAGES:
        if p not in pages:
            print(f"  skipped {p.key}: status {probed[p.key]['status']} ({probed[p.key]['path']})")
    figures: dict[str, list[dict[str, float]]] = {p.key: [] for p in pages}
    figures[BARE] = []
    shares: dict[str, list[float]] = {p.key: [] for p in pages}
    bare = Server("bare", env)
    site = Server("site", env)
    try:
        cookies = {u: session_cookie(site.base, u) for u in {p.user for p in pages if p.user}}
        urls = {p.key: site.base + probed[p.key]["path"] for p in pages}
        warm(bare.base + "/", "")
        for p in pages:
            warm(urls[p.key], cookies.get(p.user or "", ""))
        for run_no in range(args.runs):
            # The bare view right before each page, so that each share compares two
            # measurements under the same load from the rest of the machine.
            for p in pages:
                ceiling = load(wrk, bare.base + "/", args.duration)
                figures[BARE].append(ceiling)
                row = load(wrk, urls[p.key], args.duration, cookies.get(p.user or "", ""))
                figures[p.key].append(row)
                shares[p.key].append(row["rps"] / ceiling["rps"] if ceiling["rps"] else 0.0)
            print(f"  run {run_no + 1}/{args.runs} done", flush=True)
    finally:
        site.stop()
        bare.stop()
    report(label, pages, figures, shares, probed, cached, args)


def median(rows: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def report(
    label: str,
    pages: list[Page],
    figures: dict[str, list[dict[str, float]]],
    shares: dict[str, list[float]],
    probed: dict[str, Any],
    cached: dict[str, Any],
    args: argparse.Namespace,
) -> None:
    b = figures[BARE]
    print(
        f"\n{label}: medians of {args.runs} run(s) of {args.duration:g} s, {CLIENTS} connections, "
        f"gunicorn {WORKERS} workers, national installation (scale {args.scale:g}). share = "
        "page req/s ÷ bare view req/s measured just before it. render ms and queries: one "
        "request with the page cache off (test client), a repeated one; first ms: the first "
        "request of a process (nothing kept yet); cached q: a repeated request as configured."
    )
    header = (
        f"{'page':30} {'req/s':>7} {'share':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'KB':>6} {'render':>7} {'first':>7} {'queries':>7} {'cached q':>8}  target"
    )
    print(header)
    print("-" * len(header))
    print(
        f"{BARE:30} {median(b, 'rps'):7.0f} {'100%':>7} {median(b, 'p50'):7.1f} "
        f"{median(b, 'p95'):7.1f} {median(b, 'p99'):7.1f}"
    )
    for p in pages:
        rows = figures[p.key]
        rps, p95 = median(rows, "rps"), median(rows, "p95")
        share = statistics.median(shares[p.key])
        size = probed[p.key]["bytes"]
        want_share, want_p95 = (
            (PUBLIC_SHARE, PUBLIC_P95_MS) if p.public else (LOGGED_IN_SHARE, LOGGED_IN_P95_MS)
        )
        missed = []
        if share < want_share:
            missed.append(f"share<{want_share:.0%}")
        if p95 > want_p95:
            missed.append(f"p95>{want_p95:g}ms")
        if not p.path.startswith("/api/") and size > MAX_HTML_BYTES:
            missed.append("HTML>150KB")
        errors = sum(r["errors"] for r in rows)
        print(
            f"{p.key:30} {rps:7.1f} {share:7.1%} {median(rows, 'p50'):7.1f} {p95:7.1f} "
            f"{median(rows, 'p99'):7.1f} {size / 1024:6.1f} {probed[p.key]['ms']:7.0f} "
            f"{probed[p.key]['first_ms']:7.0f} "
            f"{probed[p.key]['queries']:7d} {cached[p.key]['queries']:8d}  "
            + ("met" if not missed else "NOT met: " + ", ".join(missed))
            + (f"  ({errors} non-2xx/3xx or socket errors)" if errors else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", type=float, default=4.0, help="seconds per measurement")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        sys.path.insert(0, str(ROOT / "src"))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boligsocial.settings")
        import django

        django.setup()
        print(json.dumps(probe()))
        return
    wrk = ensure_wrk()
    print(
        f"Load average {os.getloadavg()[0]:.1f} (1 min) on {os.cpu_count()} cores; "
        "figures from a shared machine vary."
    )
    measure("SQLite", sqlite_url(args.scale, args.seed), args, wrk)
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith(("postgres://", "postgresql://")) and not args.sqlite_only:
        ensure_postgres_database(base)
        measure(f"PostgreSQL ({PG_DATABASE})", postgres_url(base), args, wrk)
    elif not args.sqlite_only:
        print("\nPostgreSQL skipped: DATABASE_URL is not a postgres:// URL.")


if __name__ == "__main__":
    main()
