"""Hostile names and hostile files (issue 16, cases 6–9): script in test ids and file names of the HTML
report, archive members that unpack to gigabytes, tampered or mistyped model files, and corpus bug ids that
collide or cannot name a file. The report is checked in real headless Chromium."""

import io
import json
import os
import shutil
import time
import tracemalloc
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import make_mini_corpus, make_spectrum, run_cli, synthetic_dataset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tflm import TflmError, line_table, rank_spectrum
from tflm.corpora.bug import Bug
from tflm.corpora.extract import bug_stem, extract, load_dataset, read_records
from tflm.eval.ground_truth import GroundTruth
from tflm.model import TFLM
from tflm.report.html import html_report
from tflm.report.terminal import print_ranking
from tflm.rspn.io import VERSION, content_digest, load_rspns
from tflm.spectrum import Failure, Spectrum


# ---- helpers --------------------------------------------------------------------------------------------
def npy_bytes(array: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array(buf, array, allow_pickle=False)
    return buf.getvalue()


def zip_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """An ``.npz`` archive of ``arrays`` written with plain zipfile (no zip64 extras), in memory."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, array in arrays.items():
            zf.writestr(f"{name}.npy", npy_bytes(array))
    return buf.getvalue()


def declare_size(data: bytes, member: str, size: int) -> bytes:
    """The archive with its central directory claiming that ``member`` unpacks to ``size`` bytes."""
    out, at = bytearray(data), 0
    while (at := out.find(b"PK\x01\x02", at)) >= 0:
        n = int.from_bytes(out[at + 28 : at + 30], "little")
        if out[at + 46 : at + 46 + n] == member.encode():
            out[at + 24 : at + 28] = size.to_bytes(4, "little")
            return bytes(out)
        at += 4
    raise AssertionError(f"no member {member}")


def arrays_of(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as z:
        return {k: z[k].copy() for k in z.files}


def header_of(arrays: dict[str, np.ndarray]) -> dict:
    return json.loads(arrays["header"].tobytes())


def signed(header: dict, params: np.ndarray) -> dict[str, np.ndarray]:
    """Model members for ``header`` and ``params`` with a matching digest: only the content is hostile."""
    arrays = {"header": np.frombuffer(json.dumps(header).encode(), dtype=np.uint8), "params": params}
    return {**arrays, "digest": content_digest(arrays)}


def as_version_2(header: dict) -> dict:
    """``header`` as a model file written before digests (version 2, which loads without one)."""
    return {**header, "version": 2}


def write_both_ways(header: dict, params: np.ndarray, folder: Path) -> list[Path]:
    """``header`` as a current, signed file and, edited the same way, as an older unsigned one."""
    new, old = folder / "signed.npz", folder / "v2.npz"
    np.savez(new, **signed(header, params))
    np.savez(old, header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8), params=params)
    return [new, old]


def refused_quickly(load, path: Path, match: str) -> None:
    """``load(path)`` raises a TflmError matching ``match`` within a second and 32 MB of allocations."""
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        with pytest.raises(TflmError, match=match):
            load(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - t0 < 1.0
    assert peak < 32 * 2**20, f"{peak / 2**20:.0f} MB allocated before refusing"


# ---- 6: the HTML report ---------------------------------------------------------------------------------
HOSTILE_FILE = """<img src=x onerror="window.__pwned='file';document.title='pwned'">.py"""
HOSTILE_TESTS = [
    "test_a[<img src=x onerror=window.__pwned='test';document.title='pwned'>]",
    "test_b[</script><script>window.__pwned='script'</script>]",
    "test_c['><svg onload=window.__pwned='svg'>]",
]
HOSTILE_SOURCE = (
    "def f(x):\n"
    "    s = \"<img src=x onerror=window.__pwned='source'>\"\n"
    "    return '</script><script>window.__pwned=\"src\"</script><!--<script>'\n"
)


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    assert chromium and driver_path, "install Debian chromium and chromium-driver (make browser does)"
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=webdriver.ChromeService(driver_path), options=opts)
    yield driver
    driver.quit()


def hostile_spectrum() -> Spectrum:
    s = make_spectrum(
        [[1, 1, 1], [1, 0, 0], [1, 1, 0]], ["failed", "passed", "passed"], files=(HOSTILE_FILE,)
    )
    s.tests = list(HOSTILE_TESTS)
    s.sources = {HOSTILE_FILE: HOSTILE_SOURCE}
    s.failures = {HOSTILE_TESTS[0]: Failure("AssertionError", (), "<img src=x onerror=window.__pwned='msg'>")}
    return s


def report_page(spectrum: Spectrum) -> str:
    return html_report(spectrum, rank_spectrum(spectrum, "ochiai"), line_table(spectrum))


def settle(browser) -> None:
    """Let every image of the page load or fail (their error handlers would run by then)."""
    WebDriverWait(browser, 5).until(
        lambda b: b.execute_script("return [...document.images].every(i => i.complete)")
    )
    time.sleep(0.3)


def test_hostile_names_render_as_text_and_run_nothing(browser, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(report_page(hostile_spectrum()), encoding="utf-8")
    browser.get(path.as_uri())
    lines = browser.find_elements(By.CSS_SELECTOR, ".ln.exec")
    rows = browser.find_elements(By.CSS_SELECTOR, "#top-table tbody tr")
    assert len(lines) == 3 and len(rows) == 3
    for element in lines + rows:  # every details panel gets built from the hostile strings
        element.click()
        settle(browser)
        assert browser.execute_script("return window.__pwned") is None
    assert browser.title == "tflm: nowhere"
    assert browser.execute_script("return document.images.length") == 0  # no <img> was ever made
    assert browser.execute_script("return document.querySelectorAll('script, svg').length") == 2
    # ... and everything shows literally, as text
    lines[0].click()
    key = f"{HOSTILE_FILE}:1"
    assert browser.find_element(By.ID, "detail-title").text == key
    by_id = "return document.getElementById(arguments[0]).dataset.key"
    assert browser.execute_script(by_id, f"L:{key}") == key
    panel = browser.find_element(By.ID, "panel").text
    assert all(t in panel for t in HOSTILE_TESTS)
    source = browser.find_elements(By.CSS_SELECTOR, ".ln .code")
    assert [c.text.strip() for c in source] == [x.strip() for x in HOSTILE_SOURCE.splitlines()]
    assert browser.find_element(By.CSS_SELECTOR, "h3").text == HOSTILE_FILE
    assert "window.__pwned='msg'" in browser.find_element(By.CSS_SELECTOR, "li.fail").text


INJECTED = (
    "<img src=x onerror=\"window.__pwned='attr'\"><script>window.__pwned='inline'</script>"
    "<img id='probe' src='probe.png'><div id='styled' style='width:123px'>x</div>"
)


def test_the_csp_alone_stops_markup_that_escaped_escaping(browser, tmp_path):
    spectrum = make_spectrum([[1, 1], [1, 0]], ["failed", "passed"], line_no=[1, 2])
    spectrum.sources = {"m.py": "x = 1\ny = 2\n"}
    page = report_page(spectrum)
    csp = page[page.index("<meta http-equiv='Content-Security-Policy'") :]
    csp = csp[: csp.index(">") + 1]
    assert "'unsafe-inline'" not in csp and "script-src 'sha256-" in csp and "default-src 'none'" in csp
    (tmp_path / "probe.png").write_bytes(browser.get_screenshot_as_png())
    # Control: without the CSP the injected handler runs and the image loads, so the checks below can fail.
    (tmp_path / "open.html").write_text(page.replace(csp, "").replace("<body>", "<body>" + INJECTED))
    browser.get((tmp_path / "open.html").as_uri())
    WebDriverWait(browser, 5).until(lambda b: b.execute_script("return window.__pwned") == "attr")
    assert browser.execute_script("return document.getElementById('probe').naturalWidth") > 0
    # With it: no inline script, no inline handler, no style attribute, no load; the report's script runs.
    (tmp_path / "csp.html").write_text(page.replace("<body>", "<body>" + INJECTED))
    browser.get((tmp_path / "csp.html").as_uri())
    settle(browser)
    assert browser.execute_script("return window.__pwned") is None
    assert browser.execute_script("return document.getElementById('probe').naturalWidth") == 0
    assert browser.find_element(By.ID, "styled").value_of_css_property("width") != "123px"
    assert browser.execute_script("return typeof DATA") == "object"
    top = browser.find_element(By.CSS_SELECTOR, ".ln.top")
    assert browser.find_element(By.ID, "detail-title").text == top.get_attribute("data-key")
    # the stylesheet, allowed by its hash, applies
    assert top.find_element(By.CSS_SELECTOR, ".no").value_of_css_property("background-color") == (
        "rgba(176, 0, 32, 1)"
    )


def test_the_embedded_data_cannot_end_its_script_element():
    page = report_page(hostile_spectrum())
    data = page[page.index("id='tflm-data'>") :]
    data = data[len("id='tflm-data'>") : data.index("</script>")]
    assert "<" not in data and ">" not in data
    assert json.loads(data)["tests"][1]["name"] == HOSTILE_TESTS[1]  # the text itself is intact


def test_terminal_table_takes_file_names_literally():
    s = make_spectrum([[1, 1], [1, 0]], ["failed", "passed"], files=("[/x][bold]m.py",))
    ranking = rank_spectrum(s, "ochiai")
    ranking.info["warnings"] = ["[/] not markup"]
    out = io.StringIO()
    print_ranking(ranking, console=Console(file=out, width=120, color_system=None))
    assert "[/x][bold]m.py:1" in out.getvalue() and "[/] not markup" in out.getvalue()


# ---- 7: archive members' sizes, and the model digest ----------------------------------------------------
@pytest.fixture(scope="module")
def model_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("model") / "m.npz"
    TFLM(min_instances=80).fit(synthetic_dataset(50, seed=9)).save(path)
    return path


def test_saved_models_carry_a_digest_and_the_current_version(model_file):
    arrays = arrays_of(model_file)
    assert set(arrays) == {"header", "params", "digest"} and header_of(arrays)["version"] == VERSION
    assert np.array_equal(arrays["digest"], content_digest(arrays))


def test_the_shipped_model_carries_a_valid_digest():
    from tflm.model import default_model_path

    arrays = arrays_of(Path(default_model_path()))
    assert header_of(arrays)["version"] == VERSION == 3
    assert np.array_equal(arrays["digest"], content_digest(arrays))
    TFLM.load()


def test_a_model_header_that_unpacks_to_gigabytes_is_refused_at_once(model_file, tmp_path):
    # the case of the issue: 3 GiB declared; never inflated, never allocated
    data = zip_bytes({k: v for k, v in arrays_of(model_file).items()})
    bad = tmp_path / "declared.npz"
    bad.write_bytes(declare_size(data, "header.npy", 3 * 2**30))
    refused_quickly(load_rspns, bad, r"'header' unpacks to 3072\.0 MiB")


def test_a_zip_bomb_of_zeros_is_refused_before_inflating(model_file, tmp_path):
    arrays = arrays_of(model_file)
    n = 128 * 2**20  # twice the header's cap, a few hundred KiB on disk
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("header.npy", "w", force_zip64=True) as fh:
            fh.write(npy_bytes(np.zeros(0, dtype=np.uint8)).replace(b"(0,)", b"(%d,)" % n))
            chunk = bytes(2**20)
            for _ in range(n // len(chunk)):
                fh.write(chunk)
        zf.writestr("params.npy", npy_bytes(arrays["params"]))
    bomb = tmp_path / "bomb.npz"
    bomb.write_bytes(buf.getvalue())
    assert bomb.stat().st_size < 2**20
    refused_quickly(load_rspns, bomb, "'header' unpacks to 128")


def test_an_npy_header_that_overstates_its_array_is_refused(model_file, tmp_path):
    arrays = arrays_of(model_file)
    params = npy_bytes(arrays["params"])
    lying = params.replace(b"(%d,)" % len(arrays["params"]), b"(%d,)" % 2**40)
    assert lying != params
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("header.npy", npy_bytes(arrays["header"]))
        zf.writestr("params.npy", lying)
    (tmp_path / "lying.npz").write_bytes(buf.getvalue())
    refused_quickly(load_rspns, tmp_path / "lying.npz", "does not match its size")


def test_unknown_members_of_a_model_are_refused(model_file, tmp_path):
    arrays = arrays_of(model_file)
    np.savez(tmp_path / "extra.npz", **arrays, extra=np.zeros(3))
    with pytest.raises(TflmError, match="unexpected members 'extra.npy'"):
        load_rspns(tmp_path / "extra.npz")


def test_a_flipped_parameter_bit_is_refused_by_the_digest(model_file, tmp_path):
    arrays = arrays_of(model_file)
    flipped = arrays["params"].copy()
    flipped.view(np.uint8)[0] ^= 1  # the lowest mantissa bit: every structural check still passes
    np.savez(tmp_path / "bad.npz", **{**arrays, "params": flipped})
    with pytest.raises(TflmError, match="digest does not match"):
        load_rspns(tmp_path / "bad.npz")
    # the same change with a digest that matches loads: the digest is what refused it
    np.savez(tmp_path / "resigned.npz", **signed(header_of(arrays), flipped))
    load_rspns(tmp_path / "resigned.npz")


def test_a_changed_header_is_refused_by_the_digest(model_file, tmp_path):
    arrays = arrays_of(model_file)
    header = header_of(arrays)
    header["meta"]["fit_info"]["seconds"] = 1.0
    np.savez(
        tmp_path / "bad.npz", **{**arrays, "header": np.frombuffer(json.dumps(header).encode(), np.uint8)}
    )
    with pytest.raises(TflmError, match="digest does not match"):
        load_rspns(tmp_path / "bad.npz")


def test_model_files_without_a_digest(model_file, tmp_path):
    arrays = arrays_of(model_file)
    header = header_of(arrays)
    # a current file stripped of its digest is refused ...
    np.savez(tmp_path / "stripped.npz", header=arrays["header"], params=arrays["params"])
    with pytest.raises(TflmError, match="needs its digest"):
        load_rspns(tmp_path / "stripped.npz")
    # ... but files written before digests existed (version 2) still load, to the same model
    header["version"] = 2
    old = tmp_path / "v2.npz"
    np.savez(old, header=np.frombuffer(json.dumps(header).encode(), np.uint8), params=arrays["params"])
    program = synthetic_dataset(3, seed=1)
    np.testing.assert_array_equal(
        TFLM.load(old).predict_proba(program), TFLM.load(model_file).predict_proba(program)
    )


def test_a_spectrum_with_an_ignored_2_gib_member_is_refused(tmp_path):
    good = tmp_path / "s.npz"
    make_spectrum([[1, 0], [0, 1]], ["failed", "passed"]).save(good)
    Spectrum.load(good)
    with zipfile.ZipFile(good, "a") as zf:
        zf.writestr("junk.npy", npy_bytes(np.zeros(4, dtype=np.uint8)))
    bad = tmp_path / "junk.npz"
    bad.write_bytes(declare_size(good.read_bytes(), "junk.npy", 2 * 2**30))
    refused_quickly(Spectrum.load, bad, "unexpected members 'junk.npy'")


def test_spectrum_members_declaring_too_much_are_refused(tmp_path):
    path = tmp_path / "s.npz"
    make_spectrum([[1, 0], [0, 1]], ["failed", "passed"]).save(path)
    arrays = arrays_of(path)
    huge = tmp_path / "huge.npz"
    huge.write_bytes(declare_size(zip_bytes(arrays), "indices.npy", 2**31 + 2**30))
    refused_quickly(Spectrum.load, huge, "'indices' unpacks to 3072")
    short = tmp_path / "short.npz"  # honest sizes, but one duration for two tests
    short.write_bytes(zip_bytes({**arrays, "durations": arrays["durations"][:1]}))
    refused_quickly(Spectrum.load, short, "inconsistent lengths")


# ---- 8: every header field, any wrong type: a TflmError ------------------------------------------------
def _replace(obj, path, value):
    if not path:
        return value
    copy = json.loads(json.dumps(obj))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj[:4]):
            yield from _paths(v, (*prefix, i))


WRONG_TYPES = [
    (("meta", "params"), [1, 2]),
    (("meta",), "x"),
    (("meta", "fit_info"), 3),
    (("meta", "params", "min_instances"), {"a": 1}),
    (("version",), True),
    (("version",), "3"),
    (("format",), 1),
    (("schema",), []),
    (("schema", "line"), {}),
    (("schema", "line", 1, "bins"), 2.5),
    (("schema", "line", 1, "lo"), "a"),
    (("schema", "line", 1, "hi"), None),
    (("schema", "line", 1, "name"), 5),
    (("schema", "line", 0, "kind"), ["bernoulli"]),
    (("nodes",), {}),
    (("nodes", 0), []),
    (("nodes", 0, "var"), "0"),
    (("members",), {}),
    (("members", 0), "x"),
    (("members", 0, 0, "weight"), "1"),
    (("members", 0, 0, "functions"), {}),
]


def _load_and_predict(path: Path) -> None:
    """Load as the CLI does and predict; anything but a TflmError or probabilities in [0, 1] fails."""
    try:
        prob = TFLM.load(path).predict_proba(synthetic_dataset(3, seed=1))
    except TflmError:
        return
    assert np.all((prob >= 0) & (prob <= 1))


@pytest.mark.parametrize(("where", "value"), WRONG_TYPES, ids=lambda x: str(x))
def test_mistyped_header_fields_are_tflm_errors(model_file, tmp_path, where, value):
    arrays = arrays_of(model_file)
    for header in (header_of(arrays), as_version_2(header_of(arrays))):
        for path in write_both_ways(_replace(header, where, value), arrays["params"], tmp_path):
            with pytest.raises(TflmError):
                TFLM.load(path)


def test_meta_params_list_exits_2_with_one_line(model_file, tmp_path):
    arrays = arrays_of(model_file)
    header = as_version_2(_replace(header_of(arrays), ("meta", "params"), [1, 2]))
    np.savez(
        tmp_path / "bad.npz",
        header=np.frombuffer(json.dumps(header).encode(), np.uint8),
        params=arrays["params"],
    )
    make_spectrum([[1, 1], [1, 0]], ["failed", "passed"], line_no=[1, 2]).save(tmp_path / "s.npz")
    res = run_cli("report", str(tmp_path / "s.npz"), "--model", str(tmp_path / "bad.npz"))
    assert res.returncode == 2, res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "meta.params" in res.stderr


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


def _kind(x) -> str:
    return "int" if isinstance(x, int) and not isinstance(x, bool) else type(x).__name__


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_header_fields_of_the_wrong_type_only_give_tflm_errors(model_file, tmp_path_factory, data):
    arrays = arrays_of(model_file)
    header = header_of(arrays) if data.draw(st.booleans()) else as_version_2(header_of(arrays))
    top = data.draw(st.sampled_from(sorted(header)))  # each part of the header gets its share of cases
    where = data.draw(st.sampled_from(list(_paths(header[top], (top,)))))
    old = header
    for key in where:
        old = old[key]
    value = data.draw(JSON_VALUES.filter(lambda v: _kind(v) != _kind(old)))
    folder = tmp_path_factory.mktemp("fz")
    for path in write_both_ways(_replace(header, where, value), arrays["params"], folder):
        _load_and_predict(path)


# ---- 9: corpus bug ids ----------------------------------------------------------------------------------
@dataclass
class SameProgram:
    """A corpus whose every bug is the one mini program with one bug, under any id: only ids vary."""

    base: str
    ids: tuple[str, ...]
    name: str = "same"

    def bugs(self) -> list[Bug]:
        return [Bug(i, "mini", (), GroundTruth([("mini.py", 4)])) for i in self.ids]

    def prepare(self, bug: Bug, workdir: Path) -> tuple[Path, dict]:
        root = workdir / "mini"
        shutil.copytree(self.base, root)
        src = (root / "mini.py").read_text().replace("if x > hi:", "if x > lo:")
        (root / "mini.py").write_text(src)
        return root, {"autoload_plugins": False, "test_timeout": 10.0}


@pytest.fixture(scope="module")
def mini_base(tmp_path_factory) -> str:
    return str(make_mini_corpus(tmp_path_factory.mktemp("ids") / "corpus") / "mini")


def _mtimes(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (out / "bugs").iterdir()}


def test_colliding_long_and_nul_ids_all_get_their_own_records(mini_base, tmp_path):
    ids = ("mini/s001", "mini__s001", "x" * 300, "bad\x00id", "mini/s002")
    out = tmp_path / "ds"
    index = extract(SameProgram(mini_base, ids), out, workers=2)
    assert sorted(index["id"]) == sorted(ids) and index["id"].is_unique
    status = dict(zip(index["id"], index["status"], strict=True))
    assert status.pop("bad\x00id") == "failed" and set(status.values()) == {"ok"}
    error = index.set_index("id").loc["bad\x00id", "error"]
    assert "control characters" in error and "\x00" not in error
    assert index["stem"].is_unique
    assert sorted(pd.read_parquet(out / "index.parquet")["id"]) == sorted(ids)
    data = load_dataset(out)
    assert sorted(data["bug"].unique()) == sorted(status)
    assert data.groupby("bug")["faulty"].any().all()
    for stem in index.loc[index["status"] == "ok", "stem"]:
        assert Spectrum.load(out / "bugs" / f"{stem}.npz").n_tests == 6
    before = _mtimes(out)  # a rerun resumes: nothing is done again
    extract(SameProgram(mini_base, ids), out, workers=2)
    assert _mtimes(out) == before


def test_ids_no_record_could_hold_are_refused_up_front(mini_base, tmp_path):
    for ids, message in ((("ok", "bad\ud800"), "cannot be stored"), (("a", "a"), "more than once")):
        with pytest.raises(TflmError, match=message):
            extract(SameProgram(mini_base, ids), tmp_path / "ds", workers=1)
    assert not (tmp_path / "ds" / "index.parquet").exists()


def _to_old_layout(out: Path) -> None:
    """Rewrite a dataset as tflm wrote it before ``bug_stem``: ``/`` -> ``__`` names, no ``stem``."""
    for path in (out / "bugs").glob("*.json"):
        rec = json.loads(path.read_text())
        old = rec["id"].replace("/", "__")
        for ext in (".npz", ".parquet"):
            if (out / "bugs" / f"{rec.pop('stem', None) or path.stem}{ext}").exists():
                os.replace(out / "bugs" / f"{path.stem}{ext}", out / "bugs" / f"{old}{ext}")
        path.unlink()
        (out / "bugs" / f"{old}.json").write_text(json.dumps(rec))
    index = pd.read_parquet(out / "index.parquet")
    index.drop(columns="stem").to_parquet(out / "index.parquet", index=False)


def test_datasets_written_with_the_old_names_stay_readable_and_resumable(mini_base, tmp_path):
    out, ids = tmp_path / "ds", ("mini/s001", "odd id")
    extract(SameProgram(mini_base, ids), out, workers=2)
    _to_old_layout(out)
    assert sorted(p.name for p in (out / "bugs").iterdir()) == sorted(
        f"{s}{e}" for s in ("mini__s001", "odd id") for e in (".json", ".npz", ".parquet")
    )
    assert sorted(load_dataset(out)["bug"].unique()) == sorted(ids)  # an index without stems
    before = _mtimes(out)
    index = extract(SameProgram(mini_base, ids), out, workers=2)  # resumes: nothing redone
    assert _mtimes(out) == before and sorted(index["stem"]) == ["mini__s001", "odd id"]
    assert sorted(load_dataset(out)["bug"].unique()) == sorted(ids)
    # Once a corpus holds an id with the same old name, that old record may hold either bug: redone.
    assert "mini/s001" not in read_records(out, ("mini/s001", "mini__s001", "odd id"))
    more = (*ids, "mini__s001")
    index = extract(SameProgram(mini_base, more), out, workers=2)
    assert sorted(index["id"]) == sorted(more) and (index["status"] == "ok").all() and index["stem"].is_unique
    assert sorted(load_dataset(out)["bug"].unique()) == sorted(more)


def test_readable_ids_keep_their_file_names():
    assert bug_stem("mini/s001") == "mini__s001"
    assert bug_stem("quixbugs/gcd") == "quixbugs__gcd"
    assert bug_stem("mini__s001") != "mini__s001"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=400) | st.from_regex(r"[a-z_/]{1,12}", fullmatch=True), unique=True)
)
def test_bug_stems_are_one_to_one_and_safe_file_names(ids):
    stems = [bug_stem(i) for i in ids]
    assert len(set(stems)) == len(stems)
    for stem in stems:
        assert stem and len(stem) <= 150 and not stem.startswith(".")
        assert "/" not in stem and "\x00" not in stem
