// Runs one Argo CD health script (Lua) on Kubernetes objects, as Argo CD does: the object is the global `obj`, the script
// returns a table { status, message }. Input on stdin: { "script": "...", "objects": [ ... ] }; output on stdout: a JSON
// array of { status, message } (or { error }) per object. fengari is Lua 5.3 in JavaScript; Argo CD uses gopher-lua (5.1),
// so the scripts keep to what both run. JSON numbers become Lua integers when whole, as gopher-lua prints them.
'use strict';
const { lua, lauxlib, lualib, to_luastring, to_jsstring } = require('fengari');

function push(L, value) {
  if (value === null || value === undefined) {
    lua.lua_pushnil(L);
  } else if (typeof value === 'boolean') {
    lua.lua_pushboolean(L, value);
  } else if (typeof value === 'number') {
    if (Number.isInteger(value)) lua.lua_pushinteger(L, value); else lua.lua_pushnumber(L, value);
  } else if (typeof value === 'string') {
    lua.lua_pushstring(L, to_luastring(value));
  } else if (Array.isArray(value)) {
    lua.lua_createtable(L, value.length, 0);
    value.forEach((item, index) => { push(L, item); lua.lua_rawseti(L, -2, index + 1); });
  } else {
    lua.lua_createtable(L, 0, 0);
    for (const [key, item] of Object.entries(value)) {
      if (item === null || item === undefined) continue;
      push(L, item);
      lua.lua_setfield(L, -2, to_luastring(key));
    }
  }
}

function field(L, name) {
  lua.lua_getfield(L, -1, to_luastring(name));
  const value = lua.lua_isnil(L, -1) ? null : to_jsstring(lua.lua_tostring(L, -1));
  lua.lua_pop(L, 1);
  return value;
}

function run(script, object) {
  const L = lauxlib.luaL_newstate();
  lualib.luaL_openlibs(L);
  push(L, object);
  lua.lua_setglobal(L, to_luastring('obj'));
  if (lauxlib.luaL_loadstring(L, to_luastring(script)) !== lua.LUA_OK || lua.lua_pcall(L, 0, 1, 0) !== lua.LUA_OK) {
    return { error: to_jsstring(lua.lua_tostring(L, -1)) };
  }
  if (!lua.lua_istable(L, -1)) return { error: 'the script did not return a table' };
  return { status: field(L, 'status'), message: field(L, 'message') };
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const { script, objects } = JSON.parse(input);
  process.stdout.write(JSON.stringify(objects.map(object => run(script, object))));
});
