//! From a table's rows to a plan: each row parsed under the header mapping (main-item cells
//! carried down over their sub-items), repeated columns and headers refused or counted, room
//! made for the plan before it is built, and the rows handed to the builder.

use std::collections::BTreeSet;

#[allow(clippy::wildcard_imports)]
use super::*;

/// A list's rows read: the builder that holds them (with no fault across rows), the rows
/// skipped, and the rows passed over as repeats of their table's header row.
pub(super) struct RowsRead<'a> {
    pub(super) builder: build::ListBuilder<'a>,
    pub(super) skipped: Vec<RowError>,
    pub(super) repeated_headers: Vec<String>,
}

impl RowsRead<'_> {
    /// The list: its plan built, with where the rows came from (source, sheet, encoding, header
    /// line and mapping).
    pub(super) fn into_list(
        self,
        source: &str,
        sheet: Option<String>,
        encoding: Option<&'static str>,
        header_line: usize,
        mapping: &HeaderMapping,
    ) -> Result<ImportedList, ImportError> {
        let rows = self.builder.rows();
        let report = sources::report(
            self.builder.tables(),
            self.builder.rows_by_table(),
            self.builder.sub_items(),
            &self.skipped,
            self.repeated_headers,
        );
        make_room_for_plan(source, self.builder.rows())?;
        let (plan, notes) = self
            .builder
            .into_plan()
            .map_err(|message| ImportError::Model {
                path: source.to_owned(),
                message,
            })?;
        Ok(ImportedList {
            source: source.to_owned(),
            sheet,
            encoding,
            header_line,
            mapping: mapping.clone(),
            rows,
            skipped: self.skipped,
            report: ImportReport {
                items: plan.baseline.powers().len(),
                ..report
            },
            notes,
            plan,
        })
    }
}

/// About how many rows a CSV list of `bytes` bytes may hold, to make room for them at once:
/// a list row (a code, a name, a body and a few short cells) takes some 40 bytes or more. Room
/// reserved and never used costs no memory; growing a province's rows by doubling cost a tenth
/// of reading them.
pub(super) fn rows_in_bytes(bytes: u64) -> usize {
    usize::try_from(bytes / 40).unwrap_or(0)
}

