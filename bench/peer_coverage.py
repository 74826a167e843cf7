#!/usr/bin/env python3
"""The pandas peer of `shiquan check LIST.csv` (issues 6 and 15): what a reform office's analyst
would write instead, vectorised, for the flat-list coverage rule of shared/design/domain.md.

Coverage is checked on territories, the leaves of the tree: a street; a district without
streets; the city when the list has no districts. A (power, territory) pair is covered by each
distinct city-level lead body of that power, each distinct lead body of the territory's district
and each of its street; 2 or more is an overlap, 0 a gap. A row whose role is empty counts as
lead. The districts are the distinct 辖区 of the district-level rows (their 所属区 where 辖区 is
blank). A street row (行使层级 街道 / 乡镇) names its street as 「区/街道」 (or 「区／街道」) in
辖区, or its street in 辖区 and its district in a 所属区 column; its district must be one of the
list's. Bodies are told apart by (name, level, 辖区 as written), a street body by (name, street).
A lead row's 不含辖区 (the districts or 「区/街道」 streets a city lead does not cover, the streets
of its own district a district lead does not cover, after a grant) takes it off there. This is
the reading of src/io/import/build.rs; the other ways it reads a street's place (「区-街道」,
「区街道」, the street in the body's name) are not read here.

Usage: peer_coverage.py LIST.csv [--out PAIRS.tsv]
Writes one line per finding, `overlap|gap <TAB> code <TAB> territory`, sorted, to --out (or
stdout), a street written `区/街道`, and a count line to stderr. Reads UTF-8 (with or without BOM)
lists whose header row is the first row, with the canonical headers or their common synonyms.

Every column is read as categorical and worked on as integer codes: the strings are looked at
once per distinct value (a 5,000 × 100 list has some 440k rows and a few thousand distinct
cells), and the coverage is one group-by (a bincount) of (power, scope) over the lead bodies.
"""

import argparse
import sys

import numpy as np
import pandas as pd

SYNONYMS = {
    "code": ["事项编码", "职权编码", "编码", "code"],
    "body": ["实施主体", "行使主体", "责任主体", "承办机构", "body"],
    "level": ["行使层级", "层级", "level"],
    "place": ["辖区", "行政区", "区域", "jurisdiction"],
    "district": ["所属区", "所属区县", "所属区（县）", "所属区(县)", "区县", "district"],
    "role": ["主办/协办", "责任类型", "role"],
    "excludes": ["不含辖区", "excludes"],
}
CITY, DISTRICT, STREET = 1, 2, 3
LEVELS = {
    **dict.fromkeys(["市级", "市", "市本级", "city", "City"], CITY),
    **dict.fromkeys(
        ["区级", "区", "县级", "区县级", "区（县）级", "district", "District"], DISTRICT
    ),
    **dict.fromkeys(
        ["街道", "街道级", "乡镇", "乡镇级", "乡镇（街道）", "镇街", "street", "Street"], STREET
    ),
}
LEAD_ROLES = {"", "主办", "lead", "Lead", "LEAD"}


class Column:
    """One column as integer codes per row into `values` (its distinct stripped texts)."""

    def __init__(self, series=None, rows=0):
        if series is None:
            self.codes = np.zeros(rows, dtype=np.int64)
            self.values = pd.Index([""])
            return
        cats = series.cat.categories.astype(str).str.strip()
        # Stripping may make two categories one: factorize them again.
        merged, values = pd.factorize(cats)
        codes = series.cat.codes.to_numpy()
        if (codes < 0).any():
            values = values.append(pd.Index([""]))
            merged = np.append(merged, len(values) - 1)
        self.codes = merged[codes]
        self.values = pd.Index(values)

    def per_value(self, f, dtype):
        """`f` of each distinct value, as an array indexed by code."""
        return np.fromiter((f(v) for v in self.values), dtype=dtype, count=len(self.values))


