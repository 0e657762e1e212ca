"""The documentation stays true.

Documents: README.md, CONTRIBUTING.md, CHANGELOG.md, docs/*.md and benchmarks/README.md (plus the template
of the last, for links and paths). Every fenced code block of them is a test case, chosen by the first word
of its info string; any other info string (or none) fails, so no block is skipped silently:

- ``python``: executed in this process, in a fresh namespace, with the working directory a scratch folder
  holding a copy of ``examples/`` and a link to ``corpora/``. A block that mentions ``data/native`` gets a
  small dataset there (12 native bugs, extracted once per session) in place of the 3,676-bug one. The block
  between ``<!-- research-example:start -->`` and ``<!-- research-example:end -->`` is
  ``examples/research.py``; ``tests/test_examples.py`` checks that it is verbatim and runs it, and here we
  only check that both tests are still there.
- ``console``: each line ``$ tflm ...`` is run (as ``python -m tflm ...``, in a scratch folder as above, with
  ``COLUMNS=80``) and its stdout then stderr compared with the lines shown below it, up to the next ``$``.
  Table rows are compared cell by cell except the ``score`` column (whose digits may differ between numpy
  builds), box-drawing borders by their number of columns, text lines exactly (outer spaces aside). Only
  ``tflm`` commands may appear: they must be cheap.
- ``bash``: never run, but every command is checked (comments dropped, ``\\`` continuations joined, split at
  ``&&``, ``||``, ``;`` and ``|``): ``tflm`` and ``.venv/bin/tflm`` commands must parse with tflm's own
  argument parser; ``make TARGET [VAR=...]`` needs the target and the variable in the Makefile;
  ``python SCRIPT.py ...`` needs the script, and every flag shown among its ``add_argument`` calls;
  ``pytest`` (also as ``python -m pytest``) needs every flag in ``pytest --help``; ``python3 -m venv DIR``,
  ``pip install .``, ``ruff check|format PATHS`` need their paths; a ``> FILE`` redirect needs FILE's
  folder. A command of any other kind fails.
- ``text``: a synopsis. A line starting ``tflm `` or ``pytest `` opens a command, indented lines continue it,
  and every ``-x`` / ``--flag`` on it must be an option of that command (of the sub-command's parser for
  ``tflm localize``, ``tflm corpus extract``...; of the top-level parser when no sub-command is named).
- ``json``: the block parses, and has the same keys at every level as the real
  ``tflm localize examples/shop --json --top 2`` output, with the same ``schema``, ``method``, ``tests`` and
  ranked lines (file, line, rank).

Besides: every relative link resolves inside the repository, with its ``#anchor`` naming a heading of the
target; every repository path in backticks exists (a path under a folder that ``.gitignore`` lists, such as
``data/``, is generated and allowed; a placeholder segment such as ``NAME`` or ``*`` checks the folder before
it); every ``docs/….md#anchor`` cited in the code names a heading; README.md is at most 15 KB; and
benchmarks/README.md is exactly what ``benchmarks/write_readme.py`` writes.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from helpers import REPO

DOCS = sorted(
    [REPO / "README.md", REPO / "CONTRIBUTING.md", REPO / "CHANGELOG.md", REPO / "benchmarks" / "README.md"]
    + list((REPO / "docs").glob("*.md"))
)
LINKED = [*DOCS, REPO / "benchmarks" / "README.template.md"]
KINDS = ("python", "console", "bash", "text", "json")
README_LIMIT = 15_000  # bytes
RESEARCH_START = "<!-- research-example:start -->"


def rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


# ---- reading the documents ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Block:
    doc: Path
    line: int  # of the opening fence, 1-based
    info: str
    code: str
    research: bool  # right after the research-example marker

    @property
    def kind(self) -> str:
        return self.info.split()[0] if self.info.strip() else ""

    @property
    def where(self) -> str:
        return f"{rel(self.doc)}:{self.line}"


FENCE = re.compile(r"^(```+)(.*)$")


def blocks(doc: Path) -> list[Block]:
    lines = doc.read_text(encoding="utf-8").splitlines()
    out, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start, fence = i, m.group(1)
        body = []
        i += 1
        while i < len(lines) and lines[i].rstrip() != fence:
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise AssertionError(f"{rel(doc)}:{start + 1}: unclosed code block")
        research = start > 0 and lines[start - 1].strip() == RESEARCH_START
        out.append(Block(doc, start + 1, m.group(2).strip(), "\n".join(body) + "\n", research))
        i += 1
    return out


def prose(doc: Path) -> str:
    """The document without its fenced blocks."""
    return re.sub(r"^```.*?^```[^\n]*$", "", doc.read_text(encoding="utf-8"), flags=re.S | re.M)


ALL_BLOCKS = [b for doc in DOCS for b in blocks(doc)]


def slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    text = re.sub(r"[`*_]|<[^>]+>", "", heading).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


@cache
def anchors(doc: Path) -> frozenset[str]:
    seen: dict[str, int] = {}
    out = set()
    for line in prose(doc).splitlines():
        m = re.match(r"^#{1,6} (.+?)\s*#*$", line)
        if m:
            s = slug(m.group(1))
            n = seen.get(s, 0)
            seen[s] = n + 1
            out.add(s if n == 0 else f"{s}-{n}")
    return frozenset(out)


# ---- the places a block runs in ----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def tiny_native(tmp_path_factory) -> Path:
    """A 12-bug dataset of the native corpus, standing in for data/native."""
    from tflm.corpora.extract import extract
    from tflm.corpora.native import NativeCorpus

    out = tmp_path_factory.mktemp("native") / "data"
    index = extract(NativeCorpus(REPO / "corpora" / "native").subset(12, stride=40), out, workers=2)
    assert (index["status"] == "ok").sum() >= 10
    return out


def workdir(tmp: Path, request, code: str) -> Path:
    shutil.copytree(REPO / "examples", tmp / "examples", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp / "corpora").symlink_to(REPO / "corpora")
    if "data/native" in code:
        (tmp / "data").mkdir()
        (tmp / "data" / "native").symlink_to(request.getfixturevalue("tiny_native"))
    return tmp


def tflm_env() -> dict[str, str]:
    env = dict(os.environ, COLUMNS="80", TERM="dumb")
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])
    env.pop("FORCE_COLOR", None)
    return env


def run_tflm(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tflm", *args],
        cwd=cwd,
        env=tflm_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


# ---- console output ----------------------------------------------------------------------------------------
BORDER = set("┏┓┗┛┡┩└┘┃━┳┻╇┴┬┼─│ ┯┷╸╺")


def compare_output(expected: list[str], actual: list[str], where: str) -> None:
    assert len(expected) == len(actual), f"{where}: {len(expected)} lines shown, {len(actual)} printed:\n" + (
        "\n".join(actual)
    )
    score_col = None
    for e, a in zip(expected, actual, strict=True):
        if e.startswith("┃") and a.startswith("┃"):  # the header row
            names = [c.strip() for c in e.strip().strip("┃").split("┃")]
            assert names == [c.strip() for c in a.strip().strip("┃").split("┃")], f"{where}: {a}"
            score_col = names.index("score") if "score" in names else None
        elif e.startswith("│") and a.startswith("│"):  # a table row
            ec = [c.strip() for c in e.strip().strip("│").split("│")]
            ac = [c.strip() for c in a.strip().strip("│").split("│")]
            assert len(ec) == len(ac), f"{where}: {a}"
            for i, (x, y) in enumerate(zip(ec, ac, strict=True)):
                if i == score_col:
                    float(y)  # a number, whatever its digits
                elif x.endswith("…") or y.endswith("…"):  # truncated to the column width
                    assert x.rstrip("…").startswith(y.rstrip("…")) or y.rstrip("…").startswith(x.rstrip("…"))
                else:
                    assert x == y, f"{where}: shown {e!r}, printed {a!r}"
        elif e.strip() and set(e.strip()) <= BORDER:  # a border: the same number of columns
            assert set(a.strip()) <= BORDER, f"{where}: {a}"
            assert sum(e.count(c) for c in "┳╇┴┬┼") == sum(a.count(c) for c in "┳╇┴┬┼"), f"{where}: {a}"
        else:
            assert e.strip() == a.strip(), f"{where}: shown {e!r}, printed {a!r}"


def console_steps(block: Block) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for line in block.code.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            assert steps, f"{block.where}: output before any $ command"
            steps[-1][1].append(line)
    assert steps, f"{block.where}: a console block without a $ command"
    return steps


# ---- static checks of commands -----------------------------------------------------------------------------
@cache
def tflm_parsers() -> dict[tuple[str, ...], object]:
    """The parser of every tflm command: () for the top level, ("localize",), ("corpus", "extract")..."""
    import argparse

    from tflm.cli import _parser

    out: dict[tuple[str, ...], object] = {}

    def walk(parser, path):
        out[path] = parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, (*path, name))

    walk(_parser(), ())
    return out


def check_tflm(args: list[str], where: str) -> None:
    from tflm.cli import _parser

    parser = _parser()
    try:
        parser.parse_args(args)
    except SystemExit as exc:  # argparse reports on stderr and exits 2
        raise AssertionError(f"{where}: tflm {shlex.join(args)} does not parse (exit {exc.code})") from None
    # argparse also takes a prefix of an option (--work for --workers): the docs spell options out
    parsers, path = tflm_parsers(), ()
    for word in args:
        if (*path, word) in parsers:
            path = (*path, word)
    known = set().union(*(parsers[path[:i]]._option_string_actions for i in range(len(path) + 1)))
    unknown = [f for f in flags_in(args) if f not in known]
    assert not unknown, f"{where}: tflm {shlex.join(args)}: {unknown} abbreviated or unknown"


@cache
def makefile() -> tuple[frozenset[str], frozenset[str]]:
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z][\w.-]*)\s*:(?!=)", text, flags=re.M))
    variables = set(re.findall(r"^([A-Z_][A-Z0-9_]*)\s*[?:]?=", text, flags=re.M))
    return frozenset(targets), frozenset(variables)


@cache
def declared_flags(script: Path) -> frozenset[str]:
    """Every option string of the script's add_argument / addoption calls."""
    flags = set()
    for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in ("add_argument", "addoption"):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.startswith("-"):
                    flags.add(arg.value)
    return frozenset(flags | {"-h", "--help"})


