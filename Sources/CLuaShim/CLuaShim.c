#include "CLuaShim.h"

#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Name of the registry metatable of the guard userdata kept by every host function. */
#define GUARD_METATABLE "pln.hostfunction"

/* Small blocks (strings, tables, closures: most of what a script allocates) come from free lists
 * of 16-byte size classes carved from 64 KiB slabs, instead of malloc: Lua passes the old size of
 * every block it frees or resizes, so a block's class is known without a header, and an importer
 * that makes and drops a few hundred objects per record spent a quarter of its time in glibc's
 * malloc and free. Freed blocks stay on their list for reuse; slabs go back at lua_close. */
#define POOL_GRAIN 16
#define POOL_MAX 256
#define POOL_CLASSES (POOL_MAX / POOL_GRAIN)
#define POOL_SLAB (64 * 1024)

typedef struct PoolBlock { struct PoolBlock *next; } PoolBlock;
typedef struct PoolSlab { struct PoolSlab *next; } PoolSlab;

typedef struct Pool {
    PoolBlock *free[POOL_CLASSES];
    PoolSlab *slabs;
    char *cursor, *end; /* the unused rest of the newest slab */
} Pool;

/* Per-state data, reached through the allocator's userdata (lua_getallocf), so that any thread of
 * the state (a coroutine included) finds it without touching the Lua stack. */
typedef struct Context {
    Pool pool;
    size_t used, peak, limit;
    int limitHit;
    void *owner;
    lua_State *main;
    int every;
    CLuaShim_WatchdogCheck check;
    lua_Integer instructions;
    ptrdiff_t *messageLength; /* where the message handler of the innermost CLuaShim_pcall writes */
    int warnOn, warnContinuing, warnPrinting;
} Context;

static CLuaShim_Dispatcher dispatcher = NULL;
static CLuaShim_Releaser releaser = NULL;

static Context *context(lua_State *L) {
    void *ud = NULL;
    (void)lua_getallocf(L, &ud);
    return (Context *)ud;
}

/* ---- State ---------------------------------------------------------------------------------- */

/* The size class of a small block (0 for 1-16 bytes), or -1 for a block malloc owns. */
static int pool_class(size_t size) {
    return size <= POOL_MAX ? (int)((size - 1) / POOL_GRAIN) : -1;
}

static void *pool_take(Pool *pool, int cls) {
    PoolBlock *block = pool->free[cls];
    if (block != NULL) {
        pool->free[cls] = block->next;
        return block;
    }
    size_t size = (size_t)(cls + 1) * POOL_GRAIN;
    if (pool->cursor == NULL || (size_t)(pool->end - pool->cursor) < size) {
        PoolSlab *slab = malloc(POOL_SLAB);
        if (slab == NULL) return NULL;
        slab->next = pool->slabs;
        pool->slabs = slab;
        /* The slab header takes one grain, so blocks stay 16-byte aligned. */
        pool->cursor = (char *)slab + POOL_GRAIN;
        pool->end = (char *)slab + POOL_SLAB;
    }
    void *result = pool->cursor;
    pool->cursor += size;
    return result;
}

static void pool_give(Pool *pool, void *ptr, int cls) {
    PoolBlock *block = ptr;
    block->next = pool->free[cls];
    pool->free[cls] = block;
}

static void pool_release(Pool *pool) {
    PoolSlab *slab = pool->slabs;
    while (slab != NULL) {
        PoolSlab *next = slab->next;
        free(slab);
        slab = next;
    }
    memset(pool, 0, sizeof *pool);
}

/* Lua's allocator contract, with a byte count: growth past the limit is refused (Lua then runs an
 * emergency collection, retries, and raises "not enough memory"); frees and shrinks never fail
 * because of the limit. When ptr is NULL, osize encodes an object type, not a size. */
