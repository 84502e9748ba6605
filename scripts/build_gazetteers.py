#!/usr/bin/env python3
"""Derives data/gazetteers.txt from the public gazetteers in ../shared/data.

Each output line is `class<TAB>phrase`, lower case, tokens separated by
single spaces, sorted and deduplicated so the file is rebuilt byte for byte.
Classes: loc (places), country, first (common first names), first2 (rarer
first names), female and male (first names given almost only to one sex),
org (listed companies and their short names), gov (US federal agencies and
bureaus), and from ner-extra one class per kind of list (org.brand,
org.media, org.sports, person.famous...; see NER_EXTRA below), and the
hand-written data/organizations-extra.txt. The
recognizer uses each class as its own feature, never as final answers.

Usage: python3 scripts/build_gazetteers.py [DATA_DIR] [OUT_FILE]
"""
import csv
import json
import os
import re
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "data", "gazetteers.txt")
G = os.path.join(DATA, "gazetteers")

COMPANY_SUFFIXES = {
    "inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "company", "ltd", "ltd.", "limited",
    "plc", "llc", "l.l.c.", "lp", "l.p.", "holdings", "holding", "group", "sa", "s.a.", "ag", "nv",
    "n.v.", "se", "/de/", "/de", "/md/", "/nv/", "/ny/", "/pa/", "/ca/", "/ma/", "/va/", "/mn/",
    "trust", "bancorp", "&", "the", "class", "a", "b", "ord", "adr", "fund", "etf", "incorporated",
    "international", "intl", "technologies", "cos", "cos.",
}


def norm(phrase):
    phrase = phrase.replace("\u2019", "'")
    tokens = []
    for tok in phrase.split():
        tok = tok.strip(",;:\"()")
        if tok:
            tokens.append(tok.lower())
    return " ".join(tokens)


def plausible(phrase):
    # Only Latin-script names that a news text would write.
    return phrase and len(phrase) <= 60 and re.fullmatch(r"[\w.'&/ -]+", phrase) and any(c.isalpha() for c in phrase)


entries = set()


def add(cls, phrase):
    p = norm(phrase)
    if plausible(p):
        entries.add((cls, p))


# Places.
countries = json.load(open(os.path.join(G, "geonames", "countries.json"), encoding="utf-8"))
for c in countries.values():
    add("country", c["name"])
    add("loc", c["name"])
iso1 = json.load(open(os.path.join(G, "iso3166", "iso3166-1.json"), encoding="utf-8"))["3166-1"]
for c in iso1:
    for key in ("name", "common_name", "official_name"):
        if key in c:
            add("country", c[key])
            add("loc", c[key])
            # "Korea, Republic of" style names also give their first part.
            if "," in c[key]:
                add("country", c[key].split(",")[0])
                add("loc", c[key].split(",")[0])
continents = json.load(open(os.path.join(G, "geonames", "continents.json"), encoding="utf-8"))
for c in continents.values():
    add("loc", c.get("asciiName") or c.get("name", ""))
iso2 = json.load(open(os.path.join(G, "iso3166", "iso3166-2.json"), encoding="utf-8"))["3166-2"]
for s in iso2:
    add("loc", s["name"])
for county in json.load(open(os.path.join(G, "geonames", "us_counties.json"), encoding="utf-8")):
    add("loc", county["name"])
cities = json.load(open(os.path.join(G, "geonames", "cities15000.json"), encoding="utf-8"))
for city in cities.values():
    add("loc", city["name"])
    if city.get("population", 0) >= 1_000_000:
        # Common English spellings of big cities (Munich, Rome) are among the
        # alternate names; keep short ASCII ones only.
        for alt in city.get("alternatenames", []):
            if alt.isascii() and alt[:1].isupper() and len(alt) <= 20 and "'" not in alt:
                add("loc", alt)

