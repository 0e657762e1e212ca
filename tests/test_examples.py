"""The research example runs, and docs/model.md (its "research workflow" section) shows the file as it is."""

import subprocess
import sys

from helpers import REPO


def test_docs_show_the_research_example_verbatim():
    doc = (REPO / "docs" / "model.md").read_text(encoding="utf-8")
    block = doc.split("<!-- research-example:start -->\n```python\n")[1].split(
        "```\n<!-- research-example:end -->"
    )[0]
    assert block == (REPO / "examples" / "research.py").read_text(encoding="utf-8")


def test_research_example_runs(tmp_path):
    res = subprocess.run(
        [sys.executable, str(REPO / "examples" / "research.py"), "--bugs", "48", "--out", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    assert "48 bugs" in res.stdout
    for method in ("tflm", "ochiai"):
        line = next(x for x in res.stdout.splitlines() if x.strip().startswith(method + ":"))
        top1 = float(line.split("Top-1")[1].split("%")[0])
        assert 0 <= top1 <= 100
    assert (tmp_path / "topn.png").read_bytes()[:4] == b"\x89PNG"
