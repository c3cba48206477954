"""An independent refit of darkfigure's capture-recapture models with statsmodels' Poisson GLM.

Written from the platform's definitions (jobs/src/main/java/org/darkfigure/estimate/), not from its code
paths, so that agreement is evidence:

* A table of K lists has the 2^K - 1 observable patterns 1 .. 2^K - 1; bit i of a pattern means "on list i+1".
* Every model is a Poisson GLM of the observable counts with the intercept first; the unobserved cell
  (pattern 0) is the intercept's cell, so N = n + exp(intercept) (n = people observed), except Rcapture's
  Mb and Mbh, whose totals follow Rcapture's closedp formulas.
* Hierarchical log-linear models are named by their generators over lists numbered in the order of the
  stratum's `lists`: [12][3][4] = main effects + the 1x2 interaction. Interaction terms nobody is on
  (zero overlap) are set to minus infinity: the term and every cell containing it leave the fit, and the
  term still counts as a parameter (as in SparseMSE / MultipleSystemsEstimation).
* Rcapture's heterogeneity models (closedp.t, Rivest & Baillargeon 2007), with x the number of lists a
  pattern is on and c_j its list indicators: M0 [x]; Mt [c_1..c_K]; Mh h [x, h(x)]; Mth h [c_1..c_K, h(x)];
  Chao (LB) columns eta_j = max(x - j + 1, 0), j = 3..K, dropped one by one (first negative coefficient
  first) while any is negative; Poisson2 2^x - 1; Darroch x^2/2; Gamma3.5 log(3.5) - log(3.5 + x);
  Mb [first - 1, x - 1]; Mbh [1 - c_1, first - 1, x - 1] (first = the first list the pattern is on).
* Fit statistics: deviance of the fitted cells; rank = coefficients + sparse terms; AIC = -2 logL + 2 rank
  with the full Poisson log-likelihood (log y! included, as R's glm); BIC = -2 logL + log(n) rank with n
  the number observed; df = 2^K - 1 - rank.
* A fit is flagged (and may not be selected) when it does not converge, a fitted count is numerically
  zero (< 10 * machine epsilon), or Rcapture's asymptotic bias of N exceeds 10% of N; its status is
  IMPLAUSIBLE when N < n and NOT_IDENTIFIABLE when it has more parameters than cells or a rank-deficient design.
* Two lists: Chapman N = (n1 + 1)(n2 + 1)/(m + 1) - 1 and Lincoln-Petersen N = n1 n2 / m.
"""

import math
import re
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.tools.sm_exceptions import PerfectSeparationError

__all__ = ["Fit", "fit_model", "parse_loglinear", "loglinear_name", "hierarchical_models", "heterogeneity_names",
           "search", "refit_candidates", "check_reproduction", "competing", "HETEROGENEITY"]

HETEROGENEITY = ["M0", "Mt", "Mh Chao (LB)", "Mh Poisson2", "Mh Darroch", "Mh Gamma3.5", "Mth Chao (LB)",
                 "Mth Poisson2", "Mth Darroch", "Mth Gamma3.5", "Mb", "Mbh"]
TWO_LIST_HETEROGENEITY = ["M0", "Mt", "Mb"]
TWO_LIST = ["lincoln-petersen", "chapman"]
EPS = np.finfo(float).eps


@dataclass
class Fit:
    model: str
    total: float = math.nan
    stderr: float = math.nan
    deviance: float = math.nan
    df: int = -1
    aic: float = math.nan
    bic: float = math.nan
    status: str = "OK"
    flags: list = field(default_factory=list)
    glm: bool = True            # fitted as a Poisson GLM (False: a closed-form two-list estimator)
    parameters: int = 0         # rank: coefficients + sparse terms
    problem: str = None

    @property
    def clean(self):
        return self.status == "OK" and not self.flags

    def criterion(self, name):
        return self.aic if name.upper() == "AIC" else self.bic


# ---- designs ------------------------------------------------------------------------------------------------------

def _indicators(k):
    p = np.arange(1, 1 << k)
    return ((p[:, None] >> np.arange(k)) & 1).astype(float)


def _captures(k):
    return _indicators(k).sum(axis=1)


