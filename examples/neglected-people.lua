-- A custom query: people you have not written about for N days (default 60).
--   pln query neglected          pln query neglected 30 --format json
pln.query{
  name = "neglected",
  help = "People not in any entry for 60 days (or the number of days given)",
  run = function(args)
    local days = tonumber(args[1] or "60") or error("days must be a number, not " .. tostring(args[1]))
    local cutoff = tonumber(pln.date.format(pln.date.parse(days .. " days ago"), "%s"))
    local rows = {}
    for _, person in ipairs(pln.people()) do
      if person.last == nil or tonumber(pln.date.format(person.last, "%s")) < cutoff then
        rows[#rows + 1] = { handle = person.handle, name = person.name or "", last = person.last or "never",
                            entries = person.entries }
      end
    end
    table.sort(rows, function(a, b) return a.last < b.last end)
    return rows, { "handle", "name", "last", "entries" }
  end,
}
