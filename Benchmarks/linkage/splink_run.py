#!/usr/bin/env python3
"""Splink (DuckDB backend) baseline for person linkage on a standard extract.

    python splink_run.py EXTRACT.csv --truth TRUTH.csv --out-dir DIR [--threshold 0.95] [--patterns PATTERNS.csv]

Steps, each timed:
  1. load      read the extract (docs/feed-format.md, version 1.1), drop rows
               the format quarantines (missing id, unreadable or impossible
               event date), set aside (use as empty) a date of birth, NHS
               number, postcode or UPRN that cannot be used, keep one identity
               per source record (the row with the latest event_date; on a
               tie, fewer values set aside), standardise the fields;
  2. train     probability two random records match from deterministic rules,
               u by random sampling, m by expectation maximisation (two
               sessions: blocked on NHS number, then on forename + surname);
  3. predict   score the pairs from the prediction blocking rules;
  4. cluster   connected components at --threshold (match probability);
  5. score     write DIR/splink_links.csv (source_system, source_record_id,
               person_id) and score it with score_links.py against the truth.

DIR/splink_result.json holds the figures: Splink and DuckDB versions, record
counts, pairs scored, seconds per step, peak resident memory
(getrusage ru_maxrss of this process, which includes DuckDB's memory) and
pairwise precision/recall/F1 at the main threshold and at --also-thresholds.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import resource
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score_links  # noqa: E402

POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FLAT_SLASH_RE = re.compile(r"^(\d+[A-Z]?)\s*/\s*(\d+)")
NON_WORD_RE = re.compile(r"[^A-Z0-9 ]+")
SPACES_RE = re.compile(r"\s+")
STREET_ABBREVIATIONS = {
    "RD": "ROAD", "ST": "STREET", "AVE": "AVENUE", "AV": "AVENUE", "CL": "CLOSE",
    "DR": "DRIVE", "LN": "LANE", "CRES": "CRESCENT", "GDNS": "GARDENS",
    "TERR": "TERRACE", "TER": "TERRACE", "PL": "PLACE", "WY": "WAY", "FLD": "FOLD",
    "CT": "COURT", "GR": "GROVE", "GRV": "GROVE", "VW": "VIEW",
}


# --------------------------------------------------------------------------
# Validation (docs/feed-format.md 1.1: quarantine and values set aside) and standardisation
# --------------------------------------------------------------------------
def nhs_valid(s: str) -> bool:
    if len(s) != 10 or not s.isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(s[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(s[9])


def parse_date(s: str):
    """None for empty; False for unparseable or impossible; else a date."""
    if not s:
        return None
    if not ISO_DATE_RE.match(s):
        return False
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return False


def std_postcode(s: str):
    """None when empty, False when malformed, else 'PP2 5GN'."""
    compact = s.upper().replace(" ", "")
    if not compact:
        return None
    m = POSTCODE_RE.match(compact)
    if not m:
        return False
    return m.group(1) + " " + m.group(2)


def std_name(s: str):
    s = s.upper().replace("'", "").replace("-", " ")
    s = SPACES_RE.sub(" ", NON_WORD_RE.sub(" ", s)).strip()
    return s.lower() or None


def std_address(line1: str, line2: str):
    """Upper case, 'n/m' -> 'FLAT n m', street-type abbreviations expanded;
    line 2 is kept only when it carries the street (a flat in line 1)."""
    a = line1.upper().strip()
    m = FLAT_SLASH_RE.match(a)
    if m:
        a = "FLAT %s %s%s" % (m.group(1), m.group(2), a[m.end():])
    b = line2.upper().strip()
    if b and b[0].isdigit():
        a = a + " " + b
    a = SPACES_RE.sub(" ", NON_WORD_RE.sub(" ", a)).strip()
    words = [STREET_ABBREVIATIONS.get(w, w) for w in a.split(" ")]
    return " ".join(words) or None


def load_records(path):
    """One standardised identity per source record; quarantine and set-aside counts."""
    latest = {}
    quarantined = {"missing id": 0, "unparseable or impossible event date": 0,
                   "set aside: date of birth": 0, "set aside: bad NHS check digit": 0,
                   "set aside: malformed postcode": 0, "set aside: UPRN": 0}
    n_rows = 0
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        for row in reader:
            n_rows += 1
            src = (row.get("source_system") or "").strip()
            rid = (row.get("source_record_id") or "").strip()
            if not src or not rid:
                quarantined["missing id"] += 1
                continue
            event = parse_date((row.get("event_date") or "").strip())
            if event is False:
                quarantined["unparseable or impossible event date"] += 1
                continue
            set_aside = 0
            dob = parse_date((row.get("date_of_birth") or "").strip())
            if dob is False or (dob and event and dob > event) or (dob and dob < dt.date(1890, 1, 1)):
                quarantined["set aside: date of birth"] += 1
                set_aside += 1
                dob = None
            nhs = re.sub(r"[\s-]", "", row.get("nhs_number") or "")
            if nhs and not nhs_valid(nhs):
                quarantined["set aside: bad NHS check digit"] += 1
                set_aside += 1
                nhs = ""
            postcode = std_postcode(row.get("postcode") or "")
            if postcode is False:
                quarantined["set aside: malformed postcode"] += 1
                set_aside += 1
                postcode = None
            uprn = (row.get("uprn") or "").strip()
            if uprn and not (uprn.isdigit() and len(uprn) <= 12 and uprn.strip("0")):
                quarantined["set aside: UPRN"] += 1
                set_aside += 1
                uprn = ""
            key = (src, rid)
            rank = (event.isoformat() if event else "", -set_aside)
            prev = latest.get(key)
            if prev is not None and prev[0] > rank:
                continue
            gender = (row.get("gender") or "").strip().upper()[:1]
            latest[key] = (rank, (
                src + ":" + rid, src, rid,
                std_name(row.get("forename") or ""),
                std_name(row.get("surname") or ""),
                dob.isoformat() if dob else None,
                postcode,
                std_address(row.get("address_line1") or "", row.get("address_line2") or ""),
                uprn if uprn.isdigit() else None,
                nhs or None,
                gender if gender in ("M", "F") else None,
            ))
    records = [v[1] for v in latest.values()]
    return records, n_rows, quarantined


COLUMNS = ["unique_id", "source_system", "source_record_id", "forename", "surname",
           "dob", "postcode", "address", "uprn", "nhs_number", "gender"]


# --------------------------------------------------------------------------
def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("extract")
    ap.add_argument("--truth", required=True)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--threshold", type=float, default=0.95,
                    help="match probability at which pairs are clustered (default 0.95)")
    ap.add_argument("--also-thresholds", default="0.5,0.8,0.9,0.99",
                    help="other thresholds to score from the same predictions")
    ap.add_argument("--u-max-pairs", type=float, default=3e7,
                    help="pairs sampled to estimate u (default 3e7)")
    ap.add_argument("--patterns", help="the generator's patterns file: adds the per-pattern figures to the result")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=0, help="DuckDB threads (default: DuckDB's choice)")
    args = ap.parse_args(argv)

    import duckdb
    import pyarrow as pa
    import splink
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    os.makedirs(args.out_dir, exist_ok=True)
    timings = {}
    t_start = t = time.time()

    # 1. load -------------------------------------------------------------
    records, n_rows, quarantined = load_records(args.extract)
    table = pa.table({c: [r[i] for r in records] for i, c in enumerate(COLUMNS)})
    del records
    con = duckdb.connect()
    if args.threads:
        con.execute("SET threads TO %d" % args.threads)
    db_api = DuckDBAPI(connection=con)
    df = db_api.register(table, dataset_display_name="records")
    timings["load_s"] = time.time() - t
    print("loaded %d rows -> %d source records; quarantined %s (%.1f s)"
          % (n_rows, table.num_rows, quarantined, timings["load_s"]), flush=True)

    # 2. model and training ---------------------------------------------
    t = time.time()
    settings = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("forename").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            # UPRN, address and postcode say much the same thing: one comparison,
            # so that a shared home is not counted three times as evidence.
            cl.CustomComparison(output_column_name="residence", comparison_levels=[
                {"sql_condition": "(uprn_l IS NULL OR uprn_r IS NULL) AND (address_l IS NULL OR address_r IS NULL)"
                                  " AND (postcode_l IS NULL OR postcode_r IS NULL)",
                 "label_for_charts": "Null", "is_null_level": True},
                {"sql_condition": "uprn_l = uprn_r", "label_for_charts": "Same UPRN"},
                {"sql_condition": "address_l = address_r AND postcode_l = postcode_r",
                 "label_for_charts": "Same address and postcode"},
                {"sql_condition": "jaro_winkler_similarity(address_l, address_r) >= 0.9 AND postcode_l = postcode_r",
                 "label_for_charts": "Similar address, same postcode"},
                {"sql_condition": "address_l = address_r", "label_for_charts": "Same address, other postcode"},
                {"sql_condition": "postcode_l = postcode_r", "label_for_charts": "Same postcode"},
                {"sql_condition": "regexp_extract(postcode_l, '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]')"
                                  " = regexp_extract(postcode_r, '^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]')",
                 "label_for_charts": "Same postcode sector"},
                {"sql_condition": "ELSE", "label_for_charts": "All other"},
            ]),
            cl.ExactMatch("nhs_number"),
            cl.ExactMatch("gender"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("nhs_number"),
            block_on("forename", "dob"),
            block_on("surname", "dob"),
            block_on("postcode", "forename"),
            block_on("uprn", "forename"),
            block_on("dob", "postcode"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    linker = Linker(df, settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("nhs_number"), block_on("forename", "surname", "dob")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=args.u_max_pairs, seed=args.seed)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("nhs_number"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("forename", "surname"))
    linker.misc.save_model_to_json(os.path.join(args.out_dir, "splink_model.json"), overwrite=True)
    timings["train_s"] = time.time() - t
    print("trained (%.1f s)" % timings["train_s"], flush=True)

    # 3. predict ------------------------------------------------------------
    t = time.time()
    others = [float(x) for x in args.also_thresholds.split(",") if x.strip()]
    lowest = min([args.threshold] + others)
    df_predict = linker.inference.predict(threshold_match_probability=lowest)
    n_pairs = con.cursor().execute("select count(*) from %s" % df_predict.physical_name).fetchall()[0][0]
    timings["predict_s"] = time.time() - t
    print("predicted %d pairs at p >= %.2f (%.1f s)" % (n_pairs, lowest, timings["predict_s"]), flush=True)

    # 4. cluster, 5. score ----------------------------------------------------
    truth, _, _ = score_links.read_mapping(args.truth, "true_person_id")
    patterns = score_links.read_patterns(args.patterns) if args.patterns else None
    results = {}
    for i, threshold in enumerate([args.threshold] + [x for x in others if x != args.threshold]):
        t = time.time()
        df_clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            df_predict, threshold_match_probability=threshold)
        rows = con.cursor().execute(
            "select source_system, source_record_id, cluster_id from %s" % df_clusters.physical_name
        ).fetchall()
        cluster_s = time.time() - t
        links = {(s, r): str(c) for s, r, c in rows}
        if i == 0:
            timings["cluster_s"] = cluster_s
            timings["total_s"] = time.time() - t_start
            out = os.path.join(args.out_dir, "splink_links.csv")
            with open(out, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, lineterminator="\r\n")
                w.writerow(["source_system", "source_record_id", "person_id"])
                w.writerows(rows)
        r = score_links.score(links, truth, patterns=patterns if i == 0 else None)
        results["%.2f" % threshold] = {k: r[k] for k in (
            "precision", "recall", "f1", "predicted_persons", "true_persons",
            "predicted_pairs", "true_pairs", "correct_pairs", "truth_records_missing_from_links",
            "merged_clusters", "merged_per_10k", "asc_csc_joins", "typo_pairs", "typo_pair_recall",
            "per_pattern") if k in r}
        if i == 0:
            print(score_links.format_report(r), flush=True)
        df_clusters.drop_table_from_database_and_remove_from_cache()
        print("threshold %.2f: precision %.4f recall %.4f F1 %.4f (cluster %.1f s)"
              % (threshold, r["precision"], r["recall"], r["f1"], cluster_s), flush=True)

    result = {
        "splink_version": splink.__version__,
        "duckdb_version": duckdb.__version__,
        "python": sys.version.split()[0],
        "extract": os.path.abspath(args.extract),
        "extract_rows": n_rows,
        "quarantined_or_set_aside": quarantined,
        "source_records": table.num_rows,
        "predicted_pairs_at_lowest_threshold": n_pairs,
        "lowest_threshold": lowest,
        "threshold": args.threshold,
        "u_max_pairs": args.u_max_pairs,
        "timings_s": {k: round(v, 1) for k, v in timings.items()},
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "scores": results,
    }
    with open(os.path.join(args.out_dir, "splink_result.json"), "w") as f:
        json.dump(result, f, indent=2)
    main_r = results["%.2f" % args.threshold]
    print("Splink %s: %d records, precision %.4f recall %.4f F1 %.4f, %.1f s to clusters, peak RSS %.0f MB"
          % (splink.__version__, table.num_rows, main_r["precision"], main_r["recall"], main_r["f1"],
             timings["total_s"], result["peak_rss_mb"]))


if __name__ == "__main__":
    main()