@cache
def pytest_flags() -> frozenset[str]:
    res = subprocess.run(
        [sys.executable, "-m", "pytest", "--help", "-p", "no:cacheprovider"],
        cwd=REPO / "examples" / "shop",
        env=tflm_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    return frozenset(re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*)", res.stdout))


def flags_in(tokens: list[str]) -> list[str]:
    out = []
    for t in tokens:
        m = re.fullmatch(r"(--?[A-Za-z][\w-]*)(=.*)?", t)
        if m:
            flag = m.group(1)
            if re.fullmatch(r"-([A-Za-z])\1+", flag):  # -vv is -v twice
                flag = flag[:2]
            out.append(flag)
    return out


def split_commands(code: str) -> list[list[str]]:
    text = re.sub(r"\\\n", " ", code)
    commands: list[list[str]] = []
    for line in text.splitlines():
        lex = shlex.shlex(line, posix=True, punctuation_chars="&|;>")
        lex.whitespace_split = True
        lex.commenters = "#"
        current: list[str] = []
        for token in lex:
            if token in ("&&", "||", ";", "|"):
                commands.append(current)
                current = []
            else:
                current.append(token)
        if current:
            commands.append(current)
    return [c for c in commands if c]


def check_command(tokens: list[str], where: str) -> None:
    if ">" in tokens:  # a redirect: the file's folder must exist
        i = tokens.index(">")
        target = REPO / tokens[i + 1]
        assert target.parent.is_dir(), f"{where}: no folder for {tokens[i + 1]}"
        tokens = tokens[:i]
    head, args = tokens[0], tokens[1:]
    name = head.rsplit("/", 1)[-1]
    if name == "tflm":
        check_tflm(args, where)
    elif name == "make":
        targets, variables = makefile()
        for arg in args:
            if "=" in arg:
                assert arg.split("=", 1)[0] in variables, f"{where}: the Makefile has no variable {arg}"
            else:
                assert arg in targets, f"{where}: the Makefile has no target {arg!r}"
        assert args, f"{where}: a bare make"
    elif name in ("python", "python3") and args[:2] == ["-m", "venv"]:
        assert len(args) == 3, f"{where}: python -m venv DIR"
    elif (name in ("python", "python3") and args[:2] == ["-m", "pytest"]) or name == "pytest":
        rest = args[2:] if name != "pytest" else args
        unknown = [f for f in flags_in(rest) if f not in pytest_flags()]
        assert not unknown, f"{where}: pytest has no {unknown}"
    elif name in ("python", "python3"):
        script = REPO / args[0]
        assert script.suffix == ".py" and script.is_file(), f"{where}: no script {args[0]}"
        unknown = [f for f in flags_in(args[1:]) if f not in declared_flags(script)]
        assert not unknown, f"{where}: {args[0]} has no option {unknown}"
    elif name == "pip":
        assert args[0] == "install" and len(args) == 2, f"{where}: pip install PATH"
        target = args[1]
        m = re.fullmatch(r"(.*?)(\[([\w,]+)\])?", target)
        assert (REPO / m.group(1) / "pyproject.toml").is_file(), f"{where}: nothing to install at {target}"
        if m.group(3):
            import tomllib

            extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]
            assert set(m.group(3).split(",")) <= set(extras), f"{where}: unknown extra in {target}"
    elif name == "ruff":
        assert args[0] in ("check", "format"), f"{where}: ruff {args[0]}"
        for path in (a for a in args[1:] if not a.startswith("-")):
            assert (REPO / path).exists(), f"{where}: no {path}"
    else:
        raise AssertionError(f"{where}: a command tests/test_docs.py cannot check: {shlex.join(tokens)}")