def _closure(generators):
    terms = set()
    for g in generators:
        sub = g
        while sub:
            if bin(sub).count("1") >= 2:
                terms.add(sub)
            sub = (sub - 1) & g
    return sorted(terms, key=lambda t: (bin(t).count("1"), t))


def parse_loglinear(name, k):
    """The interaction terms (bit masks of 2+ lists, closed under sub-terms) of a model named like [12][13][4]."""
    s = name.replace(" ", "")
    if not re.fullmatch(r"(\[[0-9.,]+\])+", s):
        raise ValueError(f"not a hierarchical model name: {name!r}")
    generators = []
    for group in s[1:-1].split("]["):
        for gen in group.split(","):
            items = gen.split(".") if (k >= 10 or "." in gen) else list(gen)
            mask = 0
            for item in items:
                i = int(item)
                if not 1 <= i <= k:
                    raise ValueError(f"model {name!r} names list {i} but the table has {k}")
                mask |= 1 << (i - 1)
            if bin(mask).count("1") >= 2:
                generators.append(mask)
    if any(bin(g).count("1") == k for g in generators):
        raise ValueError(f"{name!r} includes the {k}-way interaction: saturated, not estimable")
    return _closure(generators)


def loglinear_name(terms, k):
    """The platform's name of a hierarchical model: its maximal terms and lone lists, sorted like [12][13][4]."""
    gens = [t for t in terms if not any(o != t and o & t == t for o in terms)]
    for i in range(k):
        if not any(g >> i & 1 for g in gens):
            gens.append(1 << i)
    lists = sorted([[i + 1 for i in range(k) if g >> i & 1] for g in gens])
    sep = "." if k >= 10 else ""
    return "".join("[" + sep.join(map(str, g)) + "]" for g in lists)


def hierarchical_models(k, max_order):
    """Every hierarchical log-linear model with interactions up to max_order, as sorted term lists."""
    order = min(max_order, k - 1)
    candidates = [m for size in range(2, order + 1) for m in range(1, 1 << k) if bin(m).count("1") == size]
    out = []

    def walk(i, chosen):
        if i == len(candidates):
            out.append(sorted(chosen, key=lambda t: (bin(t).count("1"), t)))
            return
        t = candidates[i]
        walk(i + 1, chosen)
        subs = [t & ~(1 << j) for j in range(k) if t >> j & 1]
        if bin(t).count("1") <= 2 or all(s in chosen for s in subs):
            walk(i + 1, chosen | {t})

    walk(0, frozenset())
    return out


def heterogeneity_names(k, temporal=True):
    names = HETEROGENEITY if k > 2 else TWO_LIST_HETEROGENEITY
    return [n for n in names if temporal or n not in ("Mb", "Mbh")]


def _kind(name):
    n = name.strip().lower()
    if "chao" in n and "(lb)" not in n:
        n = n.replace("chao", "chao (lb)")
    for label in HETEROGENEITY:
        if label.lower() == n:
            return label
    return None


def _heterogeneity_columns(kind, k):
    x = _captures(k)
    c = _indicators(k)
    p = np.arange(1, 1 << k)
    first = np.array([(int(q) & -int(q)).bit_length() - 1 for q in p], dtype=float)   # first list the pattern is on, minus 1
    h = {"Poisson2": 2.0 ** x - 1, "Darroch": x * x / 2, "Gamma3.5": math.log(3.5) - np.log(3.5 + x)}
    chao = np.column_stack([np.maximum(x - j + 1, 0) for j in range(3, k + 1)]) if k >= 3 else np.zeros((len(x), 0))
    if kind == "M0":
        return x[:, None], 0
    if kind == "Mt":
        return c, 0
    if kind == "Mb":
        return np.column_stack([first, x - 1]), 0
    if kind == "Mbh":
        return np.column_stack([1 - c[:, 0], first, x - 1]), 0
    family, het = kind.split(" ", 1)
    base = x[:, None] if family == "Mh" else c
    if het == "Chao (LB)":
        return np.column_stack([base, chao]), 1 + base.shape[1]    # nca: coefficients before the eta columns
    return np.column_stack([base, h[het]]), 0


# ---- fitting ------------------------------------------------------------------------------------------------------

