"""Loading a darkfigure release for the notebooks: from a running server (DARKFIGURE_URL and
DARKFIGURE_TOKEN, optionally DARKFIGURE_RELEASE) or from a downloaded release folder
(DARKFIGURE_RELEASE_DIR). Standard library for HTTP, pandas for the tables.

    from darkfigure_release import load_release
    release = load_release()            # parameters from the environment
    release.estimates["strata"]         # estimates.json
    release.persons                     # persons.csv: one row per linked person
    release.migrant                     # migrant.csv: one row per (disclosure-controlled) detection

The files a release folder holds (the same the API serves):

    manifest.json                 GET /api/v1/releases/{id}/manifest
    estimates/estimates.json      GET /api/v1/estimates?release={id}
    research/datasets.json        GET /api/v1/releases/{id}/data
    research/persons.csv          GET /api/v1/releases/{id}/data/persons.csv
    research/migrant.csv          GET /api/v1/releases/{id}/data/migrant.csv
"""

import io
import json
import os
import urllib.error
import urllib.parse
import urllib.request

import numpy as np
import pandas as pd

__all__ = ["Release", "load_release", "parameters", "capture_table", "pattern_label", "check_against_contract",
           "parameter_default", "quality"]

# Read every column as text unless said otherwise, and never turn a code such as "NA" (Namibia) into a missing value.
_CSV = dict(dtype=str, keep_default_na=False, na_values=[""])


# ---- the contract: the JSON Schemas the platform's own tests hold its files to --------------------------------------
_CONTRACT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schemas", "src", "main", "resources",
                         "org", "darkfigure", "contract")


def _schema(name):
    with open(os.path.join(_CONTRACT, name + ".schema.json"), encoding="utf-8") as f:
        return json.load(f)


