#ifndef CSQLITESHIM_H
#define CSQLITESHIM_H

/// SQLite's process-wide options for pln, set when the process starts, before any connection
/// (`sqlite3_config` takes variable arguments, which Swift cannot call, and must run before
/// SQLite initialises).
///
/// Memory statistics are off: pln never reads them (nor sets a heap limit, which needs them),
/// and keeping them took a mutex around every allocation SQLite made, 2-3% of an import's
/// instructions. Returns the result code of that call: SQLITE_OK, or SQLITE_MISUSE when
/// something initialised SQLite first (the defaults then stay, which is harmless).
int CSQLiteShim_configured(void);

#endif