/// Reads the data rows of a list (`each_row` visits them, in file order, as often as asked);
/// with faults, imports nothing or (skipping bad rows) reads the rows again without the faulty
/// ones. A row that repeats its table's header row (a header printed again on every page, lists
/// pasted one under another) is passed over and counted. The plan is built by the caller
/// ([`RowsRead::into_plan`]), after it let go of the text.
pub(super) fn import_rows<'a>(
    tables: &'a [TableInfo],
    header_line: usize,
    options: &ImportOptions,
    expected_rows: usize,
    mut each_row: impl FnMut(&mut dyn FnMut(usize, usize, &[&str])) -> Result<(), ImportError>,
) -> Result<RowsRead<'a>, ImportError> {
    let source = tables.first().map_or("", |t| t.source.as_str());
    for table in tables {
        refuse_repeated_columns(table)?;
    }
    // A fault's table, by the source it names (each table's is its own).
    let table_of = |error: &RowError| tables.iter().position(|t| t.source == error.source);
    let mut pass = |leave_out: &BTreeSet<(Option<usize>, usize)>| {
        let mut builder = build::ListBuilder::new(tables);
        builder.try_reserve(expected_rows).map_err(|needed| {
            out_of_memory(source, needed, ("读入清单的行", "hold the list's rows"))
        })?;
        let mut errors = Vec::new();
        let mut repeated_headers = Vec::new();
        let mut current = usize::MAX;
        let mut main_item = MainItemCells::default();
        let mut header = RepeatedHeader::default();
        each_row(&mut |table, line, cells| {
            if leave_out.contains(&(Some(table), line)) {
                return;
            }
            let Some(info) = tables.get(table) else {
                return;
            };
            if table != current {
                current = table;
                builder.set_table(table);
                main_item = MainItemCells::new(&info.mapping);
                header = RepeatedHeader::new(&info.mapping);
            }
            if header.is_repeated_by(cells) {
                repeated_headers.push(format!("{}:{line}", info.source));
                return;
            }
            let filled;
            let cells = match main_item.fill(cells) {
                Some(with_main) => {
                    filled = with_main;
                    &filled[..]
                }
                None => cells,
            };
            match parse_row(line, cells, &info.mapping, &info.source, info.spreadsheet) {
                Ok(Some(row)) => builder.push(&row),
                Ok(None) => {}
                Err(e) => errors.extend(e),
            }
        })?;
        if let Some(needed) = builder.short_of_memory() {
            return Err(out_of_memory(
                source,
                needed,
                ("读入清单的行", "hold the list's rows"),
            ));
        }
        let late = builder.faults();
        let rebuild = !late.is_empty();
        errors.extend(late);
        errors.sort_by_key(|e| (table_of(e), e.line, e.column));
        Ok::<_, ImportError>((builder, errors, rebuild, repeated_headers))
    };
    let (builder, errors, rebuild, repeated_headers) = pass(&BTreeSet::new())?;
    let builder = if errors.is_empty() {
        builder
    } else if !options.skip_bad_rows {
        return Err(ImportError::BadRows {
            path: source.to_owned(),
            errors,
        });
    } else if !rebuild {
        // Only rows that failed to parse, which the builder never saw: it holds the rest.
        builder
    } else {
        // Rows failed late (across rows): read the rest again without them.
        let bad: BTreeSet<(Option<usize>, usize)> =
            errors.iter().map(|e| (table_of(e), e.line)).collect();
        let (builder, late, _, _) = pass(&bad)?;
        if !late.is_empty() {
            return Err(ImportError::BadRows {
                path: source.to_owned(),
                errors: late,
            });
        }
        builder
    };
    if builder.rows() == 0 {
        return Err(if errors.is_empty() {
            ImportError::NoRows {
                path: source.to_owned(),
                line: header_line,
            }
        } else {
            // Every row was bad and skipped: say why each was.
            ImportError::BadRows {
                path: source.to_owned(),
                errors,
            }
        });
    }
    Ok(RowsRead {
        builder,
        skipped: if options.skip_bad_rows {
            errors
        } else {
            Vec::new()
        },
        repeated_headers,
    })
}

/// Refuses a table whose header names one field in two columns alike (a second 实施主体):
/// reading either would lose the other's cells.
pub(super) fn refuse_repeated_columns(table: &TableInfo) -> Result<(), ImportError> {
    let Some((field, columns)) = table.mapping.repeated_columns().into_iter().next() else {
        return Ok(());
    };
    let columns = columns
        .iter()
        .map(|&c| {
            let (zh, en) = if table.spreadsheet {
                let letters = column_letters(c + 1);
                (format!("{letters} 列"), letters)
            } else {
                (format!("第 {} 列", c + 1), (c + 1).to_string())
            };
            (format!("{zh}「{}」", table.mapping.header(c)), en)
        })
        .collect();
    Err(ImportError::DuplicateColumns {
        path: table.source.clone(),
        line: table.header_line,
        field,
        columns,
    })
}

/// The header row's code and name cells, to know a data row that repeats the header row.
#[derive(Default)]
pub(super) struct RepeatedHeader {
    pub(super) cells: Option<[(usize, String); 2]>,
}

impl RepeatedHeader {
    pub(super) fn new(mapping: &HeaderMapping) -> Self {
        let cell = |field| {
            mapping
                .column(field)
                .map(|c| (c, mapping.header(c).trim().to_owned()))
        };
        Self {
            cells: cell(Field::Code)
                .zip(cell(Field::Name))
                .map(|(a, b)| [a, b]),
        }
    }

