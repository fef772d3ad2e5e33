"""The standalone HTML page in a real headless browser (Debian's chromium).

Chromium is driven from the command line only (no extra Python packages): `--dump-dom` prints the DOM after
the page's script has run, and `--screenshot` renders it. Filters are exercised two ways: through the URL hash
the page reads on load (`#person=…&year=…`, the same code path as the controls), and through the controls
themselves, by a copy of the page with a small extra script that changes the person select / a year checkbox
and dispatches the `change` event a user's click would. The browser is installed by ensure_chromium.sh when
missing; these tests skip only when it cannot be installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kb.export import render

pytestmark = pytest.mark.browser
HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        subprocess.run(["sh", str(HERE / "ensure_chromium.sh")], capture_output=True, timeout=900)
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("chromium is not installed and cannot be installed here")
    return exe


def browse(chromium: str, tmp_path: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={profile}", *extra, url]
    env = dict(os.environ, HOME=str(tmp_path))
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)


def dump(chromium, tmp_path, url) -> str:
    r = browse(chromium, tmp_path, url, "--dump-dom")
    assert r.returncode == 0 and "<html" in r.stdout, r.stderr[-2000:]
    return r.stdout


class DomView(HTMLParser):
    """Meetings and sections in a dumped DOM, with their `hidden` state."""

    def __init__(self, text: str):
        super().__init__()
        self.meetings: dict[str, dict] = {}
        self.sections: dict[str, bool] = {}
        self.body: dict = {}
        self.count = ""
        self._count = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "li" and "meeting" in (a.get("class") or "").split():
            self.meetings[a["data-id"]] = {"hidden": "hidden" in a, "year": a["data-year"], "people": a["data-people"]}
        elif tag == "section":
            self.sections[a["data-year"]] = "hidden" in a
        elif tag == "body":
            self.body = a
        self._count = a.get("id") == "kb-count"

    def handle_data(self, data):
        if self._count:
            self.count += data
            self._count = False


@pytest.fixture
def page(seeded_meetings, tmp_path) -> Path:
    path = tmp_path / "timeline.html"
    path.write_text(render("html", seeded_meetings, title="Meetings"), encoding="utf-8")
    return path


def visible(view: DomView) -> set[str]:
    return {k for k, v in view.meetings.items() if not v["hidden"]}


def test_every_meeting_is_visible(chromium, page, tmp_path, seeded_meetings):
    view = DomView(dump(chromium, tmp_path, page.as_uri()))
    assert view.body.get("data-ready") == "1"  # the script ran
    assert visible(view) == {str(m["id"]) for m in seeded_meetings}
    assert not any(view.sections.values())
    assert view.count == f"Showing {len(seeded_meetings)} of {len(seeded_meetings)} meetings"


def test_person_filter_from_the_url_hides_the_others(chromium, page, tmp_path, seeded_meetings):
    url = page.as_uri() + "#person=" + urllib.parse.quote("Sergey Lavrov")
    view = DomView(dump(chromium, tmp_path, url))
    expected = {str(m["id"]) for m in seeded_meetings if "Sergey Lavrov" in m["participants"]}
    assert visible(view) == expected and len(expected) == 7
    assert view.sections["unknown"] is True  # Biden & Putin's undated meeting: its section is hidden
    assert view.count == f"Showing 7 of {len(seeded_meetings)} meetings"


def test_year_and_person_filters_combine(chromium, page, tmp_path, seeded_meetings):
    url = page.as_uri() + "#person=" + urllib.parse.quote("Sergey Lavrov") + "&year=2022"
    view = DomView(dump(chromium, tmp_path, url))
    expected = {str(m["id"]) for m in seeded_meetings
                if "Sergey Lavrov" in m["participants"] and (m["date_start"] or "").startswith("2022")}
    assert visible(view) == expected and len(expected) == 4
    assert [y for y, hidden in view.sections.items() if not hidden] == ["2022"]


CLICK = """
<script>
(function () {
  var person = document.getElementById("kb-person");
  person.value = "Ana Kova\\u010devi\\u0107";
  person.dispatchEvent(new Event("change", {bubbles: true}));
  var y2020 = document.querySelector("input[name=year][value='2020']");
  y2020.checked = false;
  y2020.dispatchEvent(new Event("change", {bubbles: true}));
  document.body.setAttribute("data-hash", decodeURIComponent(location.hash));
})();
</script>
</body>"""


def test_controls_filter_like_a_user(chromium, page, tmp_path, seeded_meetings):
    clicked = tmp_path / "clicked.html"
    clicked.write_text(page.read_text(encoding="utf-8").replace("</body>", CLICK), encoding="utf-8")
    view = DomView(dump(chromium, tmp_path, clicked.as_uri()))
    expected = {str(m["id"]) for m in seeded_meetings if "Ana Kovačević" in m["participants"] and m["date"] == "2024-03-05"}
    assert visible(view) == expected and len(expected) == 1
    assert view.body.get("data-hash", "").startswith("#person=Ana Kovačević&year=")  # the view can be bookmarked


def test_screenshot_renders(chromium, page, tmp_path):
    shot = tmp_path / "page.png"
    r = browse(chromium, tmp_path, page.as_uri(), f"--screenshot={shot}", "--window-size=1200,1600", "--hide-scrollbars")
    assert r.returncode == 0, r.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20000