static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    Context *ctx = (Context *)ud;
    size_t old = ptr != NULL ? osize : 0;
    int oldClass = ptr != NULL ? pool_class(osize) : -1;
    if (nsize == 0) {
        if (oldClass >= 0) pool_give(&ctx->pool, ptr, oldClass);
        else free(ptr);
        ctx->used -= old;
        return NULL;
    }
    if (ctx->limit != 0 && nsize > old) {
        size_t growth = nsize - old;
        if (ctx->used > ctx->limit || growth > ctx->limit - ctx->used) {
            ctx->limitHit = 1;
            return NULL;
        }
    }
    int newClass = pool_class(nsize);
    void *block;
    if (ptr != NULL && newClass >= 0 && oldClass == newClass) {
        block = ptr; /* same class: the block already has room */
    } else if (oldClass < 0 && newClass < 0) {
        block = realloc(ptr, nsize);
        if (block == NULL) return NULL;
    } else {
        block = newClass >= 0 ? pool_take(&ctx->pool, newClass) : malloc(nsize);
        if (block == NULL) return NULL;
        if (ptr != NULL) {
            memcpy(block, ptr, old < nsize ? old : nsize);
            if (oldClass >= 0) pool_give(&ctx->pool, ptr, oldClass);
            else free(ptr);
        }
    }
    ctx->used = ctx->used - old + nsize;
    if (ctx->used > ctx->peak) ctx->peak = ctx->used;
    return block;
}

/* Reached only by an error outside any protected call, which pln never makes on purpose. */
static int panic(lua_State *L) {
    const char *message = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(not a string)";
    fprintf(stderr, "pln: unprotected Lua error: %s\n", message);
    fflush(stderr);
    return 0; /* Lua aborts */
}

/* Lua's `warn`, as lauxlib's: off until "@on", pieces of one message joined, to stderr. */
static void warning(void *ud, const char *message, int tocont) {
    Context *ctx = (Context *)ud;
    if (!ctx->warnContinuing) {
        if (!tocont && message[0] == '@') {
            if (strcmp(message + 1, "on") == 0) ctx->warnOn = 1;
            else if (strcmp(message + 1, "off") == 0) ctx->warnOn = 0;
            return;
        }
        ctx->warnPrinting = ctx->warnOn;
        if (ctx->warnPrinting) fputs("Lua warning: ", stderr);
    }
    if (ctx->warnPrinting) {
        fputs(message, stderr);
        if (!tocont) fputs("\n", stderr);
        fflush(stderr);
    }
    ctx->warnContinuing = tocont;
}

lua_State *CLuaShim_newstate(size_t memoryLimit) {
    Context *ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL) return NULL;
    ctx->limit = memoryLimit;
    lua_State *L = lua_newstate(counting_alloc, ctx);
    if (L == NULL) {
        pool_release(&ctx->pool);
        free(ctx);
        return NULL;
    }
    ctx->main = L;
    /* Scripts make a short-lived table per entry they read (pln.entries over a whole journal,
       an importer's rows): the generational collector frees those young objects cheaply
       instead of traversing the whole heap each cycle; about 10-25% faster for such loops. */
    lua_gc(L, LUA_GCGEN, 0, 0);
    lua_atpanic(L, panic);
    lua_setwarnf(L, warning, ctx);
    return L;
}

void CLuaShim_close(lua_State *L) {
    Context *ctx = context(L);
    lua_close(L);
    pool_release(&ctx->pool);
    free(ctx);
}

void CLuaShim_set_owner(lua_State *L, void *owner) { context(L)->owner = owner; }
void *CLuaShim_owner(lua_State *L) { return context(L)->owner; }

/* ---- Libraries ------------------------------------------------------------------------------ */

/* `load` for the sandbox: the base library's load (upvalue 1) with the mode forced to "t", so a
 * precompiled chunk (which can crash the VM) never loads. Only the 3rd argument changes: an
 * explicit 4th (the environment, even nil) is passed on, as load tells "absent" from nil. */
