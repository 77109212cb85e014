#include "CSQLiteShim.h"

#include <sqlite3.h>

static int result = -1;

// Runs before main (and before any test): shared libraries such as SQLite are initialised by
// then, SQLite itself is not.
__attribute__((constructor)) static void configure(void) {
    result = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int CSQLiteShim_configured(void) {
    return result;
}