def _glm(x, y):
    """statsmodels' Poisson GLM by IRLS, converged tightly (the MLE, not a point on the way to it). statsmodels'
    IRLS refuses a fit whose fitted values equal the counts ("perfect separation": a saturated model, df = 0);
    such a model is fitted with statsmodels' Newton-Raphson instead."""
    model = sm.GLM(y, x, family=sm.families.Poisson())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            res = model.fit(method="IRLS", tol=1e-11, maxiter=100)
            converged = bool(res.converged)
        except PerfectSeparationError:
            start = np.linalg.lstsq(x, np.log(y + 0.1), rcond=None)[0]
            res = model.fit(method="newton", start_params=start, tol=1e-12, maxiter=100, disp=0)
            converged = bool(res.mle_retvals.get("converged", False))
    converged = converged and not any("converge" in str(w.message).lower() for w in caught)
    return res, converged


def _bias(x, res):
    """Rcapture's asymptotic bias of N (closedp.fitone)."""
    v = np.asarray(res.cov_params())
    mu = np.asarray(res.fittedvalues)
    xi = -0.5 * np.einsum("ia,ab,ib->i", x, v, x)
    psi = -2 * (x * (mu * xi)[:, None]).sum(axis=0)
    psi[0] -= 1
    return 0.5 * math.exp(res.params[0]) * float(-(v[0] @ psi))


def _two_list(name, counts):
    n1, n2, m = counts[1] + counts[3], counts[2] + counts[3], counts[3]
    if name == "chapman":
        total = (n1 + 1) * (n2 + 1) / (m + 1) - 1
        var = (n1 + 1) * (n2 + 1) * (n1 - m) * (n2 - m) / ((m + 1) ** 2 * (m + 2))
        return Fit(name, total, math.sqrt(var), status="OK" if m > 0 else "NO_OVERLAP", glm=False)
    if m == 0:
        return Fit(name, status="NO_OVERLAP", glm=False, problem="no overlap")
    return Fit(name, n1 * n2 / m, math.sqrt(n1 * n2 * (n1 - m) * (n2 - m) / m ** 3), glm=False)


def fit_model(name, counts):
    """Fits one model, named as the release names it, to pattern counts (length 2^K, cell 0 unused)."""
    counts = np.asarray(counts, dtype=float)
    k = int(round(math.log2(len(counts))))
    cells = (1 << k) - 1
    n = float(counts[1:].sum())
    lname = name.strip().lower()
    if lname in TWO_LIST:
        if k != 2:
            raise ValueError(f"{name} needs two lists")
        return _two_list(lname, counts)
    y = counts[1:]
    sparse, nca, patterns = 0, 0, np.arange(1, cells + 1)
    kind = None
    if name.strip().startswith("["):
        terms = parse_loglinear(name, k)
        width = k + len(terms)
        live = [t for t in terms if counts[[p for p in range(1, cells + 1) if p & t == t]].sum() > 0]
        sparse = len(terms) - len(live)
        keep = np.array([not any(p & t == t for t in terms if t not in live) for p in patterns])
        patterns = patterns[keep]
        ind = _indicators(k)[keep]
        x = np.column_stack([np.ones(len(patterns)), ind] +
                            [np.array([float(p & t == t) for p in patterns]) for t in live])
        y = y[keep]
    else:
        kind = _kind(name)
        if kind is None:
            raise ValueError(f"unknown model {name!r}")
        if k == 2 and kind not in TWO_LIST_HETEROGENEITY:
            return Fit(kind, status="NOT_IDENTIFIABLE", problem="needs 3+ lists")
        cols, nca = _heterogeneity_columns(kind, k)
        width = cols.shape[1]
        x = np.column_stack([np.ones(cells), cols])
    if width + 1 > cells:
        return Fit(name, status="NOT_IDENTIFIABLE", problem=f"{width + 1} parameters for {cells} cells")
    kept = list(range(x.shape[1]))
    flags = set()
    while True:
        xk = x[:, kept]
        if np.linalg.matrix_rank(xk) < xk.shape[1]:
            return Fit(name, status="NOT_IDENTIFIABLE", problem="design not of full rank")
        res, converged = _glm(xk, y)
        if not converged:
            flags.add("DID_NOT_CONVERGE")
        if np.min(res.fittedvalues) < 10 * EPS:
            flags.add("FITTED_RATES_ZERO")
        if nca == 0:
            break
        negative = [j for j in range(nca, len(kept)) if res.params[j] < 0]
        if not negative:
            break
        del kept[negative[0]]
    b = np.asarray(res.params)
    v = np.asarray(res.cov_params())
    if kind in ("Mb", "Mbh"):
        total, stderr = _temporal_total(kind, k, b, v)
    else:
        f0 = math.exp(b[0])
        total, stderr = n + f0, math.sqrt(f0 + f0 * f0 * v[0, 0])
    rank = len(b) + sparse
    aic = -2 * res.llf + 2 * rank
    bic = aic + (math.log(n) - 2) * rank
    bias = _bias(xk, res)
    if not math.isnan(bias) and abs(bias) > 0.1 * total:
        flags.add("LARGE_BIAS")
    status = "OK" if math.isfinite(total) and total >= n else "IMPLAUSIBLE"
    return Fit(name, total, stderr, float(res.deviance), cells - rank, aic, bic, status, sorted(flags), True, rank)


