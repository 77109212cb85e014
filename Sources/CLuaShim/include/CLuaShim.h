#ifndef CLUASHIM_H
#define CLUASHIM_H

/*
 * The C side of pln's Lua embedding: what Swift cannot call (Lua's function-like macros, variadic
 * functions), and what Swift must not do itself (anything that can raise a Lua error, because a
 * Lua error is a longjmp and must never unwind Swift frames).
 *
 * Three kinds of functions live here:
 *
 * - State functions: the counting allocator, library setup, the protected call with a traceback,
 *   the callback trampoline and the watchdog hook.
 * - `CLuaShim_safe_*`: operations that allocate (and so can raise "not enough memory") run under
 *   their own lua_pcall. They return LUA_OK, a Lua error status with the error object pushed, or
 *   CLUASHIM_ERRSTACK with nothing pushed when the stack cannot grow. Swift uses only these, plus
 *   Lua API functions that never raise (lua_settop, lua_rawgeti, lua_push{nil,boolean,integer,
 *   number} on a checked stack, lua_tolstring on strings...).
 * - Macro wrappers (CLuaShim_pop...): plain functions for Lua's macros. Those that allocate may
 *   raise, so call them only inside a protected call.
 */

#include <stddef.h>
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>

/* Status of a CLuaShim_safe_* function when the Lua stack could not grow; nothing is pushed. */
#define CLUASHIM_ERRSTACK 100

/* What the Swift dispatcher returns besides n >= 0 results. */
/* An error message is on top of the stack: prefix the Lua caller's position, then raise it. */
#define CLUASHIM_RAISE_AT_CALLER (-1)
/* An error value is on top of the stack: raise it unchanged (it already carries a position). */
#define CLUASHIM_RAISE (-2)
/* Nothing could be pushed because the stack could not grow: raise a fixed message. */
#define CLUASHIM_RAISE_STACK_OVERFLOW (-3)
/* The Swift owner of the state is gone (the state is closing): raise a fixed message. */
#define CLUASHIM_RAISE_CLOSED (-4)

/* Why the watchdog stops a script (the value its check returns). */
#define CLUASHIM_STOP_INSTRUCTIONS 1
#define CLUASHIM_STOP_INTERRUPTED 2
#define CLUASHIM_STOP_TIME 3

/* ---- State ---------------------------------------------------------------------------------- */

/* A new state whose allocator counts bytes and refuses to grow past `memoryLimit` (0 = no limit),
 * with a panic handler and a `warn` function that honours "@on"/"@off". NULL when out of memory.
 * No library is open yet. Close it with CLuaShim_close, never lua_close. */
lua_State *CLuaShim_newstate(size_t memoryLimit);

/* Closes a state made by CLuaShim_newstate and frees its allocator data. */
void CLuaShim_close(lua_State *L);

/* Opens the standard libraries (protected; returns a status, error object on top on failure).
 * sandbox != 0: base, coroutine, table, string (without string.dump), math, utf8 and an `os` with
 * only clock, date, difftime and time; no dofile, loadfile, require, package, io or debug; `load`
 * accepts text chunks only; `setmetatable` refuses metatables with __gc (finalizers run with
 * hooks off, out of the watchdog's reach). sandbox == 0: every standard library, and package.path = packagePath. */
int CLuaShim_openlibs(lua_State *L, int sandbox, const char *packagePath);

/* An opaque pointer kept with the state (pln stores its Swift owner there); NULL by default. */
void CLuaShim_set_owner(lua_State *L, void *owner);
void *CLuaShim_owner(lua_State *L);

/* ---- Counting allocator --------------------------------------------------------------------- */

size_t CLuaShim_memory_used(lua_State *L);
size_t CLuaShim_memory_peak(lua_State *L);
size_t CLuaShim_memory_limit(lua_State *L);
/* 0 = no limit. A limit below the bytes in use only stops further growth. */
void CLuaShim_set_memory_limit(lua_State *L, size_t limit);
/* Non-zero once the allocator refused a request because of the limit (until cleared). */
int CLuaShim_memory_limit_hit(lua_State *L);
void CLuaShim_clear_memory_limit_hit(lua_State *L);

/* ---- Loading and calling -------------------------------------------------------------------- */

/* luaL_loadbufferx: pushes the compiled chunk or an error message; `mode` is "t", "b" or "bt". */
int CLuaShim_loadbuffer(lua_State *L, const char *buffer, size_t size, const char *chunkname,
                        const char *mode);

/* lua_pcall of the function below `nargs` arguments, with a message handler in the manner of
 * lua.c's msghandler: a non-string error object uses its __tostring, else reads "(error object is
 * a X value)"; a traceback is appended after a newline. Returns the status; on error the message
 * (with the traceback) is on the stack. `*messageLength` (may be NULL) receives the byte length of
 * the message before the traceback, or -1 when the handler did not run (memory errors). */
int CLuaShim_pcall(lua_State *L, int nargs, int nresults, ptrdiff_t *messageLength);

/* ---- The callback trampoline ---------------------------------------------------------------- */

/* Called by every pln host function with the Lua thread that called it and the function's id.
 * Returns the number of results it pushed, or one of the CLUASHIM_RAISE_* codes. The dispatcher
 * must not raise Lua errors: the trampoline raises them after it returned. */
typedef int (*CLuaShim_Dispatcher)(lua_State *L, lua_Integer id);
/* Called when Lua collects a host function, so Swift can drop the body behind `id`. Must not
 * raise and must not call back into Lua. */
