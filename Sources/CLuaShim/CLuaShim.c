#include "CLuaShim.h"
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#include <string.h>

lua_State *CLuaShim_newstate(void) {
    lua_State *L = luaL_newstate();
    if (L != NULL) luaL_openlibs(L);
    return L;
}

/* Message handler in the manner of lua.c: appends a traceback to the error. */
static int CLuaShim_msghandler(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int CLuaShim_dostring(lua_State *L, const char *code, const char *chunkname) {
    int status = luaL_loadbuffer(L, code, strlen(code), chunkname);
    if (status != LUA_OK) return status;
    int base = lua_gettop(L);
    lua_pushcfunction(L, CLuaShim_msghandler);
    lua_insert(L, base);
    status = lua_pcall(L, 0, LUA_MULTRET, base);
    lua_remove(L, base);
    return status;
}

const char *CLuaShim_tostring(lua_State *L, int index) { return lua_tostring(L, index); }

void CLuaShim_pop(lua_State *L, int n) { lua_pop(L, n); }
