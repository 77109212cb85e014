-- Diigo bookmarks: the CSV of Tools → Export (title,url,tags,description,comments,annotations,
-- created_at). Each row is a web source; a dated row is also an entry of kind share.

local function decode(s) return pln.html.decode(s) end

--- The error text without the Lua position and the "pln.x: " prefix a pln function adds.
local function reason(err)
  return (tostring(err):gsub("^pln[/ ][^:\n]*:%d+: ", ""):gsub("^pln%.[%w%.]+: ", ""))
end

--- A tag as pln keeps it: no leading '#', lower case, inner white space as '-'.
local function tag_name(tag)
  return pln.text.lower((tag:gsub("^%s*#*", ""):gsub("%s+$", ""):gsub("%s+", "-")))
end

--- A Diigo created_at ("2024-05-08 05:36:43", UTC) as ISO 8601, nil when empty.
local function created(text)
  if text == nil or text == "" then return nil end
  local date, time = text:match("^(%d%d%d%d%-%d%d%-%d%d)[ T](%d%d:%d%d:?%d*)$")
  if not date then error(("'created_at' is not a date: %s"):format(text), 0) end
  return ("%sT%sZ"):format(date, #time == 5 and time .. ":00" or time)
end

local HEADER = { "title", "url", "tags", "description", "comments", "annotations", "created_at" }

local function import_row(row, file)
  local url = row.url and row.url:match("^%s*(.-)%s*$") or ""
  if url == "" then error("no 'url'", 0) end
  if not url:match("^https?://") then error(("'url' is not a web address: %s"):format(url), 0) end
  local date = created(row.created_at and row.created_at:match("^%s*(.-)%s*$"))
  if date and pln.import.before_since(date) then return pln.import.skip("before --since") end
  local title = pln.text.clean(decode(row.title or "")):match("^%s*(.-)%s*$")
  local source = pln.source{ url = url, type = "webpage", title = title ~= "" and title or nil }
  if not date then return pln.import.skip("undated: source only") end
  local description = pln.text.clean(decode(row.description or "")):match("^%s*(.-)%s*$")
  local annotations = pln.text.clean(decode(row.annotations or "")):match("^%s*(.-)%s*$")
  local parts = {}
  if description ~= "" then parts[#parts + 1] = description end
  if annotations ~= "" then parts[#parts + 1] = annotations end
  local body = #parts > 0 and table.concat(parts, "\n\n") or (title ~= "" and title or url)
  local tags, seen = {}, {}
  local function tag(name)
    name = tag_name(name)
    if name ~= "" and name ~= "no_tag" and not seen[name] then
      seen[name] = true
      tags[#tags + 1] = name
    end
  end
  for name in (row.tags or ""):gmatch("[^,]+") do tag(name) end
  for _, name in ipairs(pln.text.hashtags(description)) do tag(name) end
  pln.import.add{
    body = body,
    date = date,
    kind = "share",
    parse = false,
    tags = tags,
    people = pln.text.mentions(description),
    sources = { source.key },
    origin = "diigo:" .. url,
    fields = { platform = "diigo", id = url, file = file },
  }
end

pln.importer{
  name = "diigo",
  help = "Diigo bookmarks exported as CSV (Tools → Export → CSV)",
  detect = function(path, head)
    local line = head:match("^\239?\187?\191?([^\r\n]*)")
    return line:gsub('"', "") == table.concat(HEADER, ",")
  end,
  run = function(path, opts)
    local file = path:match("([^/]+)$") or path
    local columns = nil
    local rows = pln.csv.rows(path)
    while true do
      -- A CSV error (a quote that never closes) already names the file and line.
      local ok, record, line = pcall(rows)
      if not ok then error(reason(record), 0) end
      if not record then break end
      if not columns then
        columns = {}
        for i, name in ipairs(record) do columns[name:gsub("^\239\187\191", "")] = i end
        for _, name in ipairs({ "url", "title", "tags", "created_at" }) do
          if not columns[name] then error(("%s:%d: no '%s' column: not a Diigo export"):format(path, line, name), 0) end
        end
      else
        local row = {}
        for _, name in ipairs(HEADER) do row[name] = columns[name] and record[columns[name]] end
        pln.import.record(("%s:%d"):format(path, line), function() import_row(row, file) end)
      end
    end
  end,
}
