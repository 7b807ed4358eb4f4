"""deploy/nginx.conf, for real: nginx in front of two app processes on one database."""
from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from browser_kit import play
from conftest import wait_for
from harness import ENGINE_READY, ROOT, AppServer, EventStream, answers, app_env, free_port

pytestmark = pytest.mark.browser
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
if NGINX is None:
    pytest.skip("the deploy test needs nginx (Debian: apt-get install nginx-light)", allow_module_level=True)


@pytest.fixture(scope="module")
def balanced(tmp_path_factory):
    """Two replicas behind deploy/nginx.conf (its upstream ports and listen port swapped for free ones)."""
    tmp = tmp_path_factory.mktemp("deploy")
    (tmp / "words.txt").write_text("square\ncircle\ntriangle\n")
    env = app_env(tmp / "data", WORDS_FILE=str(tmp / "words.txt"), SKETCH_ENABLED="false", MAX_CONCURRENT_GAMES="5",
                  MAX_SEATS_PER_ADDRESS="0")
    replicas = [AppServer(env, tmp / f"{name}.log").start() for name in ("a", "b")]
    for r in replicas:
        r.wait_ready(ENGINE_READY)
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    conf = conf.replace("127.0.0.1:8501", f"127.0.0.1:{replicas[0].port}")
    conf = conf.replace("127.0.0.1:8502", f"127.0.0.1:{replicas[1].port}")
    port = free_port()
    conf = re.sub(r"listen 80;", f"listen 127.0.0.1:{port};", conf)
    (tmp / "pictionary.conf").write_text(conf)
    for d in ("logs", "temp"):
        (tmp / d).mkdir()
    (tmp / "main.conf").write_text(f"""
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/logs/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {tmp}/logs/access.log;
    client_body_temp_path {tmp}/temp/body;
    proxy_temp_path {tmp}/temp/proxy;
    fastcgi_temp_path {tmp}/temp/fastcgi;
    uwsgi_temp_path {tmp}/temp/uwsgi;
    scgi_temp_path {tmp}/temp/scgi;
    include {tmp}/pictionary.conf;
}}
""")
    check = subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(tmp / "main.conf")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    nginx = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(tmp / "main.conf")], stderr=subprocess.STDOUT,
                             stdout=open(tmp / "logs" / "nginx.out", "w"))
    url = f"http://127.0.0.1:{port}"
    assert wait_for(lambda: answers(url + "/api/health"), timeout=20, every=0.1), \
        (tmp / "logs" / "error.log").read_text()
    yield url, replicas
    nginx.terminate()
    nginx.wait(10)
    for r in replicas:
        r.stop()


@pytest.fixture
def both(balanced):
    """nginx and both replicas up (a test before may have killed one)."""
    url, replicas = balanced
    for r in replicas:
        if r.proc.poll() is not None:
            r.start().wait_ready(ENGINE_READY)
    return url, replicas


def health(page) -> dict:
    return page.evaluate("async () => (await fetch('/api/health', {cache: 'no-store'})).json()")


def test_a_game_is_played_through_nginx_websocket_and_all(both, person):
    url, _ = both
    page = person(url)
    play(page)
    page.get_by_text(re.compile(r"\d+ s left")).wait_for(timeout=10_000)  # the live JSON routes pass too
    page.get_by_role("button", name="Give up").click()
    page.get_by_text("You gave up.").wait_for(timeout=15_000)


def test_a_pushed_stream_passes_nginx_event_by_event(both):
    from core.store import Store
    url, replicas = both
    store = Store(replicas[0].db_path)
    stream = EventStream(url, "/api/stream/board")
    try:
        assert stream.status == 200 and stream.response.getheader("Content-Type").startswith("text/event-stream")
        assert stream.next()["data"]["games"] == [], "the board at once"
        store.touch_player("nginx-test", time.time())
        store.insert_game({"id": "0000000000ab", "word": "square", "player_id": "nginx-test", "status": "active",
                           "started_at": time.time(), "game_seconds": 60, "owner": "elsewhere"})
        assert [g["game"] for g in stream.next()["data"]["games"]] == ["0000000000ab"], "and the change, unbuffered"
    finally:
        stream.close()
        store.end_game("0000000000ab", "quit", time.time())
        store.close()


def test_each_browser_keeps_to_one_replica_and_visitors_spread_over_both(both, person):
    url, replicas = both
    seen = set()
    for _ in range(20):  # 20 random cookies all hashed to one replica of two: a chance of 1 in 500,000
        page = person(url + "/api/health")
        first = {health(page)["process"] for _ in range(4)}
        assert len(first) == 1, "every request of one browser reaches the same process"
        cookie = [c for c in page.context.cookies() if c["name"] == "pa_node"]
        assert cookie and cookie[0]["httpOnly"]
        seen |= first
        page.context.close()
    assert len(seen) == 2, "new visitors are spread over both processes"


def test_a_forged_forwarded_for_never_reaches_the_app(both, person):
    url, _ = both
    page = person(url + "/Eval", extra_http_headers={"X-Forwarded-For": "198.51.100.7"})
    page.get_by_role("button", name="Run").wait_for(timeout=20_000)  # nginx wrote the real (local) address


def test_when_a_replica_dies_its_visitors_are_sent_to_the_other(both, person):
    url, replicas = both
    page = person(url + "/About")
    page.locator("h1").first.wait_for(timeout=20_000)
    mine = health(page)["process"]
    dead = next(r for r in replicas if str(r.pid) == mine.split(":")[1])
    dead.stop(kill=True)
    for _ in range(3):
        assert health(page)["process"] != mine, "the same cookie now reaches the live process"
    page.goto(url + "/About")
    page.locator("h1").first.wait_for(timeout=20_000)
