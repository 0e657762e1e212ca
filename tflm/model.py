"""``tflm.TFLM``: the Tractable Fault Localization Model as a scikit-learn-style estimator.

>>> model = TFLM(random_state=0).fit(dataset)          # line tables of many buggy programs, with "faulty"
>>> p = model.predict_proba(table)                     # P(bug | evidence) for every line of a new program
>>> p1 = model.predict_proba(table, bugs=1, clean=[("shop/cart.py", 12)])

Unlike a per-row classifier, the rows of one program are not independent: the model is a joint distribution
over all of a program's lines (see :mod:`tflm.rspn.relational`), so evidence about some lines — marked clean,
marked buggy, "exactly k bugs", "the bug is in function f" — re-ranks the others with no retraining.
"""

from __future__ import annotations

import copy
import functools
import inspect
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.special import logsumexp

from tflm.constraints import Constraint, InstanceOf, Interval, Options, check, check_all
from tflm.errors import DataError, InvalidParameterError, NotFittedError, TflmError
from tflm.rank import Ranking
from tflm.rspn.inference import (
    MAX_BUGS,
    Grounding,
    ground,
    ground_all,
    log_marginal,
    mixture_posterior,
    posterior,
    posterior_exactly,
)
from tflm.rspn.io import load_rspns, save_rspn
from tflm.rspn.leaves import ALPHA
from tflm.rspn.relational import RSPN
from tflm.rspn.schema import DEFAULT_SCHEMA, LABEL, Schema, design

Line = tuple[str, int]
log = logging.getLogger(__name__)


def default_model_path() -> Path:
    """The model shipped in the package (trained on the native corpus)."""
    return Path(str(resources.files("tflm") / "models" / "default.npz"))