static int text_only_load(lua_State *L) {
    if (lua_gettop(L) < 3) lua_settop(L, 3);
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    int nargs = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, nargs, LUA_MULTRET);
    return lua_gettop(L);
}

/* `setmetatable` for the sandbox: the base library's (upvalue 1), refusing a metatable with a
 * __gc field. Lua runs finalizers with debug hooks off, so the watchdog could not stop a looping
 * __gc; and only a metatable that has __gc when it is set makes an object finalizable. */
static int no_finalizer_setmetatable(lua_State *L) {
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "__gc metamethods are not allowed in the sandbox");
        lua_pop(L, 1);
    }
    int nargs = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, nargs, LUA_MULTRET);
    return lua_gettop(L);
}

static int guard_gc(lua_State *L) {
    lua_Integer *id = (lua_Integer *)lua_touserdata(L, 1);
    if (id != NULL && releaser != NULL) releaser(L, *id);
    return 0;
}

typedef struct OpenArguments {
    int sandbox;
    const char *packagePath;
} OpenArguments;

static void remove_global(lua_State *L, const char *name) {
    lua_pushnil(L);
    lua_setglobal(L, name);
}

static int open_libraries(lua_State *L) {
    const OpenArguments *arguments = (const OpenArguments *)lua_touserdata(L, 1);

    luaL_newmetatable(L, GUARD_METATABLE);
    lua_pushcfunction(L, guard_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);

    if (!arguments->sandbox) {
        luaL_openlibs(L);
        lua_getglobal(L, LUA_LOADLIBNAME);
        lua_pushstring(L, arguments->packagePath != NULL ? arguments->packagePath : "");
        lua_setfield(L, -2, "path");
        lua_pop(L, 1);
        return 0;
    }

    static const luaL_Reg libraries[] = {
        {LUA_GNAME, luaopen_base},         {LUA_COLIBNAME, luaopen_coroutine},
        {LUA_TABLIBNAME, luaopen_table},   {LUA_STRLIBNAME, luaopen_string},
        {LUA_MATHLIBNAME, luaopen_math},   {LUA_UTF8LIBNAME, luaopen_utf8},
        {NULL, NULL},
    };
    for (const luaL_Reg *library = libraries; library->func != NULL; library++) {
        luaL_requiref(L, library->name, library->func, 1);
        lua_pop(L, 1);
    }

    /* os: only the clock and calendar functions. */
    lua_pushcfunction(L, luaopen_os);
    lua_call(L, 0, 1);
    lua_createtable(L, 0, 4);
    static const char *const kept[] = {"clock", "date", "difftime", "time", NULL};
    for (const char *const *name = kept; *name != NULL; name++) {
        lua_getfield(L, -2, *name);
        lua_setfield(L, -2, *name);
    }
    lua_setglobal(L, LUA_OSLIBNAME);
    lua_pop(L, 1);

    remove_global(L, "dofile");
    remove_global(L, "loadfile");
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);

    lua_getglobal(L, "load");
    lua_pushcclosure(L, text_only_load, 1);
    lua_setglobal(L, "load");
    lua_getglobal(L, "setmetatable");
    lua_pushcclosure(L, no_finalizer_setmetatable, 1);
    lua_setglobal(L, "setmetatable");
    return 0;
}

int CLuaShim_openlibs(lua_State *L, int sandbox, const char *packagePath) {
    OpenArguments arguments = {sandbox, packagePath};
    if (!lua_checkstack(L, 2)) return CLUASHIM_ERRSTACK;
    lua_pushcfunction(L, open_libraries);
    lua_pushlightuserdata(L, &arguments);
    return lua_pcall(L, 1, 0, 0);
}

/* ---- Counting allocator --------------------------------------------------------------------- */