def synopsis_commands(code: str) -> list[str]:
    commands: list[str] = []
    for line in code.splitlines():
        if line.startswith(("tflm ", "pytest ")) or line in ("tflm", "pytest"):
            commands.append(line)
        elif line.startswith(" ") and commands:
            commands[-1] += " " + line.strip()
        elif line.strip():
            raise AssertionError(f"a synopsis line that is neither a command nor indented: {line!r}")
    return commands


def check_synopsis(command: str, where: str) -> None:
    words = command.replace("[", " ").replace("]", " ").replace("|", " ").split()
    if words[0] == "pytest":
        known = pytest_flags()
    else:
        parsers = tflm_parsers()
        path: tuple[str, ...] = ()
        for word in words[1:]:
            if (*path, word) in parsers:
                path = (*path, word)
            else:
                break
        known = frozenset(parsers[path]._option_string_actions)
    unknown = [f for f in flags_in(words[1:]) if f not in known]
    assert not unknown, f"{where}: {words[0]} {' '.join(words[1:3])}... has no option {unknown}"


def same_keys(doc: object, real: object, path: str) -> None:
    if isinstance(real, dict):
        assert isinstance(doc, dict) and set(doc) == set(real), (
            f"{path}: keys {sorted(doc)} != {sorted(real)}"
        )
        for k in real:
            same_keys(doc[k], real[k], f"{path}.{k}")
    elif isinstance(real, list) and real and isinstance(real[0], dict):
        assert isinstance(doc, list) and doc, path
        for item in doc:
            same_keys(item, real[0], f"{path}[]")


