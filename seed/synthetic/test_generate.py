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


def quarantined(row):
    """Whether docs/feed-format.md (1.1) quarantines the row: no id, or an event date that is no day."""
    if not row["source_system"] or not row["source_record_id"]:
        return True
    try:
        return not ISO.match(row["event_date"]) or dt.date.fromisoformat(row["event_date"]) > AS_OF
    except ValueError:
        return True


def quarantine_reason(row):
    """What is wrong with a row under docs/feed-format.md, independently of generate.py: a reason to quarantine
    it, or (since version 1.1) a value set aside; None for a clean row."""
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
        with open(cls.out[:-4] + ".patterns.csv", newline="", encoding="utf-8") as f:
            cls.patterns = list(csv.DictReader(f))
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
        for suffix in ("extract.csv", "extract.truth.csv", "extract.patterns.csv", "gazetteer.csv"):
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
        loadable = {(r["source_system"], r["source_record_id"]) for r in self.rows if not quarantined(r)}
        self.assertEqual(truth_keys, loadable, "every record keeps at least one row that loads")
        invalid_nhs = {(p["source_system"], p["source_record_id"]) for p in self.patterns
                       if "invalid_nhs" in p["patterns"].split(";")}
        clean_keys = {(r["source_system"], r["source_record_id"]) for r in self.rows
                      if quarantine_reason(r) is None}
        self.assertEqual(truth_keys - invalid_nhs, clean_keys,
                         "every record keeps a clean row, but for those whose NHS number is always mistyped")
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
        rows, _, patterns, _ = load(out)
        bad = [r for r in rows if quarantine_reason(r)]
        # only the records whose NHS number is mistyped on every row (loaded, the number set aside)
        self.assertEqual({quarantine_reason(r) for r in bad}, {"bad_nhs_check_digit"})
        self.assertTrue(all("invalid_nhs" in patterns[(r["source_system"], r["source_record_id"])] for r in bad))

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


def osa_distance(a, b):
    """Edits (insert, delete, substitute, swap two adjacent letters) between two strings."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def load(out):
    """Rows, truth (record -> person), patterns (record -> set of tags), and each record's rows."""
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(out[:-4] + ".truth.csv", newline="", encoding="utf-8") as f:
        truth = {(t["source_system"], t["source_record_id"]): t["true_person_id"] for t in csv.DictReader(f)}
    with open(out[:-4] + ".patterns.csv", newline="", encoding="utf-8") as f:
        patterns = {(p["source_system"], p["source_record_id"]): set(p["patterns"].split(";")) for p in csv.DictReader(f)}
    records = collections.defaultdict(list)
    for r in rows:
        if r["source_record_id"]:
            records[(r["source_system"], r["source_record_id"])].append(r)
    return rows, truth, patterns, records


def ident(record_rows):
    """The record's identity from a row that loads and is clean where it can be (dirty rows are extra rows)."""
    clean = [r for r in record_rows if quarantine_reason(r) in (None, "bad_nhs_check_digit")]
    return clean[0]


LETTERS = re.compile(r"[^A-Z]")


