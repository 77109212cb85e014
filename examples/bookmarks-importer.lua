-- A CSV bookmarks importer: `pln import --as bookmarks-csv bookmarks.csv`.
-- Each row (title,url,tags,note,added) becomes a web source and an entry that cites it.
-- Install: copy into ~/.config/pln/plugins/.

pln.importer{
  name = "bookmarks-csv",
  help = "Bookmarks exported as CSV: title,url,tags,note,added",
  detect = function(path, head)
    return path:match("%.csv$") ~= nil and head:match("^title,url,tags") ~= nil
  end,
  run = function(path)
    local added = 0
    for row, line in pln.csv.rows(path, { header = true }) do
      if not row.url or row.url == "" then
        error(("%s:%d: a bookmark without a url"):format(path, line))
      end
      local key = row.url:gsub("^https?://", ""):gsub("^www%.", ""):gsub("[/?#].*$", "")
        .. "/" .. (row.url:match("([^/]+)/?$") or "page")
      pln.source{ key = key, type = "webpage", title = row.title, url = row.url }
      local tags = {}
      for tag in (row.tags or ""):gmatch("[^%s;]+") do tags[#tags + 1] = tag end
      pln.add{
        body = ("Bookmarked %s. %s"):format(row.title, row.note or ""),
        date = row.added ~= "" and row.added or nil,
        tags = tags,
        sources = { key },
        kind = "share",
        parse = false,
      }
      added = added + 1
    end
    return added
  end,
}