def check_against_contract(name, document):
    """Raises ValueError naming each place where `document` breaks the schema `name` (estimates, release-manifest,
    datasets, run-manifest). Checked when the jsonschema package is installed (Debian: python3-jsonschema)."""
    try:
        import warnings
        import jsonschema
    except ImportError:
        return
    store = {}
    for other in ("estimates", "run-manifest", "release-manifest", "datasets"):
        s = _schema(other)
        store[s["$id"]] = s
    schema = store[_schema(name)["$id"]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # RefResolver: the API of both Debian's and newer versions
        resolver = jsonschema.RefResolver(schema["$id"], schema, store=store)
        errors = list(jsonschema.Draft202012Validator(schema, resolver=resolver).iter_errors(document))
    if errors:
        where = "; ".join(f"{'/'.join(map(str, e.path)) or '(top)'}: {e.message[:200]}" for e in errors[:10])
        raise ValueError(f"this release's {name} does not match the platform's schema: {where}")


def quality(estimate):
    """An estimate's quality flag (RELIABLE, CAUTION, NOT_ESTIMABLE, SUPPRESSED) and its reasons, as the platform
    publishes it; for a release made before quality flags, derived the way the platform derives it."""
    q = estimate.get("quality")
    if q:
        return q["flag"], list(q.get("reasons") or [])
    warnings = list(estimate.get("warnings") or [])
    status = estimate.get("status")
    if status in ("TOO_FEW_OBSERVATIONS", "SUPPRESSED"):
        return "SUPPRESSED", []
    if status != "OK":
        return "NOT_ESTIMABLE", warnings or [status]
    return ("CAUTION" if warnings else "RELIABLE"), warnings


def parameter_default(name):
    """A run parameter's default, from the contract (what a release made before it was recorded ran with)."""
    return _schema("run-manifest")["$defs"]["parameters"]["properties"][name]["default"]


def parameters():
    """The notebook parameters from the environment (empty strings count as unset)."""
    names = ["DARKFIGURE_URL", "DARKFIGURE_TOKEN", "DARKFIGURE_RELEASE", "DARKFIGURE_RELEASE_DIR",
             "DARKFIGURE_COUNTRY", "DARKFIGURE_YEAR"]
    return {n: (os.environ.get(n) or "").strip() or None for n in names}


class Release:
    """One release: its manifest, estimates and researcher downloads (the CSVs are read on first use)."""

    def __init__(self, release_id, manifest, estimates, datasets, reader, origin):
        self.release_id = release_id
        self.manifest = manifest
        self.estimates = estimates
        self.datasets = datasets
        self._read = reader
        self.origin = origin
        self._tables = {}

    def __repr__(self):
        return f"Release({self.release_id!r} from {self.origin})"

    # ---- the release's parameters -------------------------------------------------------------------------------
    @property
    def criterion(self):
        """The information criterion the release ranked models by (BIC unless the manifest says otherwise)."""
        return str((self.manifest.get("parameters") or {}).get("criterion") or parameter_default("criterion")).upper()

    @property
    def max_order(self):
        return int((self.manifest.get("parameters") or {}).get("maxOrder") or parameter_default("maxOrder"))

    @property
    def k_anonymity(self):
        return (self.datasets or {}).get("k")

    # ---- tables ----------------------------------------------------------------------------------------------------
    def table(self, name):
        """A released dataset by name (persons, migrant, ...) as a DataFrame; year and n_sources as integers."""
        if name not in self._tables:
            df = pd.read_csv(io.BytesIO(self._read(f"{name}.csv")), **_CSV)
            for c in ("year", "n_sources"):
                if c in df.columns:
                    df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
            self._tables[name] = df
        return self._tables[name]

    @property
    def persons(self):
        df = self.table("persons")
        missing = {"population", "country", "year", "sources"} - set(df.columns)
        if missing:
            raise ValueError(f"persons.csv lacks the columns {sorted(missing)}")
        return df

    @property
    def migrant(self):
        return self.table("migrant")

    def dataset_info(self, name):
        for d in (self.datasets or {}).get("datasets", []):
            if d.get("name") == name:
                return d
        return None

    # ---- strata ----------------------------------------------------------------------------------------------------
    def strata(self):
        """One row per stratum of estimates.json: where, how many lists, the estimate and its model."""
        rows = []
        for i, s in enumerate(self.estimates.get("strata", [])):
            e = s.get("estimate") or {}
            rows.append(dict(index=i, population=s.get("population"), country=s.get("country"), year=s.get("year"),
                             stratum=s.get("stratum", "all"), origin=s.get("origin", "records"),
                             lists=len(s.get("lists", [])), observed=s.get("observed"), model=e.get("model"),
                             total=e.get("total"), lower=e.get("lower"), upper=e.get("upper"), status=e.get("status")))
        return pd.DataFrame(rows).set_index("index")

    def record_strata(self, population="migrant", min_lists=3):
        """The strata estimated from linked records (not aggregated tables) with status OK and min_lists or more."""
        out = []
        for s in self.estimates.get("strata", []):
            if (s.get("population", population) == population and s.get("stratum", "all") == "all"
                    and s.get("origin", "records") == "records" and len(s.get("lists", [])) >= min_lists
                    and (s.get("estimate") or {}).get("status") == "OK"):
                out.append(s)
        return out

    def stratum(self, country=None, year=None, population="migrant", min_lists=3):
        """The stratum to look at: the given country and/or year, else the first OK stratum with min_lists lists."""
        candidates = [s for s in self.record_strata(population, min_lists)
                      if (country is None or s["country"] == country) and (year is None or int(s["year"]) == int(year))]
        if not candidates:
            raise LookupError(f"no {population} stratum with status OK and {min_lists}+ lists for country={country} "
                              f"year={year}; strata:\n{self.strata().to_string()}")
        return candidates[0]


def load_release(url=None, token=None, release=None, release_dir=None):
    """The release named by the arguments, or else by DARKFIGURE_URL/TOKEN/RELEASE or DARKFIGURE_RELEASE_DIR."""
    env = parameters()
    url = url or env["DARKFIGURE_URL"]
    token = token or env["DARKFIGURE_TOKEN"]
    release = release or env["DARKFIGURE_RELEASE"]
    release_dir = release_dir or env["DARKFIGURE_RELEASE_DIR"]
    if release_dir:
        return _from_folder(release_dir, release)
    if url:
        if not token:
            raise ValueError("DARKFIGURE_URL is set but DARKFIGURE_TOKEN is not: the API needs a researcher's token")
        return _from_server(url, token, release)
    raise ValueError("set DARKFIGURE_URL and DARKFIGURE_TOKEN (a running server) or DARKFIGURE_RELEASE_DIR "
                     "(a downloaded release folder)")


def _from_folder(folder, release=None):
    folder = os.path.abspath(os.path.expanduser(folder))
    if not os.path.exists(os.path.join(folder, "manifest.json")):
        # A folder of releases (data/releases): pick the named one or the one CURRENT names.
        current = os.path.join(folder, "CURRENT")
        name = release or (open(current).read().strip() if os.path.exists(current) else None)
        if not name or not os.path.exists(os.path.join(folder, name, "manifest.json")):
            raise FileNotFoundError(f"{folder} holds no manifest.json (nor a CURRENT release)")
        folder = os.path.join(folder, name)

    def read(path):
        with open(os.path.join(folder, path), "rb") as f:
            return f.read()

    def research(name):
        path = os.path.join(folder, "research", name)
        if not os.path.exists(path):
            raise FileNotFoundError(f"{path} is missing: this release has no researcher downloads")
        with open(path, "rb") as f:
            return f.read()

    manifest = json.loads(read("manifest.json"))
    estimates = json.loads(read(os.path.join("estimates", "estimates.json")))
    datasets_path = os.path.join(folder, "research", "datasets.json")
    datasets = json.loads(read(datasets_path)) if os.path.exists(datasets_path) else None
    _check(manifest, estimates, datasets)
    release_id = manifest.get("releaseId") or os.path.basename(folder)
    return Release(release_id, manifest, estimates, datasets, research, folder)


def _check(manifest, estimates, datasets):
    check_against_contract("release-manifest", manifest)
    check_against_contract("estimates", estimates)
    if datasets is not None:
        check_against_contract("datasets", datasets)


def _from_server(url, token, release=None):
    base = url.rstrip("/")

    def get(path, params=None):
        address = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
        request = urllib.request.Request(address, headers={"Authorization": "Bearer " + token})
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                return response.read()
        except urllib.error.HTTPError as e:
            detail = e.read()[:300].decode("utf-8", "replace")
            hint = {401: " (is DARKFIGURE_TOKEN a valid, unexpired token?)",
                    403: " (the token's role may not read this; a researcher's token is needed)"}.get(e.code, "")
            raise RuntimeError(f"GET {address} failed: HTTP {e.code}{hint}: {detail}") from None
        except urllib.error.URLError as e:
            raise RuntimeError(f"GET {address} failed: {e.reason} (is the server running at {url}?)") from None

    if not release:
        listing = json.loads(get("/api/v1/releases"))
        release = listing.get("current")
        if not release:
            raise RuntimeError(f"the server at {url} has no current release")
    quoted = urllib.parse.quote(release, safe="")
    manifest = json.loads(get(f"/api/v1/releases/{quoted}/manifest"))
    estimates = json.loads(get("/api/v1/estimates", {"release": release}))
    try:
        datasets = json.loads(get(f"/api/v1/releases/{quoted}/data"))
    except RuntimeError:
        datasets = None
    _check(manifest, estimates, datasets)
    return Release(release, manifest, estimates, datasets,
                   lambda name: get(f"/api/v1/releases/{quoted}/data/{urllib.parse.quote(name)}"), base)


# ---- capture histories --------------------------------------------------------------------------------------------

def capture_table(persons, lists, population="migrant", country=None, year=None):
    """The 2^K capture-pattern counts of one stratum from persons.csv, indexed like the release's patternCounts:
    pattern p has bit i set when the person is on lists[i] (lists[0] is bit 0); cell 0 (seen on none) is 0.
    country or year None pools over it. Raises if a person is on a source that is not among the lists."""
    sel = persons["population"] == population
    if country is not None:
        sel &= persons["country"] == country
    if year is not None:
        sel &= persons["year"] == int(year)
    bit = {name: 1 << i for i, name in enumerate(lists)}
    counts = np.zeros(1 << len(lists), dtype=np.int64)
    for sources, n in persons.loc[sel, "sources"].value_counts().items():
        mask = 0
        for source in str(sources).split(";"):
            if source not in bit:
                raise ValueError(f"a person is on source {source!r}, which is not among the stratum's lists {lists}")
            mask |= bit[source]
        counts[mask] += n
    if counts[0]:
        raise ValueError(f"{counts[0]} persons are on no list")
    return counts


def pattern_label(pattern, lists, short=None):
    """A pattern as the lists it includes, e.g. 'COASTGUARD+NGO'."""
    names = short or lists
    return "+".join(names[i] for i in range(len(lists)) if pattern >> i & 1)


def short_names(lists):
    """Source ids without the common country prefix (AUS-NGO -> NGO)."""
    parts = [s.split("-", 1) for s in lists]
    if all(len(p) == 2 for p in parts) and len({p[0] for p in parts}) == 1:
        return [p[1] for p in parts]
    return list(lists)