def _temporal_total(kind, t, c, v):
    e = np.exp
    if kind == "Mb":
        d = 1 + e(c[2]) - e(c[1])
        n = e(c[0]) * (1 + e(c[2])) ** t / d
        g = np.array([n, n * e(c[1]) / d, n * (t * e(c[2]) / (1 + e(c[2])) - e(c[2]) / d)])
    else:
        d = 1 + e(c[3]) - e(c[2])
        n = e(c[0]) * (1 + e(c[3])) ** (t - 1) * (1 + e(c[1] + c[2]) / d)
        s = e(c[0]) * (1 + e(c[3])) ** (t - 1)
        g = np.array([s * (1 + e(c[1] + c[2]) / d), s * e(c[1] + c[2]) / d,
                      s * (e(c[1] + c[2]) / d + e(c[1] + 2 * c[2]) / d ** 2),
                      s * ((t - 1) * e(c[3]) / (1 + e(c[3])) - e(c[1] + c[2] + c[3]) / d ** 2)])
    return float(n), math.sqrt(max(float(g @ v @ g) - n, 0.0))


# ---- existence of the MLE (for our own searches) -------------------------------------------------------------------

def mle_exists(name, counts):
    """Whether a hierarchical model's MLE exists for the table, judged from the fit: with no empty cell among the
    fitted ones it always does; otherwise the fitted values of empty cells must stay clear of zero (a running-off
    parameter drives them to 0). The platform settles borderline cases with a linear program; this does not."""
    if not name.startswith("["):
        return True
    counts = np.asarray(counts, dtype=float)
    k = int(round(math.log2(len(counts))))
    terms = parse_loglinear(name, k)
    dead = [t for t in terms if counts[[p for p in range(1, 1 << k) if p & t == t]].sum() == 0]
    cells = [p for p in range(1, 1 << k) if not any(p & t == t for t in dead)]
    if (counts[cells] > 0).all():
        return True
    live = [t for t in terms if t not in dead]
    x = np.column_stack([np.ones(len(cells)), _indicators(k)[np.array(cells) - 1]] +
                        [np.array([float(p & t == t) for p in cells]) for t in live])
    res, _ = _glm(x, counts[cells])
    zero = counts[cells] == 0
    return bool(np.min(np.asarray(res.fittedvalues)[zero]) > 1e-4)


def search(counts, criterion="BIC", max_order=2, heterogeneity=True, limit=5000):
    """The platform's model search redone: every hierarchical model up to max_order (when there are at most
    `limit`) and, with heterogeneity, Rcapture's models without Mb and Mbh; the eligible fits (status OK, not
    flagged, MLE exists) ranked by the criterion. Returns (ranked eligible fits, all fits)."""
    counts = np.asarray(counts)
    k = int(round(math.log2(len(counts))))
    if k == 2:
        fits = [fit_model("chapman", counts)]
        return fits, fits
    models = hierarchical_models(k, max_order)
    if len(models) > limit:
        raise ValueError(f"{len(models)} hierarchical models: too many to search here")
    names = [loglinear_name(t, k) for t in models]
    if heterogeneity:
        names += heterogeneity_names(k, temporal=False)
    fits = [fit_model(n, counts) for n in names]
    eligible = [f for f in fits if f.clean and mle_exists(f.model, counts)]
    eligible.sort(key=lambda f: f.criterion(criterion))   # stable: ties keep the enumeration order
    return eligible, fits


