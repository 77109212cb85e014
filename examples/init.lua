-- ~/.config/pln/init.lua: loaded before plugins/*.lua each time pln starts Lua.
-- Modules next to it load with require: here ~/.config/pln/helpers.lua, if you have one.

-- Your own helpers, available to every plugin and to `pln lua`.
function today_count()
  return pln.count("on:today")
end

-- A command that shows a few numbers about the journal.
pln.command{
  name = "summary",
  help = "Entries, people and sources in the journal",
  run = function()
    pln.table({
      { what = "entries", count = pln.count() },
      { what = "today", count = today_count() },
      { what = "people", count = #pln.people() },
      { what = "sources", count = #pln.sources() },
    }, { columns = { "what", "count" } })
  end,
}
