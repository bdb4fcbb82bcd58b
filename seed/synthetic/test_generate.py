"""Tests for generate.py (standard library unittest).

    python3 -m unittest discover -s seed/synthetic -v
"""

import collections
import csv
import datetime as dt
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402

POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KNOWN_CODES = {"CSC_REFERRAL", "CHILD_IN_NEED", "CHILD_PROTECTION_PLAN", "LOOKED_AFTER",
               "ASC_OPEN_CASE", "ADULT_SAFEGUARDING_ENQUIRY", "AE_ATTENDANCE",
               "WAS_NOT_BROUGHT", "DID_NOT_ATTEND", "POLICE_999_CALL", "POLICE_101_CALL"}
AS_OF = dt.date(2026, 11, 1)


def nhs_ok(s):
    if len(s) != 10 or not s.isdigit():
        return False
    check = 11 - sum(int(c) * w for c, w in zip(s, range(10, 1, -1))) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(s[9])


def quarantine_reason(row):
    """The rules of docs/feed-format.md, independently of generate.py."""
    if not row["source_system"] or not row["source_record_id"]:
        return "missing_id"
    dates = {}
    for col in ("date_of_birth", "event_date"):
        v = row[col]
        if v and not ISO.match(v):
            return "unparseable_date"
    for col in ("date_of_birth", "event_date"):
        v = row[col]
        if v:
            try:
                dates[col] = dt.date.fromisoformat(v)
            except ValueError:
                return "impossible_date"
    dob, ev = dates.get("date_of_birth"), dates.get("event_date")
    if dob and (dob < dt.date(1890, 1, 1) or dob > AS_OF):
        return "impossible_date"
    if ev and (ev > AS_OF or (dob and ev < dob)):
        return "impossible_date"
    nhs = row["nhs_number"].replace(" ", "").replace("-", "")
    if nhs and not nhs_ok(nhs):
        return "bad_nhs_check_digit"
    pc = row["postcode"].upper().replace(" ", "")
    if pc and not POSTCODE.match(pc):
        return "malformed_postcode"
    return None


class GenerateTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = os.path.join(cls.tmp.name, "a", "extract.csv")
        generate.main(["--people", "4000", "--out", cls.out, "--seed", "3", "--dirty-rate", "0.01"])
        with open(cls.out, newline="", encoding="utf-8") as f:
            cls.rows = list(csv.DictReader(f))
        with open(cls.out[:-4] + ".truth.csv", newline="", encoding="utf-8") as f:
            cls.truth = list(csv.DictReader(f))
        with open(os.path.join(cls.tmp.name, "a", "gazetteer.csv"), newline="", encoding="utf-8") as f:
            cls.gaz = list(csv.DictReader(f))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def digest(self, path):
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()

    def test_deterministic_given_seed(self):
        other = os.path.join(self.tmp.name, "b", "extract.csv")
        generate.main(["--people", "4000", "--out", other, "--seed", "3", "--dirty-rate", "0.01"])
        for suffix in ("extract.csv", "extract.truth.csv", "gazetteer.csv"):
            self.assertEqual(self.digest(os.path.join(self.tmp.name, "a", suffix)),
                             self.digest(os.path.join(self.tmp.name, "b", suffix)), suffix)
        third = os.path.join(self.tmp.name, "c", "extract.csv")
        generate.main(["--people", "4000", "--out", third, "--seed", "4", "--dirty-rate", "0.01"])
        self.assertNotEqual(self.digest(self.out), self.digest(third))

    def test_header_and_crlf(self):
        with open(self.out, "rb") as f:
            first = f.readline()
        self.assertEqual(first, (",".join(generate.EXTRACT_COLUMNS) + "\r\n").encode())

    def test_truth_covers_every_record(self):
        truth_keys = {(t["source_system"], t["source_record_id"]) for t in self.truth}
        self.assertEqual(len(truth_keys), len(self.truth), "one truth row per record")
        row_keys = {(r["source_system"], r["source_record_id"]) for r in self.rows if r["source_record_id"]}
        self.assertEqual(truth_keys, row_keys)
        clean_keys = {(r["source_system"], r["source_record_id"]) for r in self.rows
                      if quarantine_reason(r) is None}
        self.assertEqual(truth_keys, clean_keys, "every record keeps at least one clean row")
        people = {t["true_person_id"] for t in self.truth}
        self.assertEqual(len(people), 4000)

    def test_quarantine_rows_are_rare_and_all_kinds_occur(self):
        reasons = collections.Counter(quarantine_reason(r) for r in self.rows)
        dirty = sum(n for k, n in reasons.items() if k)
        self.assertLess(dirty, 0.03 * len(self.rows))
        for reason in ("missing_id", "unparseable_date", "impossible_date",
                       "bad_nhs_check_digit", "malformed_postcode"):
            self.assertGreater(reasons[reason], 0, reason)

    def test_clean_when_dirty_rate_zero(self):
        out = os.path.join(self.tmp.name, "clean", "extract.csv")
        generate.main(["--people", "1500", "--out", out, "--seed", "9", "--dirty-rate", "0"])
        with open(out, newline="", encoding="utf-8") as f:
            bad = [r for r in csv.DictReader(f) if quarantine_reason(r)]
        self.assertEqual(bad, [])

    def test_people_span_one_to_four_sources_with_distinct_ids(self):
        by_person = collections.defaultdict(set)
        records = collections.defaultdict(set)
        for t in self.truth:
            by_person[t["true_person_id"]].add(t["source_system"])
            records[t["true_person_id"]].add((t["source_system"], t["source_record_id"]))
        counts = collections.Counter(len(s) for s in by_person.values())
        self.assertEqual(set(counts) - {1, 2, 3, 4}, set())
        self.assertGreater(counts[2] + counts[3], 0.15 * len(by_person))
        self.assertEqual(len({t["source_system"] for t in self.truth}), 5)

    def test_codes_window_and_events(self):
        codes = collections.Counter(r["event_type"].upper() for r in self.rows)
        self.assertTrue(KNOWN_CODES <= set(codes), KNOWN_CODES - set(codes))
        self.assertIn("EDU_PERSISTENT_ABSENCE", codes)  # unknown to the standard mapping
        old = [r for r in self.rows if ISO.match(r["event_date"]) and r["event_date"] < "2025-11-01"]
        self.assertGreater(len(old), 0)
        self.assertLess(len(old), 0.05 * len(self.rows))
        per_record = collections.Counter((r["source_system"], r["source_record_id"]) for r in self.rows)
        self.assertGreater(sum(1 for n in per_record.values() if n > 1), 0.2 * len(per_record))

    def test_nhs_numbers_valid_and_in_test_range(self):
        for r in self.rows:
            if r["nhs_number"] and quarantine_reason(r) is None:
                self.assertTrue(r["nhs_number"].startswith("999"), r["nhs_number"])

    def test_gazetteer(self):
        uprns = [g["uprn"] for g in self.gaz]
        self.assertEqual(len(uprns), len(set(uprns)))
        self.assertTrue(all(POSTCODE.match(g["postcode"].replace(" ", "")) for g in self.gaz))
        known = set(uprns)
        used = {r["uprn"] for r in self.rows if r["uprn"]}
        self.assertTrue(used <= known)
        self.assertTrue(any(g["address_line1"].startswith("Flat ") for g in self.gaz))

    def test_corruptions_present(self):
        # twins (same surname, DOB and household, different person) exist
        truth = {(t["source_system"], t["source_record_id"]): t["true_person_id"] for t in self.truth}
        seen = collections.defaultdict(set)
        for r in self.rows:
            if r["source_record_id"] and r["uprn"]:
                seen[(r["surname"].upper(), r["date_of_birth"], r["uprn"])].add(
                    truth[(r["source_system"], r["source_record_id"])])
        self.assertTrue(any(len(p) > 1 for p in seen.values()), "no twins")
        self.assertTrue(any("|" in r["aliases"] for r in self.rows) or any(r["aliases"] for r in self.rows))
        self.assertTrue(any("/" in r["address_line1"] for r in self.rows), "no 2/10 flat layout")
        self.assertTrue(any(r["address_line1"].endswith(" Rd") for r in self.rows))
        self.assertTrue(any(r["postcode"] == "" for r in self.rows))

    def test_cli(self):
        out = os.path.join(self.tmp.name, "cli", "x.csv")
        p = subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--people", "50",
                            "--out", out, "--stats"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("people 50", p.stderr)
        self.assertTrue(os.path.exists(os.path.join(self.tmp.name, "cli", "gazetteer.csv")))


class FeedFormatExampleTest(unittest.TestCase):
    """The example in docs/feed-format.md says what it says."""

    def test_example(self):
        doc = os.path.join(HERE, "..", "..", "docs", "feed-format.md")
        if not os.path.exists(doc):
            self.skipTest("docs/feed-format.md not found")
        with open(doc, encoding="utf-8") as f:
            text = f.read()
        block = text.split("```csv\n", 1)[1].split("```", 1)[0]
        rows = list(csv.DictReader(block.splitlines()))
        self.assertEqual(list(rows[0].keys()), generate.EXTRACT_COLUMNS)
        reasons = {i + 2: quarantine_reason(r) for i, r in enumerate(rows)}
        self.assertEqual({k: v for k, v in reasons.items() if v}, {
            11: "bad_nhs_check_digit", 12: "unparseable_date", 14: "missing_id",
            15: "malformed_postcode", 16: "impossible_date"})
        clean = [r for r in rows if quarantine_reason(r) is None]
        outside = [r for r in clean if r["event_date"] < "2025-11-01"]
        self.assertEqual((len(rows), len(clean) - len(outside), len(outside)), (16, 10, 1))
        unknown = [r["event_type"] for r in clean if r["event_type"].upper() not in KNOWN_CODES]
        self.assertEqual(unknown, ["EARLY_HELP"])
        for r in rows:
            self.assertTrue(r["nhs_number"] in ("", "9992345674") or nhs_ok(r["nhs_number"]), r["nhs_number"])


if __name__ == "__main__":
    unittest.main()
