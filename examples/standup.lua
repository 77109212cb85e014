-- A /standup command: what I wrote yesterday and today, for a morning check-in.
--   pln standup        /standup in the shell        pln standup 3   (the last 3 days)
pln.command{
  name = "standup",
  help = "Entries of yesterday and today, grouped by day",
  args = "[DAYS]",
  run = function(args)
    local days = tonumber(args[1] or "1") or error("DAYS must be a number")
    local since = days == 1 and "yesterday" or ('"' .. days .. ' days ago"')
    local current
    for e in pln.entries("since:" .. since) do
      local day = pln.date.format(e.date, "%A %d %B")
      if day ~= current then
        pln.print(day)
        current = day
      end
      pln.print(("  %s  %s"):format(pln.date.format(e.date, "%H:%M"), e.body:match("[^\n]*")))
    end
    if current == nil then pln.print("Nothing written since " .. since:gsub('"', '') .. ".") end
  end,
}
