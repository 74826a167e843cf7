#!/usr/bin/env python3
"""The pandas peer of `shiquan check LIST.csv` (issue 6): what a reform office's analyst would
write instead, vectorised, for the flat-list coverage rule of shared/design/domain.md.

A (power, district) pair is covered by each distinct city-level lead body of that power and each
distinct lead body of that district; 2 or more is an overlap, 0 a gap. Bodies are told apart by
(name, level, 辖区 as written); a row whose role is empty counts as lead; the districts are the
distinct 辖区 of the district-level rows; street rows never count. This is the reading of
src/io/import/build.rs and tests/import_flat_rule.rs.

Usage: peer_coverage.py LIST.csv [--out PAIRS.tsv]
Writes one line per finding, `overlap|gap <TAB> code <TAB> district`, sorted, to --out (or stdout),
and a count line to stderr. Reads UTF-8 (with or without BOM) lists whose header row is the first
row, with the canonical headers or their common synonyms.
"""

import argparse
import sys

import pandas as pd

SYNONYMS = {
    "code": ["事项编码", "职权编码", "编码", "code"],
    "body": ["实施主体", "行使主体", "责任主体", "承办机构", "body"],
    "level": ["行使层级", "层级", "level"],
    "place": ["辖区", "行政区", "区域", "jurisdiction"],
    "role": ["主办/协办", "责任类型", "role"],
}
LEVELS = {
    **dict.fromkeys(["市级", "市", "市本级", "city", "City"], "city"),
    **dict.fromkeys(
        ["区级", "区", "县级", "区县级", "区（县）级", "district", "District"], "district"
    ),
}
LEAD_ROLES = ["", "主办", "lead", "Lead", "LEAD"]


def read_list(path):
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    names = {}
    for column in df.columns:
        key = str(column).strip().replace(" ", "").replace("／", "/")
        for field, synonyms in SYNONYMS.items():
            if key in synonyms or key.lower() in synonyms:
                names.setdefault(field, column)
    if "code" not in names:
        sys.exit(f"{path}: no 事项编码 column")
    out = pd.DataFrame({f: df[c].str.strip() for f, c in names.items()})
    for field in SYNONYMS:
        if field not in out:
            out[field] = ""
    return out


def coverage(df):
    """(overlaps, gaps) as DataFrames of (code, place)."""
    level = df["level"].map(LEVELS)
    held = df["body"] != ""
    lead = held & df["role"].isin(LEAD_ROLES)
    codes = pd.Index(df["code"].unique(), name="code")
    districts = pd.Index(
        df.loc[held & (level == "district"), "place"].unique(), name="place"
    )
    bodies = ["code", "body", "place"]
    city = (
        df.loc[lead & (level == "city"), bodies]
        .drop_duplicates()
        .groupby("code")
        .size()
        .reindex(codes, fill_value=0)
    )
    local = (
        df.loc[lead & (level == "district"), bodies]
        .drop_duplicates()
        .groupby(["code", "place"])
        .size()
    )
    grid = pd.MultiIndex.from_product([codes, districts])
    counts = local.reindex(grid, fill_value=0).to_numpy() + city.to_numpy().repeat(
        len(districts)
    )
    pairs = grid.to_frame(index=False)
    return pairs[counts >= 2], pairs[counts == 0]


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