# ---- the tests ---------------------------------------------------------------------------------------------
def test_every_block_has_a_known_kind():
    unknown = [f"{b.where} ({b.info!r})" for b in ALL_BLOCKS if b.kind not in KINDS]
    assert not unknown, "code blocks tests/test_docs.py does not know how to check: " + ", ".join(unknown)


@pytest.mark.parametrize("block", [b for b in ALL_BLOCKS if b.kind == "python"], ids=lambda b: b.where)
def test_python_block_runs(block, tmp_path, monkeypatch, request):
    if block.research:
        # examples/research.py verbatim: tests/test_examples.py checks the copy and runs the file.
        source = (REPO / "tests" / "test_examples.py").read_text(encoding="utf-8")
        assert f'"{block.doc.name}"' in source and "def test_research_example_runs" in source
        assert block.code == (REPO / "examples" / "research.py").read_text(encoding="utf-8")
        return
    monkeypatch.chdir(workdir(tmp_path, request, block.code))
    exec(compile(block.code, block.where, "exec"), {"__name__": "__docs__"})


@pytest.mark.parametrize("block", [b for b in ALL_BLOCKS if b.kind == "console"], ids=lambda b: b.where)
def test_console_block_prints_what_it_shows(block, tmp_path, request):
    cwd = workdir(tmp_path, request, block.code)
    for command, shown in console_steps(block):
        args = shlex.split(command)
        assert args[0] == "tflm", f"{block.where}: only tflm commands run in console blocks"
        res = run_tflm(args[1:], cwd)
        assert res.returncode == 0, f"{block.where}: {command}: {res.stderr[-2000:]}"
        printed = (res.stdout + res.stderr).splitlines()
        compare_output(shown, printed, f"{block.where}: $ {command}")


