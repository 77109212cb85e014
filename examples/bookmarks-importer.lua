-- A CSV bookmarks importer: `pln import --as bookmarks-csv bookmarks.csv`.
-- Each row (title,url,tags,note,added) becomes a web source and an entry that cites it.
-- Install: copy into ~/.config/pln/plugins/.

pln.importer{
  name = "bookmarks-csv",
  help = "Bookmarks exported as CSV: title,url,tags,note,added",
  detect = function(path, head)
    return path:match("%.csv$") ~= nil and head:match("^title,url,tags") ~= nil
  end,
  run = function(path, opts)
    for row, line in pln.csv.rows(path, { header = true }) do
      -- One record: an error names the file and line, and (with --skip-bad) skips only this row.
      pln.import.record(("%s:%d"):format(path, line), function()
        if not row.url or row.url == "" then error("a bookmark without a url", 0) end
        -- Found or created by its address, as a bare URL in typed text would be.
        pln.source{ url = row.url, type = "webpage", title = row.title }
        local tags = {}
        for tag in (row.tags or ""):gmatch("[^%s;]+") do tags[#tags + 1] = tag end
        pln.add{
          body = ("Bookmarked %s. %s"):format(row.title, row.note or ""),
          date = row.added ~= "" and row.added or nil,
          tags = tags,
          urls = { row.url },
          kind = "share",
          parse = false,
          origin = "bookmarks:" .. row.url,  -- importing the file again adds nothing
          fields = { platform = "bookmarks", file = path },
        }
      end)
    end
  end,
}