size_t CLuaShim_memory_used(lua_State *L) { return context(L)->used; }
size_t CLuaShim_memory_peak(lua_State *L) { return context(L)->peak; }
size_t CLuaShim_memory_limit(lua_State *L) { return context(L)->limit; }
void CLuaShim_set_memory_limit(lua_State *L, size_t limit) { context(L)->limit = limit; }
int CLuaShim_memory_limit_hit(lua_State *L) { return context(L)->limitHit; }
void CLuaShim_clear_memory_limit_hit(lua_State *L) { context(L)->limitHit = 0; }

/* ---- Loading and calling -------------------------------------------------------------------- */

int CLuaShim_loadbuffer(lua_State *L, const char *buffer, size_t size, const char *chunkname,
                        const char *mode) {
    if (!lua_checkstack(L, 2)) return CLUASHIM_ERRSTACK;
    return luaL_loadbufferx(L, buffer, size, chunkname, mode);
}

/* lua.c's msghandler, except that the traceback is appended in every case (a __tostring message
 * too) and the message's length is reported, so Swift can keep message and traceback apart
 * without searching the text. The message is pushed as a Lua string (NULs survive). */
static int message_handler(lua_State *L) {
    Context *ctx = context(L);
    int type = lua_type(L, 1);
    if (type == LUA_TSTRING || type == LUA_TNUMBER) {
        lua_pushvalue(L, 1);
        (void)lua_tolstring(L, -1, NULL); /* a number becomes a string (on the copy) */
    } else {
        int top = lua_gettop(L);
        if (!(luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)) {
            lua_settop(L, top);
            lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
        }
    }
    size_t length = 0;
    (void)lua_tolstring(L, -1, &length);
    if (ctx->messageLength != NULL) *ctx->messageLength = (ptrdiff_t)length;
    lua_pushliteral(L, "\n");
    luaL_traceback(L, L, NULL, 1);
    lua_concat(L, 3);
    return 1;
}

int CLuaShim_pcall(lua_State *L, int nargs, int nresults, ptrdiff_t *messageLength) {
    Context *ctx = context(L);
    ptrdiff_t ignored;
    if (messageLength == NULL) messageLength = &ignored;
    *messageLength = -1;
    if (!lua_checkstack(L, 1)) return CLUASHIM_ERRSTACK;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, message_handler);
    lua_insert(L, base);
    ptrdiff_t *saved = ctx->messageLength;
    ctx->messageLength = messageLength;
    int status = lua_pcall(L, nargs, nresults, base);
    ctx->messageLength = saved;
    lua_remove(L, base);
    return status;
}

/* ---- The callback trampoline ---------------------------------------------------------------- */

void CLuaShim_set_dispatcher(CLuaShim_Dispatcher function) { dispatcher = function; }
void CLuaShim_set_releaser(CLuaShim_Releaser function) { releaser = function; }

/* The position of the Lua code that called a host function: level 1, unless that is pln's own
 * iterator wrapper (chunk "=pln iterator", which only forwards to the host function), whose
 * caller is the script line the error belongs to. */
static void where_outside_wrappers(lua_State *L) {
    lua_Debug ar;
    int level = 1;
    while (lua_getstack(L, level, &ar) && lua_getinfo(L, "S", &ar) && strcmp(ar.source, "=pln iterator") == 0) {
        level++;
    }
    luaL_where(L, level);
}

/* Every host function is this closure. Swift has returned before anything is raised here, so the
 * longjmp of lua_error only crosses C and Lua frames. */
