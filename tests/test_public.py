"""Running in public, in Chromium against `streamlit run`: hostile uploads, strangers behind a proxy."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_kit import ADMIN_PASSWORD, page_settled
from test_strokes import gzip_bomb

pytestmark = pytest.mark.browser


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory since the last reset (VmHWM), in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def reset_peak_rss(pid: int) -> None:
    """Start counting the peak again from the process's current memory (Linux: clear_refs 5)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def upload_and_run(page, name: str, data: bytes) -> None:
    page.get_by_text("A stroke file").click()
    page.locator("input[type=file]").set_input_files(files=[{"name": name, "mimeType": "application/gzip",
                                                             "buffer": data}])
    page.get_by_text(name).wait_for(timeout=20_000)
    page.get_by_role("button", name="Run").click()


@pytest.mark.parametrize("kind, byte, message", [("newlines", b"\n", "more than 20,000 lines"),
                                                 ("zeros", b"0", "more than 32 MB")])
def test_a_gzip_bomb_uploaded_to_the_eval_page_is_refused_and_memory_stays_flat(quiet_app, person, kind, byte,
                                                                               message):
    url, pid = quiet_app.url, quiet_app.server.pid
    bomb = gzip_bomb(byte, 2 << 30)
    page = person(url + "/Eval")
    page.get_by_text("A stroke file").wait_for(timeout=20_000)
    page_settled(page)  # the page has run: what it costs is not counted as the upload's
    reset_peak_rss(pid)
    before = peak_rss_mb(pid)
    upload_and_run(page, f"{kind}.ndjson.gz", bomb)
    page.get_by_text("Cannot run the eval").wait_for(timeout=30_000)
    assert message in page.locator("[data-testid=stAlertContentError]").inner_text()
    grown = peak_rss_mb(pid) - before
    print(f"{kind} bomb: peak RSS grew by {grown:.1f} MB")
    assert grown < 100, f"the server's peak memory grew by {grown:.0f} MB for a 2 GiB bomb"
    assert "No eval has run yet." in page.locator("body").inner_text(), "nothing was run or stored"


def test_a_file_over_the_upload_limit_is_refused_by_the_uploader(quiet_app, person):
    page = person(quiet_app.url + "/Eval")
    page.get_by_text("A stroke file").wait_for(timeout=20_000)
    page.get_by_text("A stroke file").click()
    page.locator("input[type=file]").set_input_files(files=[{"name": "big.ndjson", "mimeType": "text/plain",
                                                             "buffer": b"x" * (6 * 1024 * 1024)}])
    page.get_by_text(re.compile(r"must be 5(\.0)? ?MB or smaller", re.I)).wait_for(timeout=20_000)


def test_a_stranger_behind_the_proxy_cannot_run_an_eval_without_a_password(quiet_app, person):
    stranger = person(quiet_app.url + "/Eval", extra_http_headers={"X-Forwarded-For": "198.51.100.7"})
    stranger.get_by_text("run only from the server").wait_for(timeout=20_000)
    assert stranger.get_by_role("button", name="Run").count() == 0
    local = person(quiet_app.url + "/Eval")
    local.get_by_role("button", name="Run").wait_for(timeout=20_000)


def test_a_gzip_bomb_uploaded_as_an_event_word_list_is_refused_and_memory_stays_flat(admin_app, person):
    page = person(admin_app.url + "/Admin")
    page.get_by_label("Admin password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Paste the words").wait_for(timeout=20_000)
    page.get_by_label("Name", exact=True).fill("Bomb party")
    page_settled(page)
    reset_peak_rss(admin_app.server.pid)
    before = peak_rss_mb(admin_app.server.pid)
    page.locator("input[type=file]").set_input_files(files=[{"name": "words.txt.gz", "mimeType": "application/gzip",
                                                             "buffer": gzip_bomb(b"\n", 2 << 30)}])
    page.get_by_text("words.txt.gz").wait_for(timeout=20_000)
    page.get_by_role("button", name="Add the list").click()
    page.get_by_text("The file was not read").wait_for(timeout=30_000)
    assert "more than 20,000 lines" in page.locator("[data-testid=stAlertContentError]").inner_text()
    grown = peak_rss_mb(admin_app.server.pid) - before
    assert grown < 100, f"the server's peak memory grew by {grown:.0f} MB for a 2 GiB bomb"
    assert "In use: words.txt" in page.locator("body").inner_text(), "no list was added or put in use"
