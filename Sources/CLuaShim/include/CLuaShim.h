#ifndef CLUASHIM_H
#define CLUASHIM_H

#include <lua5.4/lua.h>

/// A new Lua state with the standard libraries opened, or NULL when out of memory.
lua_State *CLuaShim_newstate(void);

/// Loads and runs `code` under a protected call with a traceback handler.
/// Returns LUA_OK or an error status; on error the message is left on the stack.
int CLuaShim_dostring(lua_State *L, const char *code, const char *chunkname);

/// lua_tostring as a function (it is a macro in lua.h).
const char *CLuaShim_tostring(lua_State *L, int index);

/// lua_pop as a function.
void CLuaShim_pop(lua_State *L, int n);

#endif
