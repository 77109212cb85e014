-- A script to share with colleagues: run it sandboxed, read-only.
--   pln run --sandbox examples/shared-tag-report.lua
-- It can read the journal (pln.*), not files, not the network, not the shell.
local rows = {}
for _, t in ipairs(pln.tags()) do
  local words = 0
  for e in pln.entries("tag:" .. t.tag) do
    for _ in e.body:gmatch("%S+") do words = words + 1 end
  end
  rows[#rows + 1] = { tag = "#" .. t.tag, entries = t.count, words = words }
end
pln.table(rows, { columns = { "tag", "entries", "words" } })