static int trampoline(lua_State *L) {
    lua_Integer id = lua_tointeger(L, lua_upvalueindex(1));
    int n = dispatcher != NULL ? dispatcher(L, id) : CLUASHIM_RAISE_CLOSED;
    if (n >= 0) return n;
    switch (n) {
    case CLUASHIM_RAISE_AT_CALLER:
        if (lua_type(L, -1) == LUA_TSTRING) {
            where_outside_wrappers(L);
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
        return lua_error(L);
    case CLUASHIM_RAISE:
        return lua_error(L);
    case CLUASHIM_RAISE_STACK_OVERFLOW:
        return luaL_error(L, "stack overflow (in a host function)");
    default:
        return luaL_error(L, "the Lua state is closing");
    }
}

static int push_function(lua_State *L) {
    lua_Integer id = lua_tointeger(L, 1);
    lua_pushinteger(L, id);
    lua_Integer *guard = (lua_Integer *)lua_newuserdatauv(L, sizeof(lua_Integer), 0);
    *guard = id;
    luaL_setmetatable(L, GUARD_METATABLE);
    lua_pushcclosure(L, trampoline, 2);
    return 1;
}

int CLuaShim_safe_pushfunction(lua_State *L, lua_Integer id) {
    if (!lua_checkstack(L, 4)) return CLUASHIM_ERRSTACK;
    lua_pushcfunction(L, push_function);
    lua_pushinteger(L, id);
    return lua_pcall(L, 1, 1, 0);
}

/* ---- The watchdog --------------------------------------------------------------------------- */

static const char *const stop_markers[] = {
    NULL,
    "pln: script stopped: instruction budget exhausted",
    "pln: script stopped: interrupted",
    "pln: script stopped: time limit exceeded",
};

const char *CLuaShim_stop_marker(int reason) {
    if (reason < 1 || reason > 3) return NULL;
    return stop_markers[reason];
}

/* Count hooks run only between VM instructions, never inside a C or Swift function, so raising
 * here unwinds Lua frames only (lua.c's lstop does the same). */
static void watchdog_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    Context *ctx = context(L);
    int count = lua_gethookcount(L);
    ctx->instructions += count;
    int reason = ctx->check != NULL ? ctx->check(L) : 0;
    const char *marker = CLuaShim_stop_marker(reason);
    if (marker == NULL) {
        if (count != ctx->every) lua_sethook(L, watchdog_hook, LUA_MASKCOUNT, ctx->every);
        return;
    }
    lua_sethook(L, watchdog_hook, LUA_MASKCOUNT, 1);
    if (ctx->main != NULL && ctx->main != L) lua_sethook(ctx->main, watchdog_hook, LUA_MASKCOUNT, 1);
    lua_pushstring(L, marker);
    lua_error(L);
}

void CLuaShim_set_watchdog(lua_State *L, int every, CLuaShim_WatchdogCheck check) {
    Context *ctx = context(L);
    if (every <= 0 || check == NULL) {
        ctx->every = 0;
        ctx->check = NULL;
        lua_sethook(L, NULL, 0, 0);
        return;
    }
    ctx->every = every;
    ctx->check = check;
    lua_sethook(L, watchdog_hook, LUA_MASKCOUNT, every);
}

void CLuaShim_rearm_watchdog(lua_State *L) {
    Context *ctx = context(L);
    if (ctx->every > 0 && ctx->main != NULL && lua_gethook(ctx->main) == watchdog_hook)
        lua_sethook(ctx->main, watchdog_hook, LUA_MASKCOUNT, ctx->every);
}

lua_Integer CLuaShim_instruction_count(lua_State *L) { return context(L)->instructions; }
void CLuaShim_reset_instruction_count(lua_State *L) { context(L)->instructions = 0; }

/* ---- Protected value operations ------------------------------------------------------------- */

static int push_lstring(lua_State *L) {
    const char *s = (const char *)lua_touserdata(L, 1);
    size_t size = (size_t)lua_tointeger(L, 2);
    lua_pushlstring(L, s, size);
    return 1;
}

int CLuaShim_safe_pushlstring(lua_State *L, const char *s, size_t size) {
    if (!lua_checkstack(L, 4)) return CLUASHIM_ERRSTACK;
    lua_pushcfunction(L, push_lstring);
    lua_pushlightuserdata(L, (void *)s);
    lua_pushinteger(L, (lua_Integer)size);
    return lua_pcall(L, 2, 1, 0);
}

static int create_table(lua_State *L) {
    lua_createtable(L, (int)lua_tointeger(L, 1), (int)lua_tointeger(L, 2));
    return 1;
}

