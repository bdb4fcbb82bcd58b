#!/usr/bin/env python3
"""Synthetic Piphire partner extract with truth labels (standard library only).

Writes three files:
  * the standard partner data extract (docs/feed-format.md): one row per event
    of a person known to a source, five sources in one file;
  * a truth file: source_system, source_record_id, true_person_id (one row per
    source record, i.e. per distinct (source_system, source_record_id));
  * gazetteer.csv: uprn, address_line1, address_line2, town, postcode.

All people are fictional residents of the fictional county of Piphire. NHS
numbers come from the 999 range reserved for testing and pass the mod-11 check.

Usage:
  python3 generate.py --people 100000 --out /tmp/piphire/extract.csv --seed 1
Output is a deterministic function of the arguments (same seed, same bytes).
Roughly 2.8 extract rows are written per person, so --people 360000 gives about
1,000,000 rows; --stats prints the counts.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import os
import random
import sys
import time
from itertools import accumulate

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import names as N  # noqa: E402

EXTRACT_COLUMNS = [
    "source_system", "source_record_id", "forename", "surname", "date_of_birth",
    "address_line1", "address_line2", "town", "postcode", "nhs_number", "uprn",
    "event_type", "event_date", "gender", "aliases",
    "lead_professional_name", "lead_professional_phone", "lead_professional_email",
]
TRUTH_COLUMNS = ["source_system", "source_record_id", "true_person_id"]
PATTERN_COLUMNS = ["source_system", "source_record_id", "patterns"]
# Pattern tags (extract.patterns.csv), per record. Person tags go on every record of the person; record tags on the
# records that show the pattern.
PATTERN_TAGS = {
    "twin": "a twin (same surname, date of birth and address as the co-twin)",
    "twin_mixed_sex": "a twin whose co-twin is of the other sex",
    "jr_sr": "father or son of one forename and surname in one household",
    "suffix": "the surname carries Jr/Jnr/Junior or Sr/Snr/Senior",
    "namesake": "someone else in the household has the same forename and surname",
    "no_dob": "no date of birth on the record",
    "no_dob_namesake": "no date of birth, and a namesake lives in the household",
    "family_nhs": "a children's record carrying a parent's NHS number",
    "family_nhs_asc": "family_nhs where that parent has a PIP-ASC record (an adult social care client)",
    "wrong_nhs": "a valid NHS number of somebody else (keying error)",
    "invalid_nhs": "an NHS number failing the mod-11 check on every row (loaded, number set aside)",
    "typo_name": "a one-keystroke typo in forename or surname",
    "typo_dob": "date of birth with day/month swapped, a digit wrong or transposed, or a day or year off",
    "dob_year_only": "date of birth given as 1 January of the right year",
    "nickname": "forename given as a nickname",
    "alias_name": "filed under an alias",
    "maiden_name": "filed under a maiden name",
    "name_swap": "forename and surname swapped",
    "no_forename": "forename missing",
    "old_address": "the address before a house move",
    "dup_in_source": "a second record for the person in the same source",
}
TYPO_TAGS = ("typo_name", "typo_dob")
GAZETTEER_COLUMNS = ["uprn", "address_line1", "address_line2", "town", "postcode"]

CSC, ASC, UHB, POLICE, EDU = "PIP-CSC", "PIP-ASC", "PIP-UHB", "PIP-POLICE", "PIP-EDU"
SOURCE_ORDER = [CSC, ASC, UHB, POLICE, EDU]

# --------------------------------------------------------------------------
# Per-source behaviour: how complete and how clean each partner's data is.
# --------------------------------------------------------------------------
PROFILE = {
    #            nhs   uprn  pc_miss dob_miss nick  typo  alias_col case     gender_style lead
    CSC:    dict(nhs=.75, uprn=.85, pcm=.01, dobm=.005, nick=.06, typo=.025, alias=.45, case="title", gstyle="MF", lead=1.0),
    ASC:    dict(nhs=.88, uprn=.85, pcm=.01, dobm=.005, nick=.10, typo=.025, alias=.15, case="title", gstyle="MF", lead=1.0),
    UHB:    dict(nhs=.96, uprn=.35, pcm=.02, dobm=.002, nick=.04, typo=.03, alias=.05, case="upper_surname", gstyle="word", lead=.30),
    POLICE: dict(nhs=.04, uprn=.92, pcm=.04, dobm=.07, nick=.16, typo=.045, alias=.60, case="upper", gstyle="MF", lead=.25),
    EDU:    dict(nhs=.25, uprn=.60, pcm=.02, dobm=.003, nick=.08, typo=.02, alias=.10, case="title", gstyle="MFU", lead=.70),
}

EVENT_CODES = {
    CSC: (["CSC_REFERRAL", "CHILD_IN_NEED", "CHILD_PROTECTION_PLAN", "LOOKED_AFTER"], [50, 30, 12, 8]),
    ASC: (["ASC_OPEN_CASE", "ADULT_SAFEGUARDING_ENQUIRY"], [75, 25]),
    POLICE: (["POLICE_101_CALL", "POLICE_999_CALL"], [60, 40]),
    # Education's codes are not (yet) in the standard mapping: Hub keeps them and
    # reports them as unknown, as docs/feed-format.md describes.
    EDU: (["EDU_PERSISTENT_ABSENCE", "EDU_EXCLUSION", "EDU_CHILD_MISSING_EDUCATION"], [70, 20, 10]),
}
# Jr/Sr suffixes as some sources key them into the surname field, and how often each source does.
SUFFIXES = {"Jr": ["Jr", "Jnr", "Junior"], "Sr": ["Sr", "Snr", "Senior"]}
SUFFIX_RATE = {CSC: 0.08, ASC: 0.08, UHB: 0.02, POLICE: 0.30, EDU: 0.02}
# Chances behind the issue-18 patterns (see the README).
FAMILY_NHS_RATE = 0.03          # a child's CSC record carries a parent's NHS number
FAMILY_NHS_ASC_RATE = 0.20      # ... when that parent is an adult social care client
ASC_PARENT_RATE = 0.08          # a CSC household where a parent is an ASC client
INVALID_NHS_RATE = 0.004        # a record's NHS number fails the check on every row
NAMESAKE_NO_DOB = 0.35          # a police record of someone with a namesake at home lacks a DOB
SON_AFTER_FATHER = 0.03
DAUGHTER_AFTER_MOTHER = 0.015
ADULT_CHILD_AT_HOME = 0.12

# A few codes arrive misspelt (unknown) or in lower case (known once upper-cased).
MISSPELT_CODES = ["AE_ATTENDENCE", "CSC_REFERAL", "POLICE_999", "DNA", "WNB"]

ID_FORMATS = {  # prefix, digits, multiplier (coprime with 10), offset
    CSC: ("CSC", 7, 7_654_321, 1_234_567),
    ASC: ("ASC-", 7, 3_141_593, 2_718_281),
    UHB: ("M", 8, 48_271_133, 11_223_344),
    POLICE: ("NOM/", 8, 69_069_069, 31_415_926),
    EDU: ("E", 9, 123_456_791, 987_654_321),
}

KEYBOARD = {
    "a": "sqz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh",
    "h": "gj", "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm",
    "o": "ip", "p": "o", "q": "w", "r": "et", "s": "ad", "t": "ry", "u": "yi",
    "v": "cb", "w": "qe", "x": "zc", "y": "tu", "z": "x",
}


class Picker:
    """Weighted choice by bisect on cumulative weights (fast, deterministic)."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def pick(self, rng):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