@pytest.mark.parametrize("block", [b for b in ALL_BLOCKS if b.kind == "bash"], ids=lambda b: b.where)
def test_bash_block_commands_are_valid(block):
    commands = split_commands(block.code)
    assert commands, f"{block.where}: an empty bash block"
    for tokens in commands:
        check_command(tokens, block.where)


@pytest.mark.parametrize("block", [b for b in ALL_BLOCKS if b.kind == "text"], ids=lambda b: b.where)
def test_synopsis_names_real_options(block):
    commands = synopsis_commands(block.code)
    assert commands, f"{block.where}: a text block that is no synopsis"
    for command in commands:
        check_synopsis(command, block.where)


@pytest.mark.parametrize("block", [b for b in ALL_BLOCKS if b.kind == "json"], ids=lambda b: b.where)
def test_json_block_has_the_real_shape(block, tmp_path, request):
    doc = json.loads(block.code)
    res = run_tflm(
        ["-q", "localize", "examples/shop", "--json", "--top", "2"], workdir(tmp_path, request, "")
    )
    assert res.returncode == 0, res.stderr[-2000:]
    real = json.loads(res.stdout)
    same_keys(doc, real, "$")
    for key in ("schema", "method", "tests"):
        assert doc[key] == real[key], f"{block.where}: {key}"
    strip = [{k: x[k] for k in ("file", "line", "rank")} for x in real["lines"]]
    assert [{k: x[k] for k in ("file", "line", "rank")} for x in doc["lines"]] == strip


def test_readme_is_at_most_15_kb():
    size = (REPO / "README.md").stat().st_size
    assert size <= README_LIMIT, f"README.md is {size} bytes; move detail into docs/ (limit {README_LIMIT})"


@cache
def ignored_folders() -> tuple[str, ...]:
    lines = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    return tuple(x.strip().lstrip("/") for x in lines if x.strip().endswith("/") and "*" not in x)


TOP_LEVEL = {p.name for p in REPO.iterdir() if p.name != ".git"}
PLACEHOLDER = re.compile(r"^(.*[*…].*|.*\.\.\..*|[A-Z][A-Z_]+(\.\w+)?|N)$")