typedef void (*CLuaShim_Releaser)(lua_State *L, lua_Integer id);

/* Set once for the process (every state shares them). */
void CLuaShim_set_dispatcher(CLuaShim_Dispatcher dispatcher);
void CLuaShim_set_releaser(CLuaShim_Releaser releaser);

/* Pushes a host function: a C closure over the trampoline with upvalue 1 = `id` (an integer) and
 * upvalue 2 = a guard userdata whose __gc calls the releaser. Protected: returns a status. */
int CLuaShim_safe_pushfunction(lua_State *L, lua_Integer id);

/* ---- The watchdog --------------------------------------------------------------------------- */

/* Returns 0 to let the script go on, or a CLUASHIM_STOP_* reason to stop it. */
typedef int (*CLuaShim_WatchdogCheck)(lua_State *L);

/* Installs a count hook on L (threads created later inherit it) that runs `check` every `every`
 * VM instructions. A non-zero reason raises, from inside the hook, an error whose message is
 * CLuaShim_stop_marker(reason); the hook then runs at every instruction (on the raising thread
 * and the main thread) so Lua code that catches the error with pcall is stopped again at once.
 * every <= 0 or check == NULL removes the hook. */
void CLuaShim_set_watchdog(lua_State *L, int every, CLuaShim_WatchdogCheck check);
/* Puts the main thread's hook back to every `every` instructions after a stop. */
void CLuaShim_rearm_watchdog(lua_State *L);
/* VM instructions counted by the watchdog since the state was made (or the count was reset). */
lua_Integer CLuaShim_instruction_count(lua_State *L);
void CLuaShim_reset_instruction_count(lua_State *L);
/* The fixed error message the watchdog raises for a reason, or NULL for an unknown reason. */
const char *CLuaShim_stop_marker(int reason);

/* ---- Protected value operations (see the top of this file) ---------------------------------- */

/* Pushes the string s[0..<size] (may hold NULs). */
int CLuaShim_safe_pushlstring(lua_State *L, const char *s, size_t size);
/* Pushes a new table with room for narr array and nrec other entries. */
int CLuaShim_safe_createtable(lua_State *L, int narr, int nrec);
/* t[k] = v without metamethods, where t is at `table` and k, v are the two top values (popped). */
int CLuaShim_safe_rawset(lua_State *L, int table);
/* t[i] = v without metamethods, where v is the top value (popped). */
int CLuaShim_safe_rawseti(lua_State *L, int table, lua_Integer i);
/* Pushes t[key] without metamethods, for a string key of `size` bytes. */
int CLuaShim_safe_rawgetfield(lua_State *L, int table, const char *key, size_t size);
/* lua_next, protected (it raises "invalid key to 'next'" when the table changed under a traversal):
 * pops the key on top, then with *found = 1 pushes the next key and value, or with *found = 0 pushes
 * nothing at the end of the table. On error the error object replaces the key. */
int CLuaShim_safe_next(lua_State *L, int table, int *found);
/* Stores the value at `index` in the registry (luaL_ref) and writes the reference to *ref. */
int CLuaShim_safe_ref(lua_State *L, int index, int *ref);
/* Releases `count` registry references (luaL_unref). */
int CLuaShim_safe_unref(lua_State *L, const int *refs, int count);
/* Pushes what tostring() would show for the value at `index` (honouring __tostring and __name),
 * except for a table without __tostring or __name, for which it pushes nil. */
int CLuaShim_safe_tostring(lua_State *L, int index);

/* ---- Non-raising helpers -------------------------------------------------------------------- */

/* Pushes registry[ref]. */
void CLuaShim_pushref(lua_State *L, int ref);
/* Pushes the global table. */
void CLuaShim_pushglobals(lua_State *L);
/* LUA_REGISTRYINDEX. */
int CLuaShim_registryindex(void);
/* lua_gc (variadic in C) for the options that take no argument, such as LUA_GCCOLLECT. */
int CLuaShim_gc(lua_State *L, int what);
/* Writes `n` as Lua's tostring does ("%.14g", and "1.0" rather than "1"); returns the length. */
int CLuaShim_format_number(lua_Number n, char *buffer, size_t size);

/* ---- Macro wrappers (those that allocate may raise: call them inside a protected call) -------- */

void CLuaShim_pop(lua_State *L, int n);
void CLuaShim_newtable(lua_State *L);
const char *CLuaShim_tostring(lua_State *L, int index);
lua_Number CLuaShim_tonumber(lua_State *L, int index);
lua_Integer CLuaShim_tointeger(lua_State *L, int index);
int CLuaShim_isnil(lua_State *L, int index);
int CLuaShim_isnoneornil(lua_State *L, int index);
int CLuaShim_istable(lua_State *L, int index);
int CLuaShim_isfunction(lua_State *L, int index);
void CLuaShim_pushcfunction(lua_State *L, lua_CFunction f);
void CLuaShim_pushglobaltable(lua_State *L);
int CLuaShim_upvalueindex(int i);
int CLuaShim_getmetatable(lua_State *L, const char *name);
void CLuaShim_insert(lua_State *L, int index);
void CLuaShim_remove(lua_State *L, int index);
void CLuaShim_replace(lua_State *L, int index);
void CLuaShim_call(lua_State *L, int nargs, int nresults);

/// Makes C's stdout unbuffered, so io.write and pln's own output stay in order.
void CLuaShim_unbuffer_stdout(void);

#endif