int CLuaShim_safe_createtable(lua_State *L, int narr, int nrec) {
    if (!lua_checkstack(L, 4)) return CLUASHIM_ERRSTACK;
    lua_pushcfunction(L, create_table);
    lua_pushinteger(L, narr < 0 ? 0 : narr);
    lua_pushinteger(L, nrec < 0 ? 0 : nrec);
    return lua_pcall(L, 2, 1, 0);
}

static int raw_set(lua_State *L) {
    lua_rawset(L, 1);
    return 0;
}

int CLuaShim_safe_rawset(lua_State *L, int table) {
    table = lua_absindex(L, table);
    if (!lua_checkstack(L, 3)) return CLUASHIM_ERRSTACK;
    lua_pushcfunction(L, raw_set);
    lua_pushvalue(L, table);
    lua_rotate(L, -4, 2); /* k v f t -> f t k v */
    return lua_pcall(L, 3, 0, 0);
}

static int raw_seti(lua_State *L) {
    lua_rawseti(L, 1, lua_tointeger(L, 2));
    return 0;
}

int CLuaShim_safe_rawseti(lua_State *L, int table, lua_Integer i) {
    table = lua_absindex(L, table);
    if (!lua_checkstack(L, 4)) return CLUASHIM_ERRSTACK;
    lua_pushcfunction(L, raw_seti);
    lua_pushvalue(L, table);
    lua_pushinteger(L, i);
    lua_rotate(L, -4, 3); /* v f t i -> f t i v */
    return lua_pcall(L, 3, 0, 0);
}

static int raw_getfield(lua_State *L) {
    lua_pushlstring(L, (const char *)lua_touserdata(L, 2), (size_t)lua_tointeger(L, 3));
    lua_rawget(L, 1);
    return 1;
}

int CLuaShim_safe_rawgetfield(lua_State *L, int table, const char *key, size_t size) {
    table = lua_absindex(L, table);
    if (!lua_checkstack(L, 5)) return CLUASHIM_ERRSTACK;
    lua_pushcfunction(L, raw_getfield);
    lua_pushvalue(L, table);
    lua_pushlightuserdata(L, (void *)key);
    lua_pushinteger(L, (lua_Integer)size);
    return lua_pcall(L, 3, 1, 0);
}

static int next_entry(lua_State *L) {
    lua_settop(L, 2);
    return lua_next(L, 1) ? 2 : 0;
}

int CLuaShim_safe_next(lua_State *L, int table, int *found) {
    table = lua_absindex(L, table);
    *found = 0;
    if (!lua_checkstack(L, 3)) return CLUASHIM_ERRSTACK;
    int base = lua_gettop(L) - 1;
    lua_pushcfunction(L, next_entry);
    lua_pushvalue(L, table);
    lua_rotate(L, -3, 2); /* key f t -> f t key */
    int status = lua_pcall(L, 2, LUA_MULTRET, 0);
    if (status == LUA_OK) *found = lua_gettop(L) > base;
    return status;
}

static int make_ref(lua_State *L) {
    lua_settop(L, 1);
    lua_pushinteger(L, luaL_ref(L, LUA_REGISTRYINDEX));
    return 1;
}

int CLuaShim_safe_ref(lua_State *L, int index, int *ref) {
    index = lua_absindex(L, index);
    if (!lua_checkstack(L, 3)) return CLUASHIM_ERRSTACK;
    lua_pushcfunction(L, make_ref);
    lua_pushvalue(L, index);
    int status = lua_pcall(L, 1, 1, 0);
    if (status == LUA_OK) {
        *ref = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
    }
    return status;
}

static int release_refs(lua_State *L) {
    const int *refs = (const int *)lua_touserdata(L, 1);
    lua_Integer count = lua_tointeger(L, 2);
    for (lua_Integer i = 0; i < count; i++) luaL_unref(L, LUA_REGISTRYINDEX, refs[i]);
    return 0;
}

