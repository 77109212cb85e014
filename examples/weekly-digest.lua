-- A weekly Markdown digest: `pln export --as digest 'since:"1 week ago"' > week.md`.
pln.exporter{
  name = "digest",
  help = "A Markdown digest of the entries, grouped by tag",
  run = function(query)
    local byTag, order, count = {}, {}, 0
    for e in pln.entries(query ~= "" and query or 'since:"1 week ago"') do
      count = count + 1
      local tags = #e.tags > 0 and e.tags or { "untagged" }
      for _, tag in ipairs(tags) do
        if not byTag[tag] then byTag[tag] = {}; order[#order + 1] = tag end
        table.insert(byTag[tag], e)
      end
    end
    table.sort(order)
    local out = { ("# Learning digest (%d entries)"):format(count), "" }
    for _, tag in ipairs(order) do
      out[#out + 1] = "## #" .. tag
      out[#out + 1] = ""
      for _, e in ipairs(byTag[tag]) do
        out[#out + 1] = ("- %s — %s"):format(pln.date.format(e.date, "%a %d %b"), e.body:match("[^\n]*"))
      end
      out[#out + 1] = ""
    end
    return table.concat(out, "\n")
  end,
}