def zipf_picker(items, s):
    return Picker(items, [1.0 / (r ** s) for r in range(1, len(items) + 1)])


KIDS_PER_FAMILY = Picker([1, 2, 3, 4, 5], [35, 38, 17, 7, 3])


def nhs_check_digit(nine: str):
    """Mod-11 check digit for the first nine digits; None when invalid (10)."""
    total = sum(int(c) * w for c, w in zip(nine, range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def nhs_numbers():
    """Unique valid NHS numbers from the 999 test range, in scrambled order."""
    for i in range(1_000_000):
        nine = "999%06d" % ((i * 7919 + 104_729) % 1_000_000)
        check = nhs_check_digit(nine)
        if check is not None:
            yield nine + str(check)


def typo(s: str, rng) -> str:
    """One keying error: transposition, deletion, substitution or doubling."""
    n = len(s)
    if n < 3:
        return s
    i = rng.randrange(1, n - 1)
    k = rng.random()
    if k < 0.35:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    if k < 0.60:
        return s[:i] + s[i + 1:]
    if k < 0.90:
        c = s[i]
        near = KEYBOARD.get(c.lower())
        if not near:
            return s
        r = near[rng.randrange(len(near))]
        return s[:i] + (r.upper() if c.isupper() else r) + s[i + 1:]
    return s[:i] + s[i] + s[i:]


def typo_changed(s: str, rng) -> str:
    """A typo that changes the string, not only its case (when the string is long enough to take one)."""
    for _ in range(6):
        t = typo(s, rng)
        if t.upper() != s.upper():
            return t
    return s


def date_typo(d: dt.date, rng):
    """One keying error in an ISO date: day and month swapped, one digit wrong, or two adjacent digits
    transposed (in the year's last two digits, the month or the day). None when no such date exists."""
    iso = d.isoformat()
    for _ in range(12):
        k = rng.random()
        if k < 0.3:
            if d.day <= 12 and d.day != d.month:
                return dt.date(d.year, d.day, d.month)
            continue
        if k < 0.7:
            i = rng.choice((2, 3, 5, 6, 8, 9))
            c = str((int(iso[i]) + rng.randint(1, 9)) % 10)
            s = iso[:i] + c + iso[i + 1:]
        else:
            i = rng.choice((2, 5, 8))
            if iso[i] == iso[i + 1]:
                continue
            s = iso[:i] + iso[i + 1] + iso[i] + iso[i + 2:]
        try:
            t = dt.date.fromisoformat(s)
        except ValueError:
            continue
        if t != d and t.year >= 1900:
            return t
    return None


def nhs_invalid(nhs: str, rng) -> str:
    """A keying error the mod-11 check catches: one digit wrong, or two adjacent different digits swapped."""
    for _ in range(12):
        if rng.random() < 0.5:
            i = rng.randrange(3, 9)
            if nhs[i] == nhs[i + 1]:
                continue
            bad = nhs[:i] + nhs[i + 1] + nhs[i] + nhs[i + 2:]
        else:
            i = rng.randrange(3, 10)
            bad = nhs[:i] + str((int(nhs[i]) + rng.randint(1, 9)) % 10) + nhs[i + 1:]
        if nhs_check_digit(bad[:9]) != int(bad[9]):
            return bad
    return nhs[:9] + str((int(nhs[9]) + 1) % 10)


# --------------------------------------------------------------------------
# Gazetteer
# --------------------------------------------------------------------------
class Gazetteer:
    """Fictional addresses: (uprn, flat, number, street, type, locality, town, postcode)."""

    def __init__(self, rng, n_addresses):
        self.rows = []
        town_pick = Picker(N.TOWNS, [60, 18, 10, 7, 5])
        unit_pairs = [a + b for a in N.POSTCODE_UNIT_LETTERS for b in N.POSTCODE_UNIT_LETTERS]
        rng.shuffle(unit_pairs)
        used_units = {}   # (district, sector) -> next index into unit_pairs
        used_streets = set()
        uprn = 100_100_000_000
        while len(self.rows) < n_addresses:
            town, districts, localities = town_pick.pick(rng)
            locality = localities[rng.randrange(len(localities))]
            for _ in range(20):
                sname = N.STREET_NAMES[rng.randrange(len(N.STREET_NAMES))]
                stype = N.STREET_TYPES[rng.randrange(len(N.STREET_TYPES))][0]
                key = (town, locality, sname, stype)
                if key not in used_streets:
                    break
            used_streets.add(key)
            district = districts[rng.randrange(len(districts))]
            sector = rng.randrange(10)
            houses = rng.randint(6, 90)
            flats_street = rng.random() < 0.18
            per_unit = rng.randint(12, 30)
            in_unit = per_unit
            postcode = None
            for num in range(1, houses + 1):
                flats = rng.randint(2, 12) if flats_street and rng.random() < 0.4 else 0
                for flat in range(0, flats + 1) if flats else (0,):
                    if flats and flat == 0:
                        continue  # a converted building holds flats only
                    if in_unit >= per_unit:
                        start, k = used_units.get((district, sector), (rng.randrange(len(unit_pairs)), 0))
                        while k >= len(unit_pairs):  # sector full: move on
                            district = (district % 9) + 1
                            sector = rng.randrange(10)
                            start, k = used_units.get((district, sector), (rng.randrange(len(unit_pairs)), 0))
                        used_units[(district, sector)] = (start, k + 1)
                        postcode = "PP%d %d%s" % (district, sector, unit_pairs[(start + k) % len(unit_pairs)])
                        in_unit = 0
                    in_unit += 1
                    uprn += 1
                    self.rows.append((str(uprn), flat, num, sname, stype, locality, town, postcode))

    def canonical(self, a):
        uprn, flat, num, sname, stype, locality, town, postcode = a
        street = "%d %s %s" % (num, sname, stype)
        line1 = "Flat %d, %s" % (flat, street) if flat else street
        return [uprn, line1, locality, town, postcode]


# --------------------------------------------------------------------------
# People and households
# --------------------------------------------------------------------------
class Person:
    __slots__ = ("pid", "fore", "sur", "maiden", "dob", "sex", "nhs", "aliases",
                 "hh", "home", "prev", "age", "tags", "parents", "suffix")

    def __init__(self, pid, fore, sur, dob, sex, nhs, hh, age):
        self.pid, self.fore, self.sur, self.dob, self.sex = pid, fore, sur, dob, sex
        self.nhs, self.hh, self.age = nhs, hh, age
        self.maiden = ""
        self.aliases = []
        self.home = None
        self.prev = None
        self.tags = set()      # person-level pattern tags
        self.parents = []      # for children: the parents in the household
        self.suffix = ""       # "Jr" or "Sr" for a father and son of one name


class Household:
    __slots__ = ("hid", "members", "home", "prev", "csc", "police", "moved", "asc_parent")

    def __init__(self, hid):
        self.hid = hid
        self.members = []
        self.home = self.prev = None
        self.csc = self.police = self.moved = False
        self.asc_parent = None  # a parent who is an adult social care client


class World:
    def __init__(self, rng, as_of):
        self.rng = rng
        self.as_of = as_of
        self.sur = zipf_picker(N.SURNAMES, 0.85)
        self.names = {
            ("M", 0): N.MALE_OLD, ("M", 1): N.MALE_MID, ("M", 2): N.MALE_YOUNG,
            ("F", 0): N.FEMALE_OLD, ("F", 1): N.FEMALE_MID, ("F", 2): N.FEMALE_YOUNG,
        }
        self.name_pick = {k: zipf_picker(v, 0.6) for k, v in self.names.items()}
        self.nhs_iter = nhs_numbers()
        self.people = []
        self.households = []

    def forename(self, sex, year):
        band = 0 if year < 1960 else (1 if year < 1990 else 2)
        return self.name_pick[(sex, band)].pick(self.rng)

    def birth(self, age_lo, age_hi):
        rng = self.rng
        days = rng.randint(int(age_lo * 365.25), int(age_hi * 365.25) + 364)
        return self.as_of - dt.timedelta(days=days)

    def surname(self):
        s = self.sur.pick(self.rng)
        if self.rng.random() < 0.012:  # double-barrelled
            s = s + "-" + self.sur.pick(self.rng)
        return s

    def person(self, hh, sex, dob, sur, fore=None):
        rng = self.rng
        try:
            nhs = next(self.nhs_iter) if rng.random() > 0.02 else ""
        except StopIteration:
            sys.exit("the 999 NHS test range is exhausted: use --people 880000 or fewer")
        age = (self.as_of - dob).days // 365
        p = Person("P%07d" % (len(self.people) + 1), fore or self.forename(sex, dob.year),
                   sur, dob, sex, nhs, hh, age)
        if rng.random() < (0.09 if age >= 14 else 0.02):
            self.add_alias(p)
        self.people.append(p)
        hh.members.append(p)
        return p

    def add_alias(self, p):
        rng = self.rng
        k = rng.random()
        nick = N.NICKNAMES.get(p.fore)
        if k < 0.4 and nick:
            p.aliases.append("%s %s" % (nick[rng.randrange(len(nick))], p.sur))
        elif k < 0.75:
            p.aliases.append("%s %s" % (p.fore, self.sur.pick(rng)))
        else:
            p.aliases.append("%s %s" % (self.forename(p.sex, p.dob.year), p.sur))

    def household(self):
        rng = self.rng
        hh = Household(len(self.households) + 1)
        self.households.append(hh)
        r = rng.random()
        if r < 0.11:
            self.person(hh, "M" if rng.random() < 0.5 else "F", self.birth(18, 35), self.surname())
        elif r < 0.20:
            self.person(hh, "M" if rng.random() < 0.5 else "F", self.birth(36, 64), self.surname())
        elif r < 0.29:
            self.person(hh, "M" if rng.random() < 0.4 else "F", self.birth(65, 99), self.surname())
        elif r < 0.39:
            self.couple(hh, 20, 64)
        elif r < 0.46:
            self.couple(hh, 65, 95)
        elif r < 0.73:
            parents = self.couple(hh, 22, 55)
            self.children(hh, parents)
        elif r < 0.92:
            mother = rng.random() < 0.88
            parent = self.person(hh, "F" if mother else "M", self.birth(18, 52), self.surname())
            kids_sur = parent.sur if rng.random() < 0.6 else self.surname()
            self.children(hh, [parent], kids_sur)
        else:
            parents = self.couple(hh, 25, 55)
            self.children(hh, parents)
            gp_sur = parents[1].maiden or parents[0].sur if rng.random() < 0.5 else parents[0].sur
            if rng.random() < 0.6:  # a widowed grandparent
                self.person(hh, "F" if rng.random() < 0.7 else "M", self.birth(62, 95), gp_sur)
            else:
                self.person(hh, "F", self.birth(62, 95), gp_sur)
                self.person(hh, "M", self.birth(62, 95), gp_sur)
        hh.csc = any(m.age < 18 for m in hh.members) and rng.random() < 0.20
        hh.police = rng.random() < 0.22
        hh.moved = rng.random() < 0.10
        if hh.csc and rng.random() < ASC_PARENT_RATE:
            parents = [m for m in hh.members if any(m in c.parents for c in hh.members)]
            if parents:
                mothers = [m for m in parents if m.sex == "F"]
                hh.asc_parent = mothers[0] if mothers and rng.random() < 0.8 else parents[rng.randrange(len(parents))]
        return hh

    def mark_namesakes(self):
        """Tags everyone who shares forename and surname with another member of the household."""
        for hh in self.households:
            seen = {}
            for m in hh.members:
                seen.setdefault((m.fore, m.sur), []).append(m)
            for group in seen.values():
                if len(group) > 1:
                    for m in group:
                        m.tags.add("namesake")

    def couple(self, hh, lo, hi):
        rng = self.rng
        sur = self.surname()
        he = self.person(hh, "M", self.birth(lo, hi), sur)
        lo2, hi2 = max(18, he.age - 8), min(100, he.age + 4)
        if lo2 > hi2:
            lo2 = hi2
        maiden = self.surname()
        took = rng.random() < 0.65
        she = self.person(hh, "F", self.birth(lo2, hi2), sur if took else maiden)
        if took and maiden != sur:
            she.maiden = maiden
        return [he, she]

    def children(self, hh, parents, kids_sur=None):
        rng = self.rng
        youngest_parent_age = min(p.age for p in parents)
        max_kid_age = min(17, youngest_parent_age - 17)
        if max_kid_age < 0:
            return
        n = KIDS_PER_FAMILY.pick(rng)
        father = next((p for p in parents if p.sex == "M"), None)
        mother = next((p for p in parents if p.sex == "F"), None)
        if kids_sur is None:
            kids_sur = parents[0].sur
        used = set()  # siblings get different forenames
        dob = self.birth(min(max_kid_age, 2 * (n - 1)), max_kid_age)  # the eldest
        for i in range(n):
            if i:
                dob = dob + dt.timedelta(days=rng.randint(330, 1500))  # spacing between births
                if dob > self.as_of:
                    break
            sex = "M" if rng.random() < 0.51 else "F"
            sur = kids_sur
            if len(parents) == 2 and parents[1].maiden and rng.random() < 0.04:
                sur = parents[1].maiden + "-" + kids_sur
            kid = self.child(hh, parents, father, mother, sex, dob, sur, used)
            if rng.random() < 0.015:  # twins: same DOB and surname
                tsex = sex if rng.random() < 0.5 else ("F" if sex == "M" else "M")
                tfore = self.new_forename(tsex, dob.year, used)
                used.add(tfore)
                twin = self.person(hh, tsex, dob, sur, tfore)
                twin.parents = list(parents)
                for t in (kid, twin):
                    t.tags.add("twin")
                    if tsex != sex:
                        t.tags.add("twin_mixed_sex")
        # a grown-up son or daughter still living at home
        if youngest_parent_age >= 36 and rng.random() < ADULT_CHILD_AT_HOME:
            dob = self.birth(18, min(30, youngest_parent_age - 18))
            self.child(hh, parents, father, mother, "M" if rng.random() < 0.5 else "F", dob, kids_sur, used)

    def child(self, hh, parents, father, mother, sex, dob, sur, used):
        rng = self.rng
        fore = None
        if sex == "M" and father is not None and father.fore not in used and rng.random() < SON_AFTER_FATHER:
            fore = father.fore  # named after his father: same name, same address
        elif sex == "F" and mother is not None and mother.fore not in used and rng.random() < DAUGHTER_AFTER_MOTHER:
            fore = mother.fore  # named after her mother
        if fore is None:
            fore = self.new_forename(sex, dob.year, used)
        used.add(fore)
        kid = self.person(hh, sex, dob, sur, fore)
        kid.parents = list(parents)
        if father is not None and sex == "M" and (fore, sur) == (father.fore, father.sur):
            kid.tags.add("jr_sr")
            father.tags.add("jr_sr")
            kid.suffix, father.suffix = "Jr", "Sr"
        return kid

    def new_forename(self, sex, year, used):
        for _ in range(50):
            fore = self.forename(sex, year)
            if fore not in used:
                return fore
        return fore


# --------------------------------------------------------------------------
# Source records
# --------------------------------------------------------------------------
def sources_for(p, hh, rng):
    age = p.age
    chosen = []
    if rng.random() < (0.86 if age < 5 or age >= 75 else 0.74):
        chosen.append(UHB)
    if age < 18:
        if rng.random() < (0.85 if hh.csc else 0.012):
            chosen.append(CSC)
    elif age < 21 and hh.csc and rng.random() < 0.2:
        chosen.append(CSC)  # care leavers
    if age >= 18 and (p is hh.asc_parent or rng.random() < (0.40 if age >= 75 else 0.16 if age >= 65 else 0.045)):
        chosen.append(ASC)
    if age >= 14 and rng.random() < ((0.70 if age >= 18 else 0.30) if hh.police else 0.05):
        chosen.append(POLICE)
    if 4 <= age <= 16 and rng.random() < (0.80 if hh.csc else 0.45):
        chosen.append(EDU)
    if not chosen:
        chosen.append(UHB if rng.random() < 0.8 else (POLICE if age >= 14 else EDU if age >= 4 else CSC))
    if len(chosen) > 4:
        del chosen[rng.randrange(len(chosen))]
    return chosen


class RecordMaker:
    def __init__(self, rng, world, gaz, as_of, dirty_rate, typo_rate=0.0):
        self.rng, self.world, self.gaz, self.as_of = rng, world, gaz, as_of
        self.dirty_rate = dirty_rate
        self.typo_rate = typo_rate
        self.family_parent = None  # the parent whose NHS number the last family_nhs record carries
        self.counters = {s: 0 for s in SOURCE_ORDER}
        self.abbrev = {full: short for full, short in N.STREET_TYPES}
        self.event_pick = {s: Picker(*EVENT_CODES[s]) for s in EVENT_CODES}
        self.lead = {s: self.lead_pool(s) for s in SOURCE_ORDER}
        self.uprn_index = {a[0]: i for i, a in enumerate(gaz.rows)}

    def lead_pool(self, src):
        rng = self.rng
        pool = []
        domain = N.SOURCES[src][1]
        for i in range(150):
            sex = "F" if rng.random() < 0.7 else "M"
            fore = self.world.forename(sex, rng.randint(1960, 2000))
            sur = self.world.sur.pick(rng)
            phone = "01632 960%03d" % rng.randrange(1000)  # Ofcom drama range
            email = "%s.%s@%s" % (fore.lower(), sur.lower().replace("-", ""), domain)
            pool.append((("Dr " if src == UHB and rng.random() < 0.3 else "") + fore + " " + sur, phone, email))
        return pool

    def next_id(self, src):
        prefix, digits, mult, off = ID_FORMATS[src]
        self.counters[src] += 1
        return "%s%0*d" % (prefix, digits, (self.counters[src] * mult + off) % (10 ** digits))

    # -- field renderers ---------------------------------------------------
    def name(self, p, src, prof, tags, heavy=False):
        rng = self.rng
        fore, sur = p.fore, p.sur
        aliases = list(p.aliases)
        if p.maiden and rng.random() < 0.25:
            if rng.random() < 0.5:
                sur = p.maiden  # the source never heard of the marriage
                tags.add("maiden_name")
            else:
                aliases.append("%s %s" % (p.fore, p.maiden))
        if aliases and rng.random() < (0.25 if src == POLICE else 0.06):
            alias = aliases[rng.randrange(len(aliases))].split(" ", 1)
            aliases.remove(" ".join(alias))
            if rng.random() < 0.6:
                aliases.append("%s %s" % (fore, sur))
            fore, sur = alias[0], alias[1]
            tags.add("alias_name")
        nick = N.NICKNAMES.get(fore)
        if nick and rng.random() < prof["nick"]:
            fore = nick[rng.randrange(len(nick))]
            tags.add("nickname")
        before = (fore, sur)
        if rng.random() < prof["typo"]:
            fore = typo(fore, rng)
        if rng.random() < prof["typo"]:
            sur = typo(sur, rng)
        if heavy and (fore, sur) == before and rng.random() < self.typo_rate:  # typo-heavy: one keystroke in a name
            if fore and rng.random() < 0.5:
                fore = typo_changed(fore, rng)
            else:
                sur = typo_changed(sur, rng)
        if (fore.upper(), sur.upper()) != (before[0].upper(), before[1].upper()):
            tags.add("typo_name")  # (not a transposition of "cC" in McCarthy, which changes only the case)
        if sur in N.APOSTROPHE_SURNAMES:
            sur = N.APOSTROPHE_SURNAMES[sur] if rng.random() < 0.6 else (sur[0] + " " + sur[1:] if rng.random() < 0.3 else sur)
        if "-" in sur and rng.random() < 0.2:
            sur = sur.replace("-", " ") if rng.random() < 0.5 else sur.split("-")[1]
        if p.suffix and rng.random() < SUFFIX_RATE[src]:
            options = SUFFIXES[p.suffix]
            sur = sur + " " + options[rng.randrange(len(options))]
            tags.add("suffix")
        if rng.random() < 0.012:
            fore, sur = sur, fore  # keyed into the wrong boxes
            tags.add("name_swap")
        if rng.random() < 0.01:
            fore = ""  # forename not recorded
            tags.add("no_forename")
        case = prof["case"]
        if case == "upper":
            fore, sur = fore.upper(), sur.upper()
            aliases = [a.upper() for a in aliases]
        elif case == "upper_surname":
            sur = sur.upper()
        if aliases and rng.random() < prof["alias"]:
            alias_col = "|".join(aliases)
        else:
            alias_col = ""
        return fore, sur, alias_col

    def dob(self, p, src, prof, tags, heavy=False):
        rng = self.rng
        missing = prof["dobm"]
        if src == POLICE and "namesake" in p.tags:
            missing = NAMESAKE_NO_DOB
        if rng.random() < missing:
            tags.add("no_dob")
            if "namesake" in p.tags:
                tags.add("no_dob_namesake")
            return ""
        d = p.dob
        r = rng.random()
        if r < 0.015 and d.day <= 12 and d.day != d.month:
            d = dt.date(d.year, d.day, d.month)  # day and month swapped
        elif r < 0.025:
            try:
                k = rng.random()
                if k < 0.5:
                    d = d.replace(day=d.day + rng.choice((-10, -1, 1, 10)))
                elif k < 0.8:
                    d = d.replace(year=d.year + rng.choice((-1, 1)))
                else:
                    d = d.replace(year=d.year + rng.choice((-10, 10)))
            except ValueError:
                pass
        elif r < 0.028:
            d = dt.date(d.year, 1, 1)  # only the year was known
        elif r < 0.033:
            d = date_typo(d, rng) or d  # one digit wrong or transposed
        if heavy and d == p.dob and rng.random() < self.typo_rate / 2:  # typo-heavy: one keystroke in the date
            d = date_typo(d, rng) or d
        if d > self.as_of:
            d = p.dob
        if d != p.dob:
            tags.add("dob_year_only" if (d.month, d.day) == (1, 1) and d.year == p.dob.year else "typo_dob")
        return d.isoformat()

    def address(self, p, hh, src, prof, tags):
        rng = self.rng
        a = hh.prev if (hh.moved and rng.random() < 0.35) else hh.home
        if a is not hh.home:
            tags.add("old_address")
        if rng.random() < 0.004:  # the neighbour's UPRN or address
            i = self.uprn_index[a[0]] + rng.choice((-1, 1))
            if 0 <= i < len(self.gaz.rows):
                a = self.gaz.rows[i]
        uprn, flat, num, sname, stype, locality, town, postcode = a
        if rng.random() < (0.45 if src == POLICE else 0.25):
            stype = self.abbrev[stype]
        if rng.random() < 0.004:
            num = num + rng.choice((-2, -1, 1, 2, 10)) if num > 2 else num + 1
        street = "%d %s %s" % (num, sname, stype)
        line2 = locality
        if flat:
            v = rng.random()
            if v < 0.5:
                line1 = "Flat %d, %s" % (flat, street)
            elif v < 0.68:
                line1 = "%d/%s" % (flat, street)
            elif v < 0.85:
                line1, line2 = "Flat %d" % flat, street
            else:
                line1 = "Flat %d %s" % (flat, street)
        else:
            line1 = street
        if line2 == locality and rng.random() < 0.25:
            line2 = ""
        if rng.random() < 0.03:
            town = ""
        r = rng.random()
        if r < prof["pcm"]:
            postcode = ""
        elif r < prof["pcm"] + 0.05:
            postcode = postcode.replace(" ", "")
        elif r < prof["pcm"] + 0.07:
            postcode = postcode.lower()
        elif r < prof["pcm"] + 0.08:  # valid format, wrong unit
            postcode = postcode[:-2] + N.POSTCODE_UNIT_LETTERS[rng.randrange(20)] + postcode[-1]
        uprn = uprn if rng.random() < prof["uprn"] else ""
        if prof["case"] == "upper":
            line1, line2, town = line1.upper(), line2.upper(), town.upper()
            postcode = postcode.upper()
        return line1, line2, town, postcode, uprn

    def nhs(self, p, hh, src, prof, tags):
        rng = self.rng
        nhs = self.nhs_number(p, hh, src, prof, tags)
        if nhs and rng.random() < INVALID_NHS_RATE:
            tags.add("invalid_nhs")
            return nhs_invalid(nhs, rng)
        return nhs

    def nhs_number(self, p, hh, src, prof, tags):
        rng = self.rng
        if src == CSC and p.age < 18 and p.parents:
            # Children's services key a parent's NHS number on the child's record: most often the number of a
            # parent who is an adult social care client, whose number is at hand.
            asc = hh.asc_parent
            if asc is not None and asc in p.parents and asc.nhs and rng.random() < FAMILY_NHS_ASC_RATE:
                tags.add("family_nhs")
                self.family_parent = asc
                return asc.nhs
            if rng.random() < FAMILY_NHS_RATE:
                with_nhs = [m for m in p.parents if m.nhs]
                if with_nhs:
                    mothers = [m for m in with_nhs if m.sex == "F"]
                    parent = mothers[0] if mothers and rng.random() < 0.8 else with_nhs[rng.randrange(len(with_nhs))]
                    tags.add("family_nhs")
                    self.family_parent = parent
                    return parent.nhs
        if not p.nhs or rng.random() >= prof["nhs"]:
            return ""
        if rng.random() < 0.006:  # valid check digit, somebody else's number
            others = [m.nhs for m in hh.members if m is not p and m.nhs]
            if others and rng.random() < 0.7:
                tags.add("wrong_nhs")
                return others[rng.randrange(len(others))]
            other = self.world.people[rng.randrange(len(self.world.people))]
            if other.nhs and other is not p:
                tags.add("wrong_nhs")
            return other.nhs or p.nhs
        return p.nhs

    def gender(self, p, prof):
        rng = self.rng
        if rng.random() < 0.03:
            return "" if rng.random() < 0.7 else "U"
        style = prof["gstyle"]
        if style == "word":
            return "Male" if p.sex == "M" else "Female"
        return p.sex

    def events(self, p, src):
        rng = self.rng
        if src == UHB:
            n = 1
            while rng.random() < 0.42 and n < 40:
                n += 1
            if rng.random() < 0.01:
                n += rng.randint(8, 30)  # frequent attender
        elif src == POLICE:
            n = 1
            while rng.random() < 0.40 and n < 40:
                n += 1
            if rng.random() < 0.01:
                n += rng.randint(8, 25)
        else:
            n = 1
            while rng.random() < 0.30 and n < 10:
                n += 1
        out = []
        for _ in range(n):
            if src == UHB:
                r = rng.random()
                code = "AE_ATTENDANCE" if r < 0.62 else ("WAS_NOT_BROUGHT" if p.age < 18 else "DID_NOT_ATTEND")
            else:
                code = self.event_pick[src].pick(rng)
            r = rng.random()
            if r < 0.0008:
                code = MISSPELT_CODES[rng.randrange(len(MISSPELT_CODES))]
            elif r < 0.01:
                code = code.lower()
            day = self.as_of - dt.timedelta(days=rng.randrange(365))
            if day < p.dob:
                day = p.dob
            out.append((code, day.isoformat()))
        if rng.random() < 0.03:  # an event older than the 12-month window
            day = self.as_of - dt.timedelta(days=rng.randint(366, 730))
            if day >= p.dob:
                out.append((out[0][0], day.isoformat()))
        out.sort(key=lambda e: e[1])
        return out

    def record(self, p, hh, src, heavy=False):
        """(record id, rows, pattern tags). `heavy`: a typo-heavy extract's record other than the person's first."""
        prof = PROFILE[src]
        rng = self.rng
        tags = set(p.tags)
        fore, sur, alias_col = self.name(p, src, prof, tags, heavy)
        line1, line2, town, postcode, uprn = self.address(p, hh, src, prof, tags)
        lead = ("", "", "")
        if rng.random() < prof["lead"]:
            pool = self.lead[src]
            lead = pool[rng.randrange(len(pool))]
            if rng.random() < 0.15:
                lead = (lead[0], "", lead[2]) if rng.random() < 0.5 else (lead[0], lead[1], "")
        ident = [src, self.next_id(src), fore, sur, self.dob(p, src, prof, tags, heavy), line1, line2, town,
                 postcode, self.nhs(p, hh, src, prof, tags), uprn, None, None, self.gender(p, prof),
                 alias_col, lead[0], lead[1], lead[2]]
        events = self.events(p, src)
        if ident[4] and ident[4] > events[0][1]:
            ident[4] = p.dob.isoformat()  # a keying error may not put birth after an event
            tags.discard("typo_dob")
            tags.discard("dob_year_only")
        rows = []
        for code, day in events:
            row = list(ident)
            row[11], row[12] = code, day
            rows.append(row)
            if rng.random() < self.dirty_rate:
                rows.append(self.dirty(row, p))
        return ident[1], rows, tags

    def dirty(self, row, p):
        """An extra row for the same record that Hub must quarantine (no id, an unreadable event date) or load with a
        value set aside (a bad NHS number, date of birth or postcode: docs/feed-format.md)."""
        rng = self.rng
        bad = list(row)
        k = rng.randrange(7)
        if k == 0:
            nhs = bad[9] or p.nhs or "9990000000"
            bad[9] = nhs[:-1] + str((int(nhs[-1]) + rng.randint(1, 9)) % 10)
        elif k == 1:
            d = p.dob
            bad[4] = "%02d/%02d/%04d" % (d.day, d.month, d.year)
        elif k == 2:
            bad[4] = rng.choice(["%d-02-30", "%d-13-05", "%d-04-31", "%d-00-12"]) % p.dob.year
        elif k == 3:
            bad[12] = rng.choice(["yesterday", "31.12.2025", "2025/11/03", "20251103"])
        elif k == 4:
            bad[12] = rng.choice(["2026-02-29", "2025-06-31", "2025-11-00"])
        elif k == 5:
            pc = bad[8] or "PP2 5GN"
            bad[8] = rng.choice([pc[:-1], "2" + pc, pc.replace(" ", "-") + "X", "PP 5GN", pc + "Z"])
        else:
            bad[1] = ""
        return bad


# --------------------------------------------------------------------------
def generate(args):
    t0 = time.time()
    rng = random.Random(args.seed)
    as_of = dt.date.fromisoformat(args.as_of)
    world = World(rng, as_of)
    while len(world.people) < args.people:
        world.household()
    # trim the last household's overflow
    extra = len(world.people) - args.people
    for _ in range(extra):
        p = world.people.pop()
        world.households[-1].members.remove(p)
    if world.households[-1].asc_parent not in world.households[-1].members:
        world.households[-1].asc_parent = None  # trimmed away
    world.mark_namesakes()

    n_hh = len(world.households)
    gaz = Gazetteer(rng, int(n_hh * 1.3) + 50)
    homes = list(range(len(gaz.rows)))
    rng.shuffle(homes)
    spare = homes[n_hh:] or homes
    for i, hh in enumerate(world.households):
        hh.home = gaz.rows[homes[i]]
        if hh.moved:
            hh.prev = gaz.rows[spare[rng.randrange(len(spare))]]
        else:
            hh.prev = hh.home

    maker = RecordMaker(rng, world, gaz, as_of, args.dirty_rate, args.typo_rate)
    by_source = {s: [] for s in SOURCE_ORDER}
    truth = {s: [] for s in SOURCE_ORDER}
    patterns = {s: [] for s in SOURCE_ORDER}
    family = []  # (tags of a family_nhs record, the parent whose number it carries)
    n_sources_hist = [0] * 6
    for hh in world.households:
        for p in hh.members:
            chosen = sources_for(p, hh, rng)
            n_sources_hist[len(chosen)] += 1
            n = 0
            for src in chosen:
                copies = 2 if rng.random() < 0.02 else 1  # duplicate record in one system
                for copy in range(copies):
                    rid, rows, tags = maker.record(p, hh, src, heavy=n > 0 and args.typo_rate > 0)
                    n += 1
                    if copy:
                        tags.add("dup_in_source")
                    by_source[src].append((rid, rows))
                    truth[src].append((rid, p.pid))
                    if tags:
                        patterns[src].append((rid, tags))
                    if "family_nhs" in tags:
                        family.append((tags, maker.family_parent))
    asc_clients = {pid for _, pid in truth[ASC]}
    for tags, parent in family:  # the number is an ASC client's: the ASC parent / CSC child pattern
        if parent.pid in asc_clients:
            tags.add("family_nhs_asc")

    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    n_rows = 0
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(EXTRACT_COLUMNS)
        for src in SOURCE_ORDER:
            recs = by_source[src]
            recs.sort(key=lambda r: r[0])
            for _, rows in recs:
                w.writerows(rows)
                n_rows += len(rows)
    truth_path = args.truth or os.path.splitext(args.out)[0] + ".truth.csv"
    with open(truth_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(TRUTH_COLUMNS)
        for src in SOURCE_ORDER:
            for rid, pid in sorted(truth[src]):
                w.writerow((src, rid, pid))
    patterns_path = args.patterns or os.path.splitext(args.out)[0] + ".patterns.csv"
    tag_counts = {}
    with open(patterns_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(PATTERN_COLUMNS)
        for src in SOURCE_ORDER:
            for rid, tags in sorted(patterns[src], key=lambda r: r[0]):
                w.writerow((src, rid, ";".join(sorted(tags))))
                for t in tags:
                    tag_counts[t] = tag_counts.get(t, 0) + 1
    gaz_path = args.gazetteer or os.path.join(out_dir, "gazetteer.csv")
    with open(gaz_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(GAZETTEER_COLUMNS)
        for a in gaz.rows:
            w.writerow(gaz.canonical(a))

    elapsed = time.time() - t0
    if args.stats:
        n_rec = sum(len(v) for v in by_source.values())
        print("people %d, households %d, addresses %d" % (len(world.people), n_hh, len(gaz.rows)), file=sys.stderr)
        print("records %d, rows %d (%.2f rows/person)" % (n_rec, n_rows, n_rows / max(1, len(world.people))), file=sys.stderr)
        for s in SOURCE_ORDER:
            print("  %-11s records %8d  rows %8d" % (s, len(by_source[s]), sum(len(r) for _, r in by_source[s])), file=sys.stderr)
        print("people by number of sources: " + ", ".join("%d: %d" % (i, n) for i, n in enumerate(n_sources_hist) if n), file=sys.stderr)
        print("records by pattern: " + ", ".join("%s %d" % (t, tag_counts.get(t, 0)) for t in PATTERN_TAGS), file=sys.stderr)
        print("wrote %s, %s, %s, %s in %.1f s" % (args.out, truth_path, patterns_path, gaz_path, elapsed), file=sys.stderr)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--people", type=int, required=True, help="number of fictional people (max about 880,000)")
    ap.add_argument("--out", required=True, help="extract CSV to write")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--truth", help="truth CSV (default: OUT with .truth.csv)")
    ap.add_argument("--patterns", help="pattern tags per record (default: OUT with .patterns.csv)")
    ap.add_argument("--gazetteer", help="gazetteer CSV (default: gazetteer.csv beside OUT)")
    ap.add_argument("--as-of", default="2026-11-01",
                    help="extract date: events fall in the 12 months up to it (default 2026-11-01)")
    ap.add_argument("--dirty-rate", type=float, default=0.002,
                    help="chance per row of an extra row Hub must quarantine (default 0.002; 0 for none)")
    ap.add_argument("--typo-rate", type=float, default=0.0,
                    help="typo-heavy extract: chance that each of a person's records after the first has a one-keystroke "
                         "typo in a name (and half that chance in the date of birth); default 0 (off)")
    ap.add_argument("--stats", action="store_true", help="print counts and timing to stderr")
    args = ap.parse_args(argv)
    if args.people < 1:
        ap.error("--people must be at least 1")
    if not 0 <= args.typo_rate <= 1:
        ap.error("--typo-rate must be between 0 and 1")
    generate(args)


if __name__ == "__main__":
    main()