def read_list(path):
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
    names = {}
    for column in header:
        key = str(column).strip().replace(" ", "").replace("／", "/")
        for field, synonyms in SYNONYMS.items():
            if key in synonyms or key.lower() in synonyms:
                names.setdefault(field, column)
    if "code" not in names:
        sys.exit(f"{path}: no 事项编码 column")
    df = pd.read_csv(
        path,
        usecols=list(names.values()),
        dtype="category",
        na_filter=False,
        encoding="utf-8-sig",
    )
    return {f: Column(df[names[f]] if f in names else None, len(df)) for f in SYNONYMS}


def coverage(cols):
    """(overlaps, gaps) as DataFrames of (code, place)."""
    code, body, place, district, role = (
        cols[f] for f in ("code", "body", "place", "district", "role")
    )
    level = cols["level"].per_value(lambda v: LEVELS.get(v, 0), np.int8)[cols["level"].codes]
    held = body.per_value(bool, bool)[body.codes]
    lead = held & role.per_value(lambda v: v in LEAD_ROLES, bool)[role.codes]

    # Place names in one vocabulary: 辖区 texts, 所属区 texts, and the 区 of 「区/街道」.
    split = [v.replace("／", "/").split("/", 1) for v in place.values]
    left = [p[0].strip() if len(p) == 2 else "" for p in split]
    right = [p[1].strip() if len(p) == 2 else "" for p in split]
    names, vocab = pd.factorize(
        pd.Index(list(place.values) + list(district.values) + left)
    )
    n_place, n_district = len(place.values), len(district.values)
    place_name = names[:n_place]
    district_name = names[n_place : n_place + n_district]
    left_name = names[n_place + n_district :]
    empty = vocab.get_loc("") if "" in vocab else -1

    # Districts: the 辖区 (else 所属区) of held district rows.
    is_district = held & (level == DISTRICT)
    row_district = np.where(
        place_name[place.codes] == empty,
        district_name[district.codes],
        place_name[place.codes],
    )
    district_ids = np.unique(row_district[is_district])
    district_ids = district_ids[district_ids != empty]
    d_of_name = np.full(len(vocab), -1, dtype=np.int64)
    d_of_name[district_ids] = np.arange(len(district_ids))
    n_d = len(district_ids)

    # Streets: (district, street name) of held street rows, 「区/街道」 or 所属区 + 辖区.
    is_street = held & (level == STREET)
    has_slash = np.array([len(p) == 2 for p in split], dtype=bool)
    street_names, street_vocab = pd.factorize(pd.Index(right + list(place.values)))
    slash_street = street_names[:n_place]
    plain_street = street_names[n_place:]
    pc = place.codes
    s_district = np.where(has_slash[pc], left_name[pc], district_name[district.codes])
    s_name = np.where(has_slash[pc], slash_street[pc], plain_street[pc])
    s_d = d_of_name[s_district]
    empty_street = street_vocab.get_loc("") if "" in street_vocab else -1
    placed = is_street & (s_d >= 0) & (s_name != empty_street)
    unplaced = is_street & ~placed
    if unplaced.any():
        line = int(np.flatnonzero(unplaced)[0]) + 2
        sys.exit(f"line {line}: a street row whose district is not one of the list's")
    street_key = s_d * len(street_vocab) + s_name
    streets, street_of_row = np.unique(street_key[placed], return_inverse=True)
    street_d = streets // len(street_vocab)
    n_s = len(streets)

    # Territories: each district's streets, or the district itself; the city without districts.
    if n_d == 0:
        city_rows = held & (level == CITY) & (place_name[pc] != empty)
        city = vocab[place_name[pc[np.argmax(city_rows)]]] if city_rows.any() else "本市"
        t_names = [city]
        t_district = np.array([-1])
        t_street = np.array([-1])
    else:
        with_streets = np.zeros(n_d, dtype=bool)
        with_streets[street_d] = True
        bare = np.flatnonzero(~with_streets)
        t_district = np.concatenate([bare, street_d])
        t_street = np.concatenate([np.full(len(bare), -1), np.arange(n_s)])
        d_names = vocab[district_ids]
        s_texts = street_vocab[streets % len(street_vocab)]
        t_names = list(d_names[bare]) + [
            f"{d_names[d]}/{s}" for d, s in zip(street_d, s_texts)
        ]

    # One group-by: distinct lead bodies per (power, scope); scope 0 the city, 1 + d a
    # district, 1 + D + s a street. A city body is told apart by its 辖区 text too.
    scope = np.full(len(level), -1, dtype=np.int64)
    scope[lead & (level == CITY)] = 0
    d_rows = lead & is_district & (d_of_name[row_district] >= 0)
    scope[d_rows] = 1 + d_of_name[row_district[d_rows]]
    s_lead = lead[placed]
    street_scope = 1 + n_d + street_of_row
    scope[np.flatnonzero(placed)[s_lead]] = street_scope[s_lead]
    counted = scope >= 0
    n_scope = 1 + n_d + n_s
    key = code.codes[counted] * n_scope + scope[counted]
    who = body.codes[counted] * (len(place.values) + 1) + np.where(
        level[counted] == CITY, pc[counted] + 1, 0
    )
    pairs = pd.DataFrame({"key": key, "who": who}).drop_duplicates()
    n_codes = len(code.values)
    per_scope = np.bincount(pairs["key"].to_numpy(), minlength=n_codes * n_scope).reshape(
        n_codes, n_scope
    )
    counts = per_scope[:, [0] * len(t_names)]
    has_d = t_district >= 0
    counts[:, has_d] += per_scope[:, 1 + t_district[has_d]]
    has_s = t_street >= 0
    counts[:, has_s] += per_scope[:, 1 + n_d + t_street[has_s]]

    # 不含辖区: a city lead does not cover the districts (all their streets) or streets it
    # names; a district lead not the streets of its own district it names. Each distinct
    # (power, body, territory) excluded takes one lead off that territory.
    excludes = cols["excludes"]
    named = excludes.per_value(bool, bool)[excludes.codes] & counted
    if named.any() and n_d > 0:
        t_of_name = {}
        for t, name in enumerate(t_names):
            t_of_name.setdefault(name, []).append(t)
            if "/" in name:
                t_of_name.setdefault(name.split("/", 1)[0], []).append(t)
        value_rows, value_ts = [], []
        for v, text in enumerate(excludes.values):
            for part in str(text).replace("／", "/").split("、"):
                for t in t_of_name.get(part.strip(), []):
                    value_rows.append(v)
                    value_ts.append(t)
        mapping = pd.DataFrame({"value": value_rows, "t": value_ts})
        rows = np.flatnonzero(named)
        row_who = body.codes[rows] * (len(place.values) + 1) + np.where(
            level[rows] == CITY, pc[rows] + 1, 0
        )
        row_scope = scope[rows]
        taken = pd.DataFrame(
            {
                "code": code.codes[rows],
                "who": row_who,
                "scope": row_scope,
                "value": excludes.codes[rows],
            }
        ).merge(mapping, on="value")
        # Only where the lead counted: the city everywhere, a district body in its district.
        t_d = np.where(has_d, t_district, -2)
        in_scope = (taken["scope"].to_numpy() == 0) | (
            taken["scope"].to_numpy() == 1 + t_d[taken["t"].to_numpy()]
        )
        taken = taken[in_scope].drop_duplicates(["code", "who", "t"])
        np.subtract.at(counts, (taken["code"].to_numpy(), taken["t"].to_numpy()), 1)

    # Powers in order of first appearance (as the list's codes), territories as named.
    codes_seen = code.values
    t_index = pd.Index(t_names)

    def found(mask):
        c, t = np.nonzero(mask)
        return pd.DataFrame({"code": codes_seen[c], "place": t_index[t]})

    return found(counts >= 2), found(counts == 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("list")
    parser.add_argument("--out")
    args = parser.parse_args()
    overlaps, gaps = coverage(read_list(args.list))
    found = pd.concat(
        [overlaps.assign(kind="overlap"), gaps.assign(kind="gap")], ignore_index=True
    ).sort_values(["kind", "code", "place"])
    text = found[["kind", "code", "place"]].to_csv(sep="\t", header=False, index=False)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    print(f"peer: {len(overlaps)} overlaps, {len(gaps)} gaps", file=sys.stderr)


if __name__ == "__main__":
    main()