# ---- comparing with a release -------------------------------------------------------------------------------------

def _rel(a, b):
    if a is None or b is None or not (math.isfinite(a) and math.isfinite(b)):
        return math.nan
    return abs(a - b) / max(abs(b), 1e-300)


def refit_candidates(stratum, counts, criterion="BIC"):
    """Refits every candidate model the release lists for a stratum; one row per candidate, release vs refit."""
    rows = []
    selected = (stratum.get("estimate") or {}).get("model")
    for position, c in enumerate(stratum.get("candidates", [])):
        if bayesian(c):
            continue  # dga and LCMCR are shown for comparison; a GLM refit cannot reproduce a posterior
        f = fit_model(c["model"], counts)
        rel_crit = c.get(criterion.lower())
        rows.append({
            "model": c["model"], "release_rank": position + 1, "selected": c["model"] == selected,
            "release_status": c.get("status"), "release_flagged": bool(c.get("note")) and f.glm,
            "refit_status": f.status, "refit_flags": ",".join(f.flags),
            "release_total": c.get("total"), "refit_total": f.total, "rel_diff_total": _rel(f.total, c.get("total")),
            "release_deviance": c.get("deviance"), "refit_deviance": f.deviance,
            "release_df": c.get("df"), "refit_df": f.df,
            "release_aic": c.get("aic"), "refit_aic": f.aic, "release_bic": c.get("bic"), "refit_bic": f.bic,
            "release_criterion": rel_crit if rel_crit is not None else math.nan,
            "refit_criterion": f.criterion(criterion), "glm": f.glm,
        })
    return pd.DataFrame(rows)


def bayesian(candidate):
    """A Bayesian comparison candidate (dga, LCMCR): its interval is a posterior interval, it never competes."""
    return (candidate.get("interval") or "").upper() == "POSTERIOR" or \
        str(candidate.get("model", "")).lower().startswith(("dga", "lcmcr"))


def competing(stratum, model):
    """Whether a model competed in the release's search for this stratum. Releases made since 2026-11-29 say so:
    a candidate the search ranked has its `rank`, one shown only for comparison has none. Older releases are read
    from their `selection`: hierarchical models always; Rcapture's heterogeneity models (without Mb, Mbh) when the
    selection says so."""
    candidates = stratum.get("candidates") or []
    if any("rank" in c for c in candidates):
        return any(c.get("model") == model and "rank" in c for c in candidates)
    selection = (stratum.get("selection") or "").lower()
    if model.startswith("["):
        return True
    return "heterogeneity" in selection and model in HETEROGENEITY and model not in ("Mb", "Mbh")