# First names: the frequent ones and a second, rarer tier.
with open(os.path.join(G, "first_names", "first_names_totals.tsv"), encoding="utf-8") as f:
    rows = csv.DictReader(f, delimiter="\t")
    for row in rows:
        total = int(row["total"])
        if total >= 2000:
            add("first", row["name"])
        elif total >= 200:
            add("first2", row["name"])
        # Names given almost only to girls or only to boys help resolve
        # "she said" and "he said".
        if total >= 200:
            female = int(row["female_count"]) / total
            if female >= 0.95:
                add("female", row["name"])
            elif female <= 0.05:
                add("male", row["name"])

# Companies: the listed name and its short form without legal suffixes.
sec = json.load(open(os.path.join(G, "sec_companies", "company_tickers_exchange.json"), encoding="utf-8"))
for row in sec["data"]:
    name = row[1]
    full = norm(name)
    add("org", full)
    tokens = full.split()
    while len(tokens) > 1 and tokens[-1] in COMPANY_SUFFIXES:
        tokens.pop()
    if tokens and tokens != full.split():
        short = " ".join(tokens)
        if len(short) >= 3:
            add("org", short)

# US federal agencies and bureaus.
with open(os.path.join(G, "us_federal_orgs", "agencies-and-subs.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        for key in ("Agency", "Bureau"):
            if row.get(key):
                add("gov", row[key])
with open(os.path.join(G, "us_federal_orgs", "current-federal.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f):
        for key in ("Organization name", "Suborganization name"):
            if row.get(key):
                add("gov", row[key])

# ner-extra: one class per kind of list, so that training weighs each
# (brand lists hold software names, abbreviation lists are ambiguous).
NER_EXTRA = {
    "organizations.companies.corpora.txt": "org.company",
    "organizations.companies.sp500.txt": "org.company",
    "organizations.brands.simple_icons.txt": "org.brand",
    "organizations.media.fundus.txt": "org.media",
    "organizations.media.newspapers.corpora.txt": "org.media",
    "organizations.media.rss_outlets.txt": "org.media",
    "organizations.sports_teams.football_clubs.openfootball.txt": "org.sports",
    "organizations.sports_teams.leagues.corpora.txt": "org.sports",
    "organizations.sports_teams.football_rugby.faker_fork.txt": "org.sports",
    "organizations.sports_teams.compromise_lowercase.txt": "org.sports",
    "organizations.universities.txt": "org.university",
    "organizations.political_parties.partyfacts.txt": "org.party",
    "organizations.political_parties.uk_register.corpora.txt": "org.party",
    "organizations.political_parties.partyfacts_abbrev.txt": "org.party_abbrev",
    "organizations.international.supraverden.txt": "org.international",
    "organizations.international.supraverden_abbrev.txt": "org.international_abbrev",
    "organizations.charities.corpora.txt": "org.charity",
    "organizations.mixed.compromise_lowercase.txt": "org.mixed",
    "misc.sports_competitions.faker_fork.txt": "misc.competition",
    "locations.sports_venues.faker_fork.txt": "loc.venue",
    "locations.english_towns_cities.corpora.txt": "loc.town",
    "people.famous.corpora.txt": "person.famous",
    "people.famous.compromise_lowercase.txt": "person.famous",
}
EXTRA = os.path.join(DATA, "ner-extra", "gazetteers")
for name, cls in sorted(NER_EXTRA.items()):
    with open(os.path.join(EXTRA, name), encoding="utf-8") as f:
        for line in f:
            add(cls, line.strip())

# Well-known bodies the public lists lack, written for this project.
with open(os.path.join(os.path.dirname(OUT), "organizations-extra.txt"), encoding="utf-8") as f:
    for line in f:
        if line.strip() and not line.startswith("#"):
            cls, name = line.rstrip("\n").split("\t")
            add(cls, name)

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w", encoding="utf-8", newline="\n") as f:
    for cls, phrase in sorted(entries):
        f.write(f"{cls}\t{phrase}\n")
print(f"{OUT}: {len(entries)} entries", file=sys.stderr)