int CLuaShim_safe_unref(lua_State *L, const int *refs, int count) {
    if (count <= 0) return LUA_OK;
    if (!lua_checkstack(L, 4)) return CLUASHIM_ERRSTACK;
    lua_pushcfunction(L, release_refs);
    lua_pushlightuserdata(L, (void *)refs);
    lua_pushinteger(L, count);
    return lua_pcall(L, 2, 0, 0);
}

static int to_string(lua_State *L) {
    if (lua_type(L, 1) == LUA_TTABLE && luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL &&
        luaL_getmetafield(L, 1, "__name") == LUA_TNIL) {
        lua_pushnil(L);
        return 1;
    }
    luaL_tolstring(L, 1, NULL);
    return 1;
}

int CLuaShim_safe_tostring(lua_State *L, int index) {
    index = lua_absindex(L, index);
    if (!lua_checkstack(L, 3)) return CLUASHIM_ERRSTACK;
    lua_pushcfunction(L, to_string);
    lua_pushvalue(L, index);
    return lua_pcall(L, 1, 1, 0);
}

/* ---- Non-raising helpers -------------------------------------------------------------------- */

void CLuaShim_pushref(lua_State *L, int ref) { lua_rawgeti(L, LUA_REGISTRYINDEX, ref); }
void CLuaShim_pushglobals(lua_State *L) { lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS); }
int CLuaShim_registryindex(void) { return LUA_REGISTRYINDEX; }
int CLuaShim_gc(lua_State *L, int what) { return lua_gc(L, what, 0); }

int CLuaShim_format_number(lua_Number n, char *buffer, size_t size) {
    if (buffer == NULL || size < 4) return 0;
    int length = lua_number2str(buffer, size, n);
    if (length < 0) return 0;
    if ((size_t)length >= size) length = (int)size - 1;
    /* lobject.c's tostringbuff: a float that looks like an integer gets ".0" */
    if (buffer[strspn(buffer, "-0123456789")] == '\0' && (size_t)length + 2 < size) {
        buffer[length++] = '.';
        buffer[length++] = '0';
        buffer[length] = '\0';
    }
    return length;
}

/* ---- Macro wrappers ------------------------------------------------------------------------- */

void CLuaShim_pop(lua_State *L, int n) { lua_pop(L, n); }
void CLuaShim_newtable(lua_State *L) { lua_newtable(L); }
const char *CLuaShim_tostring(lua_State *L, int index) { return lua_tostring(L, index); }
lua_Number CLuaShim_tonumber(lua_State *L, int index) { return lua_tonumber(L, index); }
lua_Integer CLuaShim_tointeger(lua_State *L, int index) { return lua_tointeger(L, index); }
int CLuaShim_isnil(lua_State *L, int index) { return lua_isnil(L, index); }
int CLuaShim_isnoneornil(lua_State *L, int index) { return lua_isnoneornil(L, index); }
int CLuaShim_istable(lua_State *L, int index) { return lua_istable(L, index); }
int CLuaShim_isfunction(lua_State *L, int index) { return lua_isfunction(L, index); }
void CLuaShim_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }
void CLuaShim_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
int CLuaShim_upvalueindex(int i) { return lua_upvalueindex(i); }
int CLuaShim_getmetatable(lua_State *L, const char *name) { return luaL_getmetatable(L, name); }
void CLuaShim_insert(lua_State *L, int index) { lua_insert(L, index); }
void CLuaShim_remove(lua_State *L, int index) { lua_remove(L, index); }
void CLuaShim_replace(lua_State *L, int index) { lua_replace(L, index); }
void CLuaShim_call(lua_State *L, int nargs, int nresults) { lua_call(L, nargs, nresults); }

void CLuaShim_unbuffer_stdout(void) {
    /* io.write writes through C's stdout; unbuffered, its output stays in order with pln's own. */
    setvbuf(stdout, NULL, _IONBF, 0);
}