class TFLM:
    """Tractable Fault Localization Model: a relational SPN over Program ⊃ Function ⊃ Line.

    Parameters
    ----------
    n_program_clusters : int
        Mixture components of the Program class (clusters of programs).
    n_function_clusters : int
        Mixture components of the Function class within each program component.
    min_instances : int
        LearnSPN stops splitting below this many objects (then factorises).
    branch_share : float
        Inside each label branch of a line SPN, clusters stop at this share of the branch at most. The faulty
        branch is small (about 1 % of lines); without this it would be factorised naively, which makes the
        model overconfident in lines whose (correlated) scores are all high.
    max_depth : int
        Maximum depth of each class SPN.
    alpha : float
        Significance level of the G-test used to split variables.
    smoothing : float
        Pseudo-count of the discrete and histogram leaves. The default (5) is stronger than Laplace's: on
        real bugs (QuixBugs) it stops a feature value that is rare among the corpus's faulty lines (a ``for``
        header) from vetoing a line whose spectrum points at it.
    n_estimators : int
        Members of the ensemble: RSPNs learned with different seeds (the k-means starts and the G-test
        samples). The model is their equal-weight mixture of conditionals, P(B | x) = (1/M) Σ_m P_m(B | x),
        still exact: evidence about the labels reweights each member by P_m(evidence | x). One fit's Top-1
        swings by several points with the seed; three members remove much of that and rank better
        (benchmarks/README.md). Inference costs grow with the members.
    objective : {"generative", "listwise"}
        ``"generative"`` (default) keeps LearnRSPN's maximum-likelihood parameters. ``"listwise"`` then
        re-fits parameters (structure kept) to maximise, per training program, log P(the bug is one of its
        faulty lines | exactly one bug, the features): see :mod:`tflm.rspn.discriminative`. On our corpus it
        does not rank better and on real bugs (QuixBugs) worse, so it is not the default
        (benchmarks/README.md).
    l2 : float
        Listwise only: strength of the pull toward the generative parameters.
    max_iter : int
        Listwise only: L-BFGS iterations.
    listwise_params : {"all", "weights"}
        Listwise only: re-fit every parameter, or only the mixing ones (sum weights, mixture levels, label
        leaves), keeping the generative leaves over features.
    listwise_programs : int or None
        Listwise only: train on at most this many programs, drawn at random (seeded) from those with a faulty
        line; ``None`` uses them all. Each L-BFGS step costs a forward and a reverse pass over their lines.
    random_state : int
        Seed; a fixed seed gives a deterministic fit.
    schema : Schema, optional
        Which line-table columns are variables of which class (default :data:`DEFAULT_SCHEMA`).

    Attributes
    ----------
    members_ : list of RSPN
        The learned members (after :meth:`fit` or :meth:`load`); ``rspn_`` is the first.
    fit_info_ : dict
        Facts about the fit: programs, lines, faulty lines, seconds, model size.

    Every parameter is keyword-only and checked against :attr:`parameter_constraints` by :meth:`fit` (and by
    :meth:`load`), as scikit-learn does: the constructor only stores them.
    """

    #: What each constructor parameter may be (checked by :meth:`fit`); None allows the value None.
    parameter_constraints: dict[str, list[Constraint]] = {
        "n_program_clusters": [Interval(int, 1)],
        "n_function_clusters": [Interval(int, 1)],
        "min_instances": [Interval(int, 1)],
        "branch_share": [Interval(float, 0, 1, closed="right")],
        "max_depth": [Interval(int, 1)],
        "alpha": [Interval(float, 0, 1, closed="neither")],
        "smoothing": [Interval(float, 0, None, closed="neither")],
        "n_estimators": [Interval(int, 1)],
        "objective": [Options(("generative", "listwise"))],
        "l2": [Interval(float, 0)],
        "max_iter": [Interval(int, 0)],
        "listwise_params": [Options(("all", "weights"))],
        "listwise_programs": [Interval(int, 1), None],
        "random_state": [Interval(int, 0)],
        "schema": [InstanceOf(Schema), None],
    }

    def __init__(
        self,
        *,
        n_program_clusters: int = 2,
        n_function_clusters: int = 3,
        min_instances: int = 20000,
        branch_share: float = 0.2,
        max_depth: int = 12,
        alpha: float = 1e-3,
        smoothing: float = 5.0,
        n_estimators: int = 3,
        objective: str = "generative",
        l2: float = 1e-3,
        max_iter: int = 30,
        listwise_params: str = "weights",
        listwise_programs: int | None = 600,
        random_state: int = 0,
        schema: Schema | None = None,
    ) -> None:
        self.n_program_clusters = n_program_clusters
        self.n_function_clusters = n_function_clusters
        self.min_instances = min_instances
        self.branch_share = branch_share
        self.max_depth = max_depth
        self.alpha = alpha
        self.smoothing = smoothing
        self.n_estimators = n_estimators
        self.objective = objective
        self.l2 = l2
        self.max_iter = max_iter
        self.listwise_params = listwise_params
        self.listwise_programs = listwise_programs
        self.random_state = random_state
        self.schema = schema

    # ---- scikit-learn contract -------------------------------------------------------------------------
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor parameters, as scikit-learn's ``BaseEstimator.get_params``."""
        return {
            name: getattr(self, name)
            for name in inspect.signature(TFLM.__init__).parameters
            if name != "self"
        }

    def set_params(self, **params: Any) -> TFLM:
        valid = self.get_params()
        for key, value in params.items():
            if key not in valid:
                raise InvalidParameterError(f"invalid parameter {key!r} for TFLM; valid: {', '.join(valid)}")
            setattr(self, key, value)
        return self

    def __repr__(self) -> str:
        changed = {
            k: v for k, v in self.get_params().items() if v != inspect.signature(TFLM).parameters[k].default
        }
        return f"TFLM({', '.join(f'{k}={v!r}' for k, v in changed.items())})"

    @property
    def schema_(self) -> Schema:
        return self.rspn_.schema

    @property
    def rspn_(self) -> RSPN:
        """The first member of the ensemble (the model itself when ``n_estimators == 1``)."""
        return self._check_fitted()[0]

    @rspn_.setter
    def rspn_(self, model: RSPN) -> None:
        self.members_ = [model]

    def _check_fitted(self) -> list[RSPN]:
        members: list[RSPN] | None = getattr(self, "members_", None)
        if not members:
            raise NotFittedError("this TFLM is not fitted yet: call fit() or TFLM.load() first")
        return members

    def fit(self, dataset: pd.DataFrame, progress: Callable[[int, int], None] | None = None) -> TFLM:
        """Learn the relational SPN from the line tables of many buggy programs.

        Parameters
        ----------
        dataset : DataFrame
            Rows of :func:`tflm.features.line_table` for many programs, with a ``bug`` column naming each
            program and a boolean ``faulty`` column (as :func:`tflm.corpora.extract.load_dataset` returns).
        progress : callable, optional
            ``progress(done, total)`` as each member's class SPNs are learned, then as its listwise training
            iterates.
        """
        check_all(self.get_params(), self.parameter_constraints)
        if not isinstance(dataset, pd.DataFrame):
            raise InvalidParameterError(
                "fit() takes a pandas DataFrame of line tables (see tflm.corpora.load_dataset)"
            )
        for col in ("bug", LABEL, "func_id"):
            if col not in dataset:
                raise DataError(f"the dataset has no {col!r} column")
        if dataset["bug"].nunique() < 2 or not dataset[LABEL].any():
            raise DataError("fit() needs at least two programs and at least one faulty line")
        schema = self.schema or DEFAULT_SCHEMA
        t0 = time.perf_counter()
        d = design(dataset, schema, with_label=True)
        m = int(self.n_estimators)
        # progress units per member: the class SPNs LearnRSPN can learn at most, then the L-BFGS iterations
        learn_units = int(self.n_program_clusters) * (1 + 2 * int(self.n_function_clusters))
        per_member = learn_units + (int(self.max_iter) if self.objective == "listwise" else 0)
        part_d = part_y = None  # the listwise programs, shared by every member
        if self.objective == "listwise" and self.max_iter > 0:
            part = self._listwise_rows(dataset)
            part_d, part_y = design(part, schema, with_label=True), part[LABEL].to_numpy(dtype=bool)
        # Only fitting needs the learners (and scipy.optimize, scipy.stats): loading and ranking stay light.
        from tflm.rspn.discriminative import fit_listwise
        from tflm.rspn.learn import LearnParams
        from tflm.rspn.relational import learn_rspn

        params = LearnParams(
            min_instances=self.min_instances,
            branch_share=self.branch_share,
            max_depth=self.max_depth,
            alpha=self.alpha,
            smoothing=float(self.smoothing),
        )
        seeds = np.random.SeedSequence(self.random_state).spawn(m)
        self.members_, trained = [], []
        for i in range(m):
            member = learn_rspn(
                d,
                schema,
                n_program_clusters=self.n_program_clusters,
                n_function_clusters=self.n_function_clusters,
                params=params,
                rng=np.random.default_rng(seeds[i]),
                progress=(
                    # ignore: mypy cannot infer a lambda with a default argument (i=i) in this context
                    lambda done, total, i=i: progress(  # type: ignore[misc]
                        i * per_member + round(learn_units * done / total), m * per_member
                    )
                )
                if progress
                else None,
            )
            if part_d is not None:
                assert part_y is not None  # set together with part_d
                step = (
                    (lambda it, _t, i=i: progress(i * per_member + learn_units + it, m * per_member))
                    if progress
                    else None
                )
                result = fit_listwise(
                    member,
                    part_d,
                    part_y,
                    l2=self.l2,
                    max_iter=int(self.max_iter),
                    params=self.listwise_params,
                    progress=step,
                )
                trained.append(asdict(result))
            self.members_.append(member)
        self.fit_info_: dict[str, Any] = {
            "programs": len(d.programs),
            "lines": int(len(d.line_x)),
            "faulty_lines": int(dataset[LABEL].sum()),
            "seconds": round(time.perf_counter() - t0, 2),
            "members": m,
            "size": sum(member.size for member in self.members_),
            "paths": sum(len(member.paths) for member in self.members_),
        }
        if trained:
            self.fit_info_["listwise"] = trained
        log.info("fitted %s", self.fit_info_)
        return self

    def _listwise_rows(self, dataset: pd.DataFrame) -> pd.DataFrame:
        """The training programs of the listwise stage: those with a faulty line, subsampled if asked."""
        has_fault = dataset.groupby("bug", sort=False)[LABEL].transform("any").to_numpy(dtype=bool)
        rows = dataset[has_fault]
        cap = self.listwise_programs
        programs = rows["bug"].unique()
        if cap is not None and len(programs) > int(cap):
            rng = np.random.default_rng(self.random_state)
            keep = rng.choice(programs, int(cap), replace=False)
            rows = rows[rows["bug"].isin(keep)]
        return rows

    # ---- queries -------------------------------------------------------------------------------------
    def _evidence(
        self, table: pd.DataFrame, clean: Iterable[Line], buggy: Iterable[Line], evidence: np.ndarray | None
    ) -> np.ndarray:
        if not isinstance(table, pd.DataFrame):
            raise InvalidParameterError("the table must be a line table (pandas DataFrame)")
        e = np.full(len(table), np.nan) if evidence is None else np.asarray(evidence, dtype=float).copy()
        if e.shape != (len(table),):
            raise DataError(f"evidence needs one entry per row ({len(table)})")
        marks = [(x, 0.0) for x in clean] + [(x, 1.0) for x in buggy]
        if not marks:
            return e
        if "bug" in table and table["bug"].nunique() > 1:
            raise DataError("clean/buggy lines name (file, line) of one program; pass evidence= for many")
        where = {
            (str(f), int(n)): i for i, (f, n) in enumerate(zip(table["file"], table["line"], strict=True))
        }
        for (file, line), value in marks:
            i = where.get((str(file), int(line)))
            if i is None:
                raise DataError(f"{file}:{line} is not an executable line of this program")
            e[i] = value
        return e

    def predict_proba(
        self,
        table: pd.DataFrame,
        *,
        clean: Iterable[Line] = (),
        buggy: Iterable[Line] = (),
        bugs: int | None = None,
        in_function: str | None = None,
        evidence: np.ndarray | None = None,
    ) -> np.ndarray:
        """P(line is faulty | the program's features and the evidence), one value per row of ``table``.

        Parameters
        ----------
        table : DataFrame
            A line table (:func:`tflm.features.line_table`); several programs when it has a ``bug`` column.
        clean, buggy : iterable of (file, line)
            Lines known to be clean or faulty (developer feedback).
        bugs : int, optional
            Condition on exactly this many faulty lines per program (1 to 8).
        in_function : str, optional
            Condition on "the bug is in this function": its qualified name (``file::Class.method``) or its
            bare name. Lines outside it are clean and at least one inside it is faulty.
        evidence : ndarray, optional
            One entry per row: NaN (unknown), 0 (clean) or 1 (faulty); ``clean``/``buggy`` add to it.

        Returns
        -------
        ndarray of float, shape (n_rows,)
            Unlike scikit-learn's two-column output, one column: the probability of the "faulty" class.
        """
        members = self._check_fitted()
        check("bugs", bugs, [Interval(int, 1, MAX_BUGS), None])
        check("in_function", in_function, [InstanceOf(str), None])
        e = self._evidence(table, clean, buggy, evidence)
        inside = None
        if in_function is not None:
            names = table["func"].astype(str).to_numpy().astype(str)
            inside = (names == in_function) | np.char.endswith(names, "::" + in_function)
            inside |= np.char.endswith(names, "." + in_function)
            if not inside.any():
                raise DataError(f"no function named {in_function!r} in this program")
            e[~inside] = np.where(np.isnan(e[~inside]), 0.0, e[~inside])
        d = design(table, members[0].schema, with_label=False)
        if len(members) == 1:
            return _query(ground(members[0], d), e, bugs, inside, weigh=False)[0]
        probs, weights = [], []
        for g in ground_all(members, d):
            prob, log_e = _query(g, e, bugs, inside)
            probs.append(prob)
            weights.append(log_e)
        return mixture_posterior(probs, weights, g.line_prog)

    def log_likelihood(self, table: pd.DataFrame) -> np.ndarray:
        """log p(features of each program), one value per program (``bug``) of ``table``: the members'
        average density."""
        members = self._check_fitted()
        d = design(table, members[0].schema, with_label=False)
        ll = np.stack([log_marginal(ground(member, d)) for member in members])
        average: np.ndarray = logsumexp(ll, axis=0) - np.log(len(members))
        return average

    def rank(
        self,
        table: pd.DataFrame,
        *,
        clean: Iterable[Line] = (),
        buggy: Iterable[Line] = (),
        bugs: int | None = None,
        in_function: str | None = None,
        info: dict[str, Any] | None = None,
    ) -> Ranking:
        """The lines of one program, most probably faulty first, scored by :meth:`predict_proba`.

        The lines given as ``clean`` or ``buggy`` are decided, so they are left out of the ranking.
        ``ranking.to_frame()`` gives a DataFrame.

        Parameters
        ----------
        table, clean, buggy, bugs, in_function
            As for :meth:`predict_proba`; ``table`` holds one program.
        info : dict, optional
            Carried into :attr:`Ranking.info`.

        Returns
        -------
        Ranking
        """
        self._check_fitted()
        # The feedback as evidence, found once: its rows are the decided lines left out of the ranking.
        e = self._evidence(table, clean, buggy, None)
        prob = self.predict_proba(table, bugs=bugs, in_function=in_function, evidence=e)
        keep = np.isnan(e)
        files = table["file"].astype(str).to_numpy()
        return Ranking.from_scores(files[keep], table["line"].to_numpy()[keep], prob[keep], "tflm", info)

    # ---- persistence ---------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the fitted model to ``path`` (``.npz``: JSON header plus parameter array; no pickle)."""
        members = self._check_fitted()
        params = {k: v for k, v in self.get_params().items() if k != "schema"}
        save_rspn(members, path, {"params": params, "fit_info": getattr(self, "fit_info_", {})})

    @classmethod
    def load(cls, path: str | Path | None = None) -> TFLM:
        """Read a model written by :meth:`save` (the shipped default model when ``path`` is None).

        Files are read once per process while unchanged (same path, inode, size and modification time);
        later loads share the parsed, read-only member RSPNs and their compiled forms.
        """
        where = default_model_path() if path is None else Path(path)
        members, meta = _read_model(where)
        params = meta.get("params", {})
        if not isinstance(params, dict):
            raise TflmError(f"{where}: bad model parameters (not a mapping: {params!r:.80})")
        known = {k: v for k, v in params.items() if k in cls.parameter_constraints and k != "schema"}
        # files written before these parameters existed
        known.setdefault("objective", "generative")
        known.setdefault("smoothing", ALPHA)
        known["n_estimators"] = len(members)
        est = cls(**known, schema=members[0].schema)
        try:
            check_all(est.get_params(), cls.parameter_constraints)
        except InvalidParameterError as exc:
            raise TflmError(f"{where}: bad model parameters ({exc})") from None
        est.members_ = members
        est.fit_info_ = meta.get("fit_info", {})
        return est

    def to_spflow(self, component: tuple[int, int] = (0, 0), member: int = 0) -> Any:
        """The line SPN of one function component of one member, as an spflow module (needs
        ``tflm[spflow]``)."""
        from tflm.rspn.spflow_export import to_spflow

        model = self._check_fitted()[member]
        c, d = component
        return to_spflow(model.components[c].functions[d].lines)