class PatternsTest(unittest.TestCase):
    """The issue-18 patterns occur, with truth and pattern tags, deterministically (a larger extract, so the rarer
    ones occur)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = os.path.join(cls.tmp.name, "p", "extract.csv")
        generate.main(["--people", "30000", "--out", cls.out, "--seed", "5"])
        cls.rows, cls.truth, cls.patterns, cls.records = load(cls.out)
        cls.ident = {k: ident(v) for k, v in cls.records.items()}
        cls.by_person = collections.defaultdict(list)
        for k, pid in cls.truth.items():
            cls.by_person[pid].append(k)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def tagged(self, tag):
        return [k for k, tags in self.patterns.items() if tag in tags]

    def test_patterns_file_names_truth_records_with_known_tags(self):
        self.assertTrue(set(self.patterns) <= set(self.truth))
        tags = set().union(*self.patterns.values())
        self.assertEqual(tags - set(generate.PATTERN_TAGS), set())
        for tag in generate.PATTERN_TAGS:
            self.assertGreater(len(self.tagged(tag)), 0, tag)
        # person-level tags are on every record of the person
        for tag in ("twin", "jr_sr", "namesake"):
            people = {self.truth[k] for k in self.tagged(tag)}
            for pid in people:
                for k in self.by_person[pid]:
                    self.assertIn(tag, self.patterns.get(k, set()), (tag, k))

    def test_family_nhs_on_childrens_records(self):
        owners = collections.defaultdict(set)  # NHS number -> true persons whose records hold it untainted
        for k, r in self.ident.items():
            if r["nhs_number"] and not self.patterns.get(k, set()) & {"family_nhs", "wrong_nhs", "invalid_nhs"}:
                owners[r["nhs_number"]].add(self.truth[k])
        family = self.tagged("family_nhs")
        self.assertGreater(len(family), 40)
        other_owner = 0
        for k in family:
            self.assertEqual(k[0], "PIP-CSC")
            r = self.ident[k]
            if "typo_dob" not in self.patterns[k]:
                self.assertTrue(r["date_of_birth"] == "" or r["date_of_birth"] > "2008-10-01", r)  # a child
            if "invalid_nhs" not in self.patterns[k]:
                self.assertTrue(nhs_ok(r["nhs_number"]), r)
            if owners[r["nhs_number"]] - {self.truth[k]}:
                other_owner += 1
            self.assertNotIn(self.truth[k], owners[r["nhs_number"]], "the number is a parent's, not the child's")
        self.assertGreater(other_owner, 0.6 * len(family))
        # ASC parent / CSC child pairs: the child's CSC record and the parent's ASC record hold one number
        asc_numbers = {self.ident[k]["nhs_number"]: self.truth[k] for k in self.ident
                       if k[0] == "PIP-ASC" and self.ident[k]["nhs_number"]}
        pairs = [k for k in self.tagged("family_nhs_asc") if asc_numbers.get(self.ident[k]["nhs_number"], self.truth[k])
                 != self.truth[k]]
        self.assertGreater(len(pairs), 10)

    def test_twins_of_both_sexes(self):
        twins = collections.defaultdict(set)  # (surname, DOB, UPRN) -> (person, gender)
        for k in self.tagged("twin_mixed_sex"):
            r = self.ident[k]
            if r["uprn"] and r["date_of_birth"] and r["gender"][:1] in ("M", "F"):
                twins[(r["surname"].upper(), r["date_of_birth"], r["uprn"])].add((self.truth[k], r["gender"][:1]))
        mixed = [v for v in twins.values() if {g for _, g in v} == {"M", "F"} and len({p for p, _ in v}) == 2]
        self.assertGreater(len(mixed), 5)
        for k in self.tagged("twin_mixed_sex"):
            self.assertIn("twin", self.patterns[k])

    def test_jr_sr_fathers_and_sons_of_one_name(self):
        suffixes = ("JR", "JNR", "JUNIOR", "SR", "SNR", "SENIOR")
        names = collections.defaultdict(set)  # (forename, surname without suffix, UPRN) -> (person, birth year)
        for k in self.tagged("jr_sr"):
            r = self.ident[k]
            sur = r["surname"].upper().split(" ")
            if "suffix" in self.patterns[k]:
                swapped = r["forename"].upper().split(" ")  # the suffix goes with the surname, wherever it was keyed
                self.assertIn((swapped if "name_swap" in self.patterns[k] else sur)[-1], suffixes, r)
                sur = sur[:-1]
            if r["uprn"] and r["date_of_birth"] and self.patterns[k].isdisjoint({"name_swap", "typo_name", "nickname",
                                                                                 "alias_name", "no_forename"}):
                self.assertIn(r["gender"][:1], ("M", "", "U"), r)
                names[(r["forename"].upper(), " ".join(sur), r["uprn"])].add((self.truth[k], int(r["date_of_birth"][:4])))
        pairs = [v for v in names.values() if len({p for p, _ in v}) == 2]
        self.assertGreater(len(pairs), 10)
        for v in pairs:
            years = sorted({y for _, y in v})
            self.assertGreaterEqual(years[-1] - years[0], 15, v)  # a father and his son, not one person
        suffixed = self.tagged("suffix")
        self.assertGreater(len(suffixed), 5)
        for k in suffixed:
            self.assertIn("jr_sr", self.patterns[k])

    def test_police_records_without_dob_beside_a_namesake(self):
        recs = self.tagged("no_dob_namesake")
        police = [k for k in recs if k[0] == "PIP-POLICE"]
        self.assertGreater(len(police), 10)
        self.assertGreater(len(police), 0.7 * len(recs))
        altered = {"nickname", "alias_name", "maiden_name", "name_swap", "no_forename", "typo_name", "suffix"}
        where = collections.defaultdict(set)  # (forename, surname) of untouched names -> persons
        for k, r in self.ident.items():
            if self.patterns.get(k, set()).isdisjoint(altered):
                where[(r["forename"].upper(), r["surname"].upper())].add(self.truth[k])
        plain = beside = women = 0
        for k in recs:
            r = self.ident[k]
            self.assertEqual(r["date_of_birth"], "")
            self.assertIn("namesake", self.patterns[k])
            if self.patterns[k].isdisjoint(altered):
                plain += 1
                if len(where[(r["forename"].upper(), r["surname"].upper())]) > 1:
                    beside += 1
                    women += r["gender"][:1] == "F"
        self.assertGreater(beside, 0.8 * plain)
        self.assertGreater(women, 0, "a mother and daughter of one name")

    def test_invalid_nhs_is_loadable_and_fails_the_check_on_every_row(self):
        recs = self.tagged("invalid_nhs")
        with_nhs = sum(1 for r in self.ident.values() if r["nhs_number"])
        self.assertGreater(len(recs), 0.002 * with_nhs)
        self.assertLess(len(recs), 0.008 * with_nhs)
        for k in recs:
            for r in self.records[k]:
                self.assertFalse(quarantined(r) and r is self.ident[k])
                self.assertTrue(r["nhs_number"].startswith("999") and not nhs_ok(r["nhs_number"]), r)
        untagged_bad = [k for k, rr in self.records.items() if "invalid_nhs" not in self.patterns.get(k, set())
                        and all(r["nhs_number"] and not nhs_ok(r["nhs_number"]) for r in rr)]
        self.assertEqual(untagged_bad, [])

    def test_typo_tags_mark_one_keystroke_typos(self):
        check_names(self, self.by_person, self.ident, self.patterns, share_low=0.1, share_high=0.35)


def check_names(test, by_person, ident_of, patterns, share_low, share_high):
    """typo_name records differ from the person's untouched name by one edit per field; typo_dob records from
    the person's date of birth; untagged records carry neither; name typos per record beyond each person's first
    (the duplicates a linker must link) are between the bounds."""
    other = {"nickname", "alias_name", "maiden_name", "name_swap", "no_forename", "suffix"}
    typo_records = later = 0
    for pid, keys in by_person.items():
        plain = [k for k in keys if patterns.get(k, set()).isdisjoint(other | {"typo_name"})]
        names = {(LETTERS.sub("", ident_of[k]["forename"].upper()), LETTERS.sub("", ident_of[k]["surname"].upper()))
                 for k in plain}
        hyphen = any(("-" in ident_of[k]["surname"] or " " in ident_of[k]["surname"].strip()) for k in keys)
        if not hyphen:
            test.assertLessEqual(len(names), 1, [ident_of[k] for k in plain])
        dobs = {ident_of[k]["date_of_birth"] for k in keys
                if patterns.get(k, set()).isdisjoint({"typo_dob", "dob_year_only", "no_dob"})}
        test.assertLessEqual(len(dobs), 1, (pid, dobs))
        for i, k in enumerate(keys):
            tags = patterns.get(k, set())
            r = ident_of[k]
            if dobs and "typo_dob" in tags:
                test.assertNotEqual(r["date_of_birth"], next(iter(dobs)), r)
            later += i > 0
            typo_records += "typo_name" in tags
            if names and not hyphen and "typo_name" in tags and tags.isdisjoint(other):
                fore, sur = next(iter(names))
                got = (LETTERS.sub("", r["forename"].upper()), LETTERS.sub("", r["surname"].upper()))
                test.assertNotEqual(got, (fore, sur))
                test.assertLessEqual(osa_distance(got[0], fore), 1, (got, fore))
                test.assertLessEqual(osa_distance(got[1], sur), 1, (got, sur))
    share = typo_records / later
    test.assertGreater(share, share_low)
    test.assertLess(share, share_high)


class TypoHeavyTest(unittest.TestCase):
    """--typo-rate: most of a person's later records carry a one-keystroke typo, deterministically."""

    def test_typo_heavy(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "t", "extract.csv")
            generate.main(["--people", "8000", "--out", out, "--seed", "2", "--typo-rate", "0.8"])
            rows, truth, patterns, records = load(out)
            ident_of = {k: ident(v) for k, v in records.items()}
            by_person = collections.defaultdict(list)
            for k in sorted(truth, key=lambda k: (truth[k], k)):
                by_person[truth[k]].append(k)
            check_names(self, by_person, ident_of, patterns, share_low=0.85, share_high=1.2)
            dob_typos = sum(1 for tags in patterns.values() if "typo_dob" in tags)
            self.assertGreater(dob_typos, 0.3 * sum(len(v) - 1 for v in by_person.values()))
            again = os.path.join(tmp, "u", "extract.csv")
            generate.main(["--people", "8000", "--out", again, "--seed", "2", "--typo-rate", "0.8"])
            for suffix in ("extract.csv", "extract.truth.csv", "extract.patterns.csv"):
                with open(os.path.join(tmp, "t", suffix), "rb") as a, open(os.path.join(tmp, "u", suffix), "rb") as b:
                    self.assertEqual(hashlib.sha256(a.read()).digest(), hashlib.sha256(b.read()).digest(), suffix)


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
