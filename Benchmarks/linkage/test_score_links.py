"""Tests for score_links.py (standard library unittest).

    python3 -m unittest discover -s Benchmarks/linkage -v
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import score_links  # noqa: E402

TRUTH = [  # 3 persons: A has 3 records (3 pairs), B has 2 (1 pair), C has 1
    ("S1", "1", "A"), ("S2", "1", "A"), ("S3", "1", "A"),
    ("S1", "2", "B"), ("S2", "2", "B"),
    ("S1", "3", "C"),
]


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


class ScoreLinksTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.truth = os.path.join(self.tmp.name, "truth.csv")
        write(self.truth, ["source_system", "source_record_id", "true_person_id"], TRUTH)

    def tearDown(self):
        self.tmp.cleanup()

    def links(self, rows, name="links.csv", header=("source_system", "source_record_id", "person_id")):
        path = os.path.join(self.tmp.name, name)
        write(path, header, rows)
        return path

    def test_perfect(self):
        r = score_links.score_files(self.links([(s, i, "x" + p) for s, i, p in TRUTH]), self.truth)
        self.assertEqual((r["precision"], r["recall"], r["f1"]), (1.0, 1.0, 1.0))
        self.assertEqual(r["true_pairs"], 4)

    def test_all_singletons(self):
        r = score_links.score_files(self.links([(s, i, s + i) for s, i, _ in TRUTH]), self.truth)
        self.assertEqual((r["precision"], r["recall"], r["f1"]), (1.0, 0.0, 0.0))

    def test_one_big_cluster(self):
        r = score_links.score_files(self.links([(s, i, "all") for s, i, _ in TRUTH]), self.truth)
        self.assertEqual(r["predicted_pairs"], 15)
        self.assertAlmostEqual(r["precision"], 4 / 15)
        self.assertEqual(r["recall"], 1.0)
        self.assertEqual(r["predicted_persons_merging_several"], 1)

    def test_partial(self):
        # A split into {S1,S2} and {S3}; B merged with C.
        rows = [("S1", "1", "p"), ("S2", "1", "p"), ("S3", "1", "q"),
                ("S1", "2", "r"), ("S2", "2", "r"), ("S1", "3", "r")]
        r = score_links.score_files(self.links(rows), self.truth)
        # predicted pairs: p 1, r 3 -> 4; correct: A 1, B 1 -> 2; true 4
        self.assertEqual((r["predicted_pairs"], r["correct_pairs"], r["true_pairs"]), (4, 2, 4))
        self.assertAlmostEqual(r["precision"], 0.5)
        self.assertAlmostEqual(r["recall"], 0.5)
        self.assertEqual(r["true_persons_split"], 1)

    def test_missing_records_count_as_singletons_or_are_left_out(self):
        rows = [("S1", "1", "a"), ("S2", "1", "a"), ("S1", "2", "b"), ("S2", "2", "b"),
                ("S9", "9", "z")]
        path = self.links(rows)
        r = score_links.score_files(path, self.truth)
        self.assertEqual(r["truth_records_missing_from_links"], 2)
        self.assertEqual(r["links_records_not_in_truth"], 1)
        self.assertAlmostEqual(r["recall"], 2 / 4)
        r = score_links.score_files(path, self.truth, universe="intersection")
        self.assertEqual(r["records_scored"], 4)
        self.assertEqual((r["precision"], r["recall"]), (1.0, 1.0))

    def test_extra_columns_bom_and_cli_json(self):
        path = os.path.join(self.tmp.name, "bom.csv")
        with open(path, "w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f)
            w.writerow(["person_id", "source_record_id", "source_system", "confidence"])
            for s, i, p in TRUTH:
                w.writerow([p, i, s, "0.9"])
        p = subprocess.run([sys.executable, os.path.join(HERE, "score_links.py"), path, self.truth, "--json"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout)["f1"], 1.0)

    def test_missing_column_is_an_error(self):
        path = self.links([("S1", "1")], header=("source_system", "source_record_id"))
        with self.assertRaises(SystemExit):
            score_links.score_files(path, self.truth)


# A mother M (adult social care and health), her child K (children's social care, carrying M's NHS number, and a
# health record with a typo) and D (a police record without a date of birth, two health records, one with a DOB typo).
FAMILY = [
    ("PIP-ASC", "a1", "M"), ("PIP-UHB", "u1", "M"),
    ("PIP-CSC", "c1", "K"), ("PIP-UHB", "u2", "K"),
    ("PIP-POLICE", "p1", "D"), ("PIP-UHB", "u3", "D"), ("PIP-UHB", "u4", "D"),
]
FAMILY_PATTERNS = [
    ("PIP-CSC", "c1", "family_nhs"),
    ("PIP-UHB", "u2", "typo_name"),
    ("PIP-POLICE", "p1", "no_dob_namesake;typo_dob"),
    ("PIP-UHB", "u4", "typo_dob"),
]
# The child's CSC record joined to the mother; K's health record alone; D split into {p1, u3} and {u4}.
FAMILY_LINKS = [
    ("PIP-ASC", "a1", "X"), ("PIP-UHB", "u1", "X"), ("PIP-CSC", "c1", "X"),
    ("PIP-UHB", "u2", "Y"),
    ("PIP-POLICE", "p1", "Z"), ("PIP-UHB", "u3", "Z"), ("PIP-UHB", "u4", "W"),
]


class IssueFiguresTest(unittest.TestCase):
    """Merged clusters per 10,000, ASC/CSC joins, typo-pair recall and per-pattern figures (issue #18)."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.truth = os.path.join(self.tmp.name, "truth.csv")
        write(self.truth, ["source_system", "source_record_id", "true_person_id"], FAMILY)
        self.patterns = os.path.join(self.tmp.name, "patterns.csv")
        write(self.patterns, ["source_system", "source_record_id", "patterns"], FAMILY_PATTERNS)

    def tearDown(self):
        self.tmp.cleanup()

    def score(self, rows, patterns=True):
        path = os.path.join(self.tmp.name, "links.csv")
        write(path, ["source_system", "source_record_id", "person_id"], rows)
        return score_links.score_files(path, self.truth, patterns_path=self.patterns if patterns else None)

    def test_pairwise_and_merged_clusters(self):
        r = self.score(FAMILY_LINKS)
        # predicted pairs: X 3, Z 1; correct: a1-u1, p1-u3; true pairs: M 1, K 1, D 3
        self.assertEqual((r["predicted_pairs"], r["correct_pairs"], r["true_pairs"]), (4, 2, 5))
        # X holds M and K: 1 merged cluster of 4 predicted persons
        self.assertEqual((r["merged_clusters"], r["predicted_persons"]), (1, 4))
        self.assertEqual(r["merged_per_10k"], 2500.0)

    def test_asc_csc_join(self):
        self.assertEqual(self.score(FAMILY_LINKS)["asc_csc_joins"], 1)
        perfect = [(s, i, "x" + p) for s, i, p in FAMILY]
        self.assertEqual(self.score(perfect)["asc_csc_joins"], 0)
        # M's ASC record with K's UHB record (not CSC) joins no CSC record: not counted
        rows = [(s, i, {"u2": "X", "c1": "Y"}.get(i, p)) for s, i, p in FAMILY_LINKS]
        self.assertEqual(self.score(rows)["asc_csc_joins"], 0)

    def test_asc_and_csc_of_one_person_is_no_join(self):
        truth = FAMILY + [("PIP-CSC", "c2", "M"), ("PIP-CSC", "c3", "L")]
        write(self.truth, ["source_system", "source_record_id", "true_person_id"], truth)
        # a care leaver: M's ASC and M's CSC records together
        r = self.score([(s, i, "x" + p) for s, i, p in truth])
        self.assertEqual(r["asc_csc_joins"], 0)
        # ... and another child's CSC record in the same person: one join (one cluster)
        rows = [(s, i, "xM" if i == "c3" else "x" + p) for s, i, p in truth]
        r = self.score(rows)
        self.assertEqual((r["asc_csc_joins"], r["merged_clusters"]), (1, 1))

    def test_typo_pair_recall(self):
        r = self.score(FAMILY_LINKS)
        # typo records u2, p1, u4; true pairs with either: c1-u2, p1-u3, p1-u4, u3-u4; recalled: p1-u3
        self.assertEqual((r["typo_pairs"], r["typo_pairs_recalled"]), (4, 1))
        self.assertEqual(r["typo_pair_recall"], 0.25)
        self.assertNotIn("typo_pairs", self.score(FAMILY_LINKS, patterns=False))

    def test_per_pattern(self):
        per = self.score(FAMILY_LINKS)["per_pattern"]
        self.assertEqual(sorted(per), ["any_typo", "family_nhs", "no_dob_namesake", "typo_dob", "typo_name"])
        # c1 falsely paired with a1 and u1 in X; its true pair c1-u2 missed
        self.assertEqual(per["family_nhs"], {"records": 1, "true_pairs": 1, "recalled_pairs": 0, "recall": 0.0,
                                             "false_pairs": 2, "merged_clusters": 1})
        self.assertEqual(per["typo_dob"], {"records": 2, "true_pairs": 3, "recalled_pairs": 1, "recall": 1 / 3,
                                           "false_pairs": 0, "merged_clusters": 0})
        self.assertEqual(per["no_dob_namesake"], {"records": 1, "true_pairs": 2, "recalled_pairs": 1, "recall": 0.5,
                                                  "false_pairs": 0, "merged_clusters": 0})
        self.assertEqual(per["typo_name"], {"records": 1, "true_pairs": 1, "recalled_pairs": 0, "recall": 0.0,
                                            "false_pairs": 0, "merged_clusters": 0})

    def test_false_pairs_counted_once_per_pair(self):
        # everything in one person: 21 predicted pairs, 5 correct, 16 false; c1 is in 6 pairs, 1 of them true
        per = self.score([(s, i, "all") for s, i, _ in FAMILY])["per_pattern"]
        self.assertEqual((per["family_nhs"]["false_pairs"], per["family_nhs"]["merged_clusters"]), (5, 1))
        # any_typo: pairs touching u2, p1 or u4: 21 - pairs among {a1, u1, c1, u3} (6) = 15, of which 4 true
        self.assertEqual((per["any_typo"]["false_pairs"], per["any_typo"]["recalled_pairs"]), (11, 4))

    def test_cli_prints_the_new_figures(self):
        path = os.path.join(self.tmp.name, "links.csv")
        write(path, ["source_system", "source_record_id", "person_id"], FAMILY_LINKS)
        p = subprocess.run([sys.executable, os.path.join(HERE, "score_links.py"), path, self.truth,
                            "--patterns", self.patterns], capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("merged clusters 1 of 4 predicted persons: 2500.00 per 10,000", p.stdout)
        self.assertIn("clusters joining a PIP-ASC record with a PIP-CSC record of another true person: 1", p.stdout)
        self.assertIn("typo pairs (either record typo_name or typo_dob): true 4, recalled 1, recall 0.2500", p.stdout)
        p = subprocess.run([sys.executable, os.path.join(HERE, "score_links.py"), path, self.truth,
                            "--patterns", self.patterns, "--json"], capture_output=True, text=True)
        r = json.loads(p.stdout)
        self.assertEqual((r["asc_csc_joins"], r["per_pattern"]["family_nhs"]["false_pairs"]), (1, 2))


if __name__ == "__main__":
    unittest.main()