def check_reproduction(stratum, table, criterion="BIC", tolerance=1e-6, tie=1e-9):
    """Asserts that the refit reproduces the release for a stratum (table from refit_candidates):

    1. the selected model's refitted total agrees with the release's estimate to `tolerance` (relative);
    2. the comparable candidates (a GLM fit, status OK and unflagged in both release and refit) are in the same
       order by the refitted criterion as by the release's (ties within `tie`, relative, may go either way);
    3. for a search by criterion, the search's choice (the candidate ranked 1: since issue 15 the published model
       may be another, the all-two-way model, or an average of the ranked ones) is the best comparable model of the
       family that competed (hierarchical, plus the heterogeneity models when the selection says so), and the
       release lists that family's models in refitted-criterion order.
    Returns a dict with what was checked; raises AssertionError on any mismatch."""
    estimate = stratum.get("estimate") or {}
    selected = estimate.get("model")
    where = f"{stratum.get('country')} {stratum.get('year')}"
    # since issue 15 the published model need not be the search's choice (the all-two-way model is published, the
    # search still ranks its candidates, rank 1 first); an average of models is checked through its models
    search_choice = next((c.get("model") for c in stratum.get("candidates") or [] if c.get("rank") == 1), selected)
    if estimate.get("method") == "model-averaging":
        selected = search_choice
    sel = table[table["model"] == selected]
    assert len(sel) == 1, f"{where}: the selected model {selected!r} is not among the candidates"
    row = sel.iloc[0]
    refit_total = float(row["refit_total"])
    rel = 0.0 if estimate.get("method") == "model-averaging" else _rel(refit_total, estimate.get("total"))
    assert rel <= tolerance, (f"{where}: the refit of the selected model {selected} gives N = {refit_total!r}, "
                              f"the release {estimate.get('total')!r} (relative difference {rel:.3g} > {tolerance})")
    out = {"stratum": where, "selected": selected, "release_total": estimate.get("total"), "refit_total": refit_total,
           "rel_diff": rel, "compared": 0, "competing": 0}
    if not row["glm"]:
        return out    # two lists: Chapman, no ranking
    comparable = table[table["glm"] & (table["release_status"] == "OK") & ~table["release_flagged"]
                       & (table["refit_status"] == "OK") & (table["refit_flags"] == "")
                       & np.isfinite(table["release_criterion"].astype(float))].copy()

    def in_order(rows, what):
        crit = rows["refit_criterion"].to_numpy(float)
        names = rows["model"].tolist()
        for i in range(len(crit) - 1):
            assert crit[i] <= crit[i + 1] + tie * max(1.0, abs(crit[i]), abs(crit[i + 1])), (
                f"{where}: {what} puts {names[i]} before {names[i + 1]}, but their refitted {criterion} are "
                f"{crit[i]:.10g} and {crit[i + 1]:.10g}")

    # (2) walking the release's order by its criterion, the refitted criterion never decreases (beyond a tie)
    in_order(comparable.sort_values("release_criterion", kind="stable"), f"the release's {criterion}")
    family = comparable[[competing(stratum, m) for m in comparable["model"]]]
    out.update(compared=len(comparable), competing=len(family),
               max_rel_diff_total=float(comparable["rel_diff_total"].max()),
               max_abs_diff_criterion=float((comparable["refit_criterion"] - comparable["release_criterion"]).abs().max()))
    if "stepwise" in (stratum.get("selection") or "").lower():
        return out    # SparseMSE's stepwise selection is by p-values, not by the criterion
    # (3) the search's ranking. The release lists it from the selected model on; after it come the heterogeneity
    # models that were fitted but not ranked (set aside, or below the kept best), in Rcapture's order.
    names = table["model"].tolist()
    if search_choice not in names:
        return out
    start = names.index(search_choice)
    order = {m: i for i, m in enumerate(HETEROGENEITY)}

    def is_tail(rest):
        return all(m in order for m in rest) and all(order[a] < order[b] for a, b in zip(rest, rest[1:]))

    end = next(e for e in range(start + 1, len(names) + 1) if is_tail(names[e:]))
    ranked = table.iloc[start:end]
    rc = ranked["release_criterion"].to_numpy(float)
    assert np.all(np.diff(rc) >= 0), f"{where}: the release's ranking is not in order of its own {criterion}"
    ranked = ranked[ranked["model"].isin(family["model"])]
    assert search_choice in set(family["model"]), (f"{where}: the search's choice {search_choice} did not compete or "
                                                   f"is not comparable")
    in_order(ranked, "the release's ranking")
    best = float(table[table["model"] == search_choice].iloc[0]["refit_criterion"])
    better = family[family["refit_criterion"] < best - tie * max(1.0, abs(best))]
    assert better.empty, (f"{where}: {better['model'].tolist()} beat the search's choice {search_choice} by the "
                          f"refitted {criterion}")
    last = float(ranked["refit_criterion"].iloc[-1])
    outside = family[~family["model"].isin(ranked["model"])]
    skipped = outside[outside["refit_criterion"] < last - tie * max(1.0, abs(last))]
    assert skipped.empty, (f"{where}: {skipped['model'].tolist()} competed, are not flagged and beat "
                           f"{ranked['model'].iloc[-1]} by the refitted {criterion}, yet are not in the release's ranking")
    out["ranked"] = len(ranked)
    return out