def _read_model(path: Path) -> tuple[list[RSPN], dict[str, Any]]:
    try:
        st = path.stat()
    except OSError:
        return load_rspns(path)  # it raises the clear error
    members, meta = _read_cached(str(path.resolve()), st.st_ino, st.st_size, st.st_mtime_ns)
    return list(members), copy.deepcopy(meta)


@functools.lru_cache(maxsize=8)
def _read_cached(path: str, inode: int, size: int, mtime_ns: int) -> tuple[tuple[RSPN, ...], dict[str, Any]]:
    members, meta = load_rspns(path)
    return tuple(members), meta


def _query(
    g: Grounding, e: np.ndarray, bugs: int | None, inside: np.ndarray | None, weigh: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """One member's posteriors under the query, and log P(the query's evidence | features) per program
    (zeros when ``weigh`` is off: a lone member needs no weight, and the normaliser costs a pass)."""
    if bugs is not None:
        prob, log_z = posterior_exactly(g, int(bugs), e)
    else:
        prob, log_z = posterior(g, e)
        if inside is not None and not np.any(e[inside] == 1):
            # condition on "at least one faulty line inside": divide by 1 − P(all inside clean | e)
            e_none = e.copy()
            e_none[inside] = 0.0
            _, log_none = posterior(g, e_none)
            p_some = -np.expm1(log_none - log_z)
            prob = np.where(np.isnan(e), prob / p_some[g.line_prog], e)
            with np.errstate(divide="ignore"):
                log_z = log_z + np.log(p_some)
    if not weigh or (bugs is None and np.isnan(e).all()):
        return prob, np.zeros(len(log_z))
    return prob, log_z - log_marginal(g)