def path_problem(text: str, doc: Path) -> str | None:
    """Why a backticked span naming a repository path does not exist (None if it does, or is no path)."""
    text = re.sub(r":\d+$", "", text.split("#")[0])  # FILE:LINE and FILE#anchor
    for base in dict.fromkeys((REPO, doc.parent)):
        first = text.split("/")[0]
        names = TOP_LEVEL if base == REPO else {p.name for p in base.iterdir()}
        if first not in names:
            continue
        parts = text.rstrip("/").split("/")
        for i, part in enumerate(parts):
            if PLACEHOLDER.match(part):
                parts = parts[:i]
                break
        candidate = "/".join(parts)
        if (base / candidate).exists():
            return None
        full = (base / candidate).relative_to(REPO).as_posix()
        if any(full == f.rstrip("/") or full.startswith(f) for f in ignored_folders()):
            return None  # generated, not committed
        return f"`{text}` does not exist"
    return None


def test_links_and_paths_exist():
    problems = []
    for doc in LINKED:
        text = prose(doc)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue  # a URL
            file, _, anchor = target.partition("#")
            dest = (doc.parent / file).resolve() if file else doc
            if not dest.exists() or REPO not in (dest, *dest.parents):
                problems.append(f"{rel(doc)}: link to {target}: no such file in the repository")
            elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
                problems.append(f"{rel(doc)}: link to {target}: no heading #{anchor} in {rel(dest)}")
        for span in re.findall(r"`([^`\n]+)`", text):
            spans = [span]
            git = re.fullmatch(r"git show [0-9a-f]{7,40}:(\S+)", span)
            if git:
                spans = [git.group(1)]  # a file as an earlier commit held it: the file is still in the repo
            for s in spans:
                if " " in s:
                    continue  # a command or an expression, not a path
                problem = path_problem(s, doc)
                if problem:
                    problems.append(f"{rel(doc)}: {problem}")
    assert not problems, "\n".join(problems)


def test_cited_doc_anchors_exist():
    cites = re.compile(r"(docs/[\w-]+\.md)(?:#([\w-]+))?")
    sources = [*REPO.glob("tflm/**/*.py"), *REPO.glob("tests/*.py"), *REPO.glob("benchmarks/*.py"), *LINKED]
    problems = []
    for path in sources:
        for file, anchor in cites.findall(path.read_text(encoding="utf-8")):
            if not (REPO / file).is_file():
                problems.append(f"{rel(path)}: cites {file}, which does not exist")
            elif anchor and anchor not in anchors(REPO / file):
                problems.append(f"{rel(path)}: cites {file}#{anchor}, which is no heading")
    assert not problems, "\n".join(problems)


def test_no_design_notes_cited():
    # The design notes the code once cited by section were never in the repository; docs/ replaces them.
    sources = [*REPO.glob("tflm/**/*.py"), *REPO.glob("tests/*.py"), *REPO.glob("benchmarks/*.py"), *LINKED]
    design = "DESIGN" + ".md"
    cited = [rel(p) for p in sources if design in p.read_text(encoding="utf-8")]
    assert not cited, f"{design} is cited in {cited}"


def _write_readme():
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import write_readme
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return write_readme


def test_benchmarks_readme_is_generated_from_results():
    wr = _write_readme()
    expected = wr.render(wr.TEMPLATE.read_text(encoding="utf-8"))
    committed = (REPO / "benchmarks" / "README.md").read_text(encoding="utf-8")
    assert committed == expected, "benchmarks/README.md is stale: run python benchmarks/write_readme.py"


def test_benchmarks_readme_generator_refuses_a_directive_that_matches_nothing():
    wr = _write_readme()
    one = wr.render("<!-- include: results/accuracy.md table=1 -->\n").splitlines()
    assert sum(line.startswith("|---") for line in one) == 1 and one[-1].startswith("| tarantula |")
    for bad in (
        '<!-- include: results/accuracy.md section="no such heading" -->',
        "<!-- include: results/no-such-file.txt -->",
        "<!-- include: results/accuracy.md table=99 -->",
        "<!-- include: results/accuracy.md -->",
        "<!-- include results/accuracy.md -->",
    ):
        with pytest.raises(wr.TemplateError):
            wr.render(bad + "\n")
