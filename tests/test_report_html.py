"""The HTML report, checked in real headless Chromium (Debian ``chromium`` + ``chromium-driver``).

The screenshot is kept as a test artefact in ``test-artifacts/report.png``.
"""

import re
import shutil

import numpy as np
import pytest
from helpers import REPO, make_spectrum, run_cli
from selenium import webdriver
from selenium.webdriver.common.by import By

from tflm import collect, line_table, rank_spectrum
from tflm.report.html import html_report, write_html

ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def shop_report(tmp_path_factory):
    spectrum = collect(REPO / "examples" / "shop")
    ranking = rank_spectrum(spectrum)
    path = tmp_path_factory.mktemp("html") / "report.html"
    write_html(path, spectrum, ranking, line_table(spectrum))
    return path, spectrum, ranking


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    assert chromium and driver_path, "install Debian chromium and chromium-driver (make test does)"
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=webdriver.ChromeService(driver_path), options=opts)
    yield driver
    driver.quit()


def test_report_is_self_contained(shop_report):
    path, _, _ = shop_report
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)  # no CDN, no network
    assert "<style>" in text and "id='tflm-data'" in text


def test_report_in_headless_chromium(shop_report, browser):
    path, spectrum, ranking = shop_report
    browser.get(path.as_uri())
    assert browser.execute_script("return typeof DATA") == "object"  # the embedded data parsed
    top_key = f"{ranking.files[0]}:{ranking.lines[0]}"
    top = browser.find_element(By.CSS_SELECTOR, ".ln.top")
    assert top.get_attribute("data-key") == top_key
    # the top line is highlighted: its number cell is dark red, and its row is Tarantula-coloured
    assert (
        top.find_element(By.CSS_SELECTOR, ".no").value_of_css_property("background-color")
        == "rgba(176, 0, 32, 1)"
    )
    r, g, _ = (int(x) for x in re.findall(r"\d+", top.value_of_css_property("background-color"))[:3])
    assert r > g  # red-ish: run mostly by failing tests
    # the details panel opened on the top line: its features and the tests that run it, failing first
    panel = browser.find_element(By.ID, "panel")
    assert top_key in panel.text and "ochiai" in panel.text
    first_test = browser.find_element(By.CSS_SELECTOR, "#detail-tests li")
    assert first_test.get_attribute("class") == "fail"

    # sorting: click "tarantula" twice (ascending, then descending)
    header = browser.find_element(By.XPATH, "//table[@id='top-table']//th[text()='tarantula']")

    def column():
        cells = browser.find_elements(By.CSS_SELECTOR, "#top-table tbody tr td:nth-child(4)")
        return [float(c.get_attribute("data-v")) for c in cells]

    header.click()
    assert column() == sorted(column()) and "sorted-asc" in header.get_attribute("class")
    header.click()
    assert column() == sorted(column(), reverse=True) and "sorted-desc" in header.get_attribute("class")
    assert len(column()) == min(30, len(ranking))

    # clicking a table row shows that line
    row = browser.find_elements(By.CSS_SELECTOR, "#top-table tbody tr")[-1]
    key = row.get_attribute("data-key")
    row.click()
    assert browser.find_element(By.ID, "detail-title").text == key
    # clicking a source line shows it too
    line = browser.find_element(By.ID, "L:shop/cart.py:29")
    line.click()
    assert browser.find_element(By.ID, "detail-title").text == "shop/cart.py:29"

    browser.execute_script("window.scrollTo(0, 0)")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    assert browser.save_screenshot(str(shot))
    assert shot.read_bytes()[:4] == b"\x89PNG"


def test_report_escapes_hostile_source():
    s = make_spectrum([[1, 1], [1, 0]], ["failed", "passed"], line_no=[1, 2])
    s.sources = {"m.py": "x = '</script><script>alert(1)</script>'\ny = '<b>&'\n"}
    page = html_report(s, rank_spectrum(s, "ochiai"), line_table(s))
    data = page[page.index("id='tflm-data'>") :]
    data = data[: data.index("</script>")]
    assert "<script>alert" not in data and "<b>&" not in page
    assert "&lt;/script&gt;" in page


def test_cli_report_from_saved_spectrum(tmp_path):
    spec, out = tmp_path / "s.npz", tmp_path / "r.html"
    assert run_cli("collect", str(REPO / "examples" / "shop"), "--out", str(spec)).returncode == 0
    res = run_cli("report", str(spec), "--html", str(out), "--formula", "ochiai", "--top", "3")
    assert res.returncode == 0, res.stderr
    assert "shop/pricing.py:16" in res.stdout and out.stat().st_size > 1000
    assert np.any(["ochiai" in line for line in out.read_text().splitlines()])
