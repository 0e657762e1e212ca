"""Source reading (encodings, executable lines) and source-file selection."""

import numpy as np
import pytest

from tflm.collection.files import find_sources, scratch_copy
from tflm.errors import SourceError, TflmError
from tflm.source import SourceFile, decode_source
from tflm.spectrum import Spectrum

CODE = '''"""doc"""
import os

@decorator
def f(a,
      b):
    """d"""
    x = (a +
         b)
    if x:
        return 1
    else:
        global q
    return [i
            for i in x]
'''


def test_executable_lines_skip_docstrings_else_and_global():
    assert SourceFile.parse(CODE).executable_lines.tolist() == [2, 5, 8, 10, 11, 14]


def test_multiline_statements_fold_to_their_first_line():
    src = SourceFile.parse(CODE)
    assert src.map_lines(np.array([4, 6, 9, 15, 12, 99, 0])).tolist() == [5, 8, 14]


def test_code_lines_exclude_blank_comment_and_docstring():
    assert sorted(SourceFile.parse(CODE).code_lines) == [2, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15]


def test_decode_honours_coding_cookie_and_bom():
    assert decode_source(b"# -*- coding: latin-1 -*-\nx = '\xe9'\n").endswith("x = '\u00e9'\n")
    assert decode_source(b"\xef\xbb\xbfx = 1\n") == "x = 1\n"


def test_decode_error_names_file_and_line():
    with pytest.raises(SourceError, match=r"m\.py: line 2 is not valid utf-8 \(byte 0xff\)"):
        decode_source(b"x = 1\ny = '\xff'\n", "m.py")


def test_syntax_error_names_file_and_line():
    with pytest.raises(SourceError, match=r"m\.py:2: syntax error"):
        SourceFile.parse("x = 1\ndef (:\n", "m.py")


def test_null_bytes():
    with pytest.raises(SourceError):
        SourceFile.parse("x = 1\0\n", "m.py")


def test_find_sources_default_omits_tests(tmp_path):
    for rel in [
        "pkg/a.py",
        "pkg/test_a.py",
        "tests/test_b.py",
        "conftest.py",
        "setup.py",
        "b_test.py",
        ".venv/lib/x.py",
        "build/lib/y.py",
        "docs/conf.py",
        "pkg/data.txt",
        "node_modules/z.py",
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x = 1\n")
    (tmp_path / "env").mkdir()
    (tmp_path / "env" / "pyvenv.cfg").write_text("")
    (tmp_path / "env" / "site.py").write_text("x = 1\n")
    assert find_sources(tmp_path) == ["pkg/a.py"]
    assert find_sources(tmp_path, omit=[]) == [
        "b_test.py",
        "conftest.py",
        "docs/conf.py",
        "pkg/a.py",
        "pkg/test_a.py",
        "setup.py",
        "tests/test_b.py",
    ]
    assert find_sources(tmp_path, include=["tests/"], omit=[]) == ["tests/test_b.py"]


def test_scratch_copy_leaves_out_vcs_and_envs(tmp_path):
    src = tmp_path / "src"
    (src / ".git").mkdir(parents=True)
    (src / ".git" / "HEAD").write_text("x")
    (src / "m.py").write_text("x = 1\n")
    dest = scratch_copy(src, tmp_path / "copy")
    assert (dest / "m.py").read_text() == "x = 1\n" and not (dest / ".git").exists()


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a zip at all", b"PK\x03\x04truncated"],
)
def test_damaged_spectrum_file(tmp_path, damage):
    path = tmp_path / "s.npz"
    path.write_bytes(damage)
    with pytest.raises(TflmError, match="not a readable tflm spectrum file"):
        Spectrum.load(path)


def test_truncated_spectrum_file(tmp_path):
    from helpers import make_spectrum

    path = tmp_path / "s.npz"
    make_spectrum([[1, 0], [0, 1]], ["failed", "passed"]).save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(TflmError, match="not a readable tflm spectrum file"):
        Spectrum.load(path)