    /// Whether a row's code and name cells are the header's (cells come trimmed).
    pub(super) fn is_repeated_by(&self, row: &[&str]) -> bool {
        self.cells.as_ref().is_some_and(|cells| {
            cells
                .iter()
                .all(|(column, text)| row.get(*column).is_some_and(|cell| cell == text))
        })
    }
}

/// The memory asked for, per row, before a list's plan is built (its holdings, the sorted parts
/// they are built in, the state's indexes). The build grows resident memory by some 200 bytes a
/// row (generated provinces of 0.4 and 1 million rows), but much of it in memory the reading
/// already mapped; one block of 160 bytes a row needs fresh address space, and under a limit
/// of it (`ulimit -v`) fails wherever the build would (measured on the 1-million-row province:
/// no limit let the block through and the build abort), while refusing few lists the build
/// could have made.
pub(super) const PLAN_BYTES_PER_ROW: usize = 160;

/// Makes sure the memory that building the plan of `rows` rows takes is there before building
/// it: a machine short of memory gets an error (内存不足) rather than an abort half-way through
/// the build.
///
/// On Linux, unless the kernel refuses to overcommit (`vm.overcommit_memory` 2), only a limit
/// on the address space (`ulimit -v`) makes an allocation fail: the room left under it is read
/// (`getrlimit`, `/proc/self/status`) instead of asked for. Asking cost a province's check some
/// 30 MB of resident memory and the time to clear it: the allocator keeps part of a block it was
/// given and then handed back. Elsewhere, and under strict overcommit, the room is asked for
/// and given back.
pub(super) fn make_room_for_plan(source: &str, rows: usize) -> Result<(), ImportError> {
    let needed = rows.saturating_mul(PLAN_BYTES_PER_ROW);
    let refused = || out_of_memory(source, needed, ("建立方案", "build the plan"));
    #[cfg(target_os = "linux")]
    if !linux_memory::strict_overcommit() {
        return match linux_memory::address_space_left() {
            Some(left) if left < u64::try_from(needed).unwrap_or(u64::MAX) => Err(refused()),
            _ => Ok(()),
        };
    }
    let mut room: Vec<u8> = Vec::new();
    room.try_reserve_exact(needed).map_err(|_| refused())
}

/// What Linux says of the memory a process may still map.
#[cfg(target_os = "linux")]
mod linux_memory {
    /// Whether the kernel refuses to overcommit (`vm.overcommit_memory` is 2): then an
    /// allocation may fail short of any address-space limit.
    pub fn strict_overcommit() -> bool {
        std::fs::read_to_string("/proc/sys/vm/overcommit_memory").is_ok_and(|t| t.trim() == "2")
    }

    /// The bytes of address space left under the process's limit (`ulimit -v`), or `None`
    /// when there is no limit (or it cannot be read).
    pub fn address_space_left() -> Option<u64> {
        let limit = rustix::process::getrlimit(rustix::process::Resource::As).current?;
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let used_kib: u64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmSize:"))?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(limit.saturating_sub(used_kib.saturating_mul(1024)))
    }
}

/// The error for memory the reader asked for and could not have.
pub(crate) fn out_of_memory(
    path: &str,
    needed: usize,
    what: (&'static str, &'static str),
) -> ImportError {
    ImportError::OutOfMemory {
        path: path.to_owned(),
        needed,
        what,
    }
}

/// Reads a list file whole, refusing it once more than [`MAX_LIST_BYTES`] have been read
/// (whatever size the file reports: a FIFO or a device reports none).
pub(crate) fn read_list_file(path: &Path, name: &str) -> Result<Vec<u8>, ImportError> {
    crate::io::bounded::read_at_most(path, MAX_LIST_BYTES).map_err(|e| match e {
        crate::io::bounded::BoundedRead::Io(source) => ImportError::Io {
            path: name.to_owned(),
            source,
        },
        crate::io::bounded::BoundedRead::TooLarge { read } => ImportError::TooLarge {
            path: name.to_owned(),
            size: read,
            limit: MAX_LIST_BYTES,
        },
    })
}
