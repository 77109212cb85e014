-- Diigo bookmarks: the CSV of Tools → Export (title,url,tags,description,comments,annotations,
-- created_at). Each row is a web source; a dated row is also an entry of kind share.

local function decode(s) return pln.html.decode(s) end

--- The error text without the Lua position and the "pln.x: " prefix a pln function adds.
local function reason(err)
  return (tostring(err):gsub("^pln[/ ][^:\n]*:%d+: ", ""):gsub("^pln%.[%w%.]+: ", ""))
end

--- --since as Unix seconds, nil without it.
local function since_seconds(opts)
  return opts and opts.since and tonumber(pln.date.format(opts.since, "%s")) or nil
end

--- Whether a record dated `date` is before --since: left out before it writes any source or
--- person (pln.add would leave out only the entry). A date pln cannot read is pln.add's to report.
local function before_since(date, since)
  if not since then return false end
  local ok, seconds = pcall(pln.date.format, date, "%s")
  return ok and tonumber(seconds) < since
end

--- Lower case beyond ASCII (Latin-1, Latin Extended-A, Greek, Cyrillic capitals), so that
--- #Übung and #übung are one tag.
local function lower(s)
  s = s:lower()
  if not s:find("[\128-\255]") then return s end
  return (s:gsub(utf8.charpattern, function(ch)
    local cp = utf8.codepoint(ch)
    if cp < 0xC0 then return nil end
    if (cp <= 0xDE and cp ~= 0xD7) or (cp >= 0x391 and cp <= 0x3AB and cp ~= 0x3A2) or (cp >= 0x410 and cp <= 0x42F) then
      return utf8.char(cp + 32)
    elseif cp >= 0x400 and cp <= 0x40F then
      return utf8.char(cp + 80)
    elseif cp == 0x178 then
      return "\195\191"
    elseif (cp >= 0x100 and cp <= 0x137 and cp % 2 == 0) or (cp >= 0x139 and cp <= 0x148 and cp % 2 == 1)
      or (cp >= 0x14A and cp <= 0x177 and cp % 2 == 0) or (cp >= 0x179 and cp <= 0x17E and cp % 2 == 1) then
      return utf8.char(cp + 1)
    end
    return nil
  end))
end

--- pln.add, with its errors (a date that does not exist) told without the Lua position.
local function add(entry)
  local ok, result, why = pcall(pln.add, entry)
  if not ok then error(reason(result), 0) end
  return result, why
end

-- Text helpers: #tags and @handles written in text, found as pln's own capture finds them.

--- Whether code point cp is part of a word: a letter, digit, mark or '_'.
local function is_word(cp)
  if cp < 128 then
    return (cp >= 48 and cp <= 57) or (cp >= 65 and cp <= 90) or (cp >= 97 and cp <= 122) or cp == 95
  end
  if cp < 0xC0 then return cp == 0xAA or cp == 0xB5 or cp == 0xBA end
  if cp == 0xD7 or cp == 0xF7 or (cp >= 0x2000 and cp < 0x2C00) or (cp >= 0x3000 and cp < 0x3040) then
    return false
  end
  return not ((cp >= 0xD800 and cp < 0xF900) or (cp >= 0xFE00 and cp < 0xFE70)
    or (cp >= 0xFF00 and cp < 0xFF10) or cp >= 0x1F000)
end

local HASH, AT = 35, 64
local TAG_INNER = { [45] = true }                 -- '-'
local HANDLE_INNER = { [45] = true, [46] = true } -- '-', '.'
local NOT_BEFORE_TAG = { [38] = true, [47] = true }                             -- '&', '/'
local NOT_BEFORE_HANDLE = { [43] = true, [45] = true, [46] = true, [47] = true } -- '+', '-', '.', '/'

--- The names after `sigil` in text (# tags, @ handles), without the sigil, first spelling kept.
local function words_after(text, sigil, inner, not_before)
  local cps = {}
  for _, cp in utf8.codes(text) do cps[#cps + 1] = cp end
  local names, seen, i = {}, {}, 1
  while i < #cps do
    local before = cps[i - 1]
    if cps[i] == sigil and is_word(cps[i + 1])
      and not (before and (is_word(before) or not_before[before])) then
      local j = i + 1
      while cps[j] and (is_word(cps[j]) or inner[cps[j]]) do j = j + 1 end
      local last = j - 1
      while inner[cps[last]] do last = last - 1 end
      local name = utf8.char(table.unpack(cps, i + 1, last))
      if name:match("%D") and not seen[lower(name)] then
        seen[lower(name)] = true
        names[#names + 1] = name
      end
      i = j
    else
      i = i + 1
    end
  end
  return names
end

--- A tag as pln keeps it: no leading '#', lower case, inner white space as '-'.
local function tag_name(tag)
  return lower((tag:gsub("^%s*#*", ""):gsub("%s+$", ""):gsub("%s+", "-")))
end

--- A Diigo created_at ("2024-05-08 05:36:43", UTC) as ISO 8601, nil when empty.
local function created(text)
  if text == nil or text == "" then return nil end
  local date, time = text:match("^(%d%d%d%d%-%d%d%-%d%d)[ T](%d%d:%d%d:?%d*)$")
  if not date then error(("'created_at' is not a date: %s"):format(text), 0) end
  return ("%sT%sZ"):format(date, #time == 5 and time .. ":00" or time)
end

local HEADER = { "title", "url", "tags", "description", "comments", "annotations", "created_at" }

local function import_row(row, file, since)
  local url = row.url and row.url:match("^%s*(.-)%s*$") or ""
  if url == "" then error("no 'url'", 0) end
  if not url:match("^https?://") then error(("'url' is not a web address: %s"):format(url), 0) end
  local date = created(row.created_at and row.created_at:match("^%s*(.-)%s*$"))
  if date and before_since(date, since) then return pln.import.skip("before --since") end
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
  for _, name in ipairs(words_after(description, HASH, TAG_INNER, NOT_BEFORE_TAG)) do tag(name) end
  add{
    body = body,
    date = date,
    kind = "share",
    parse = false,
    tags = tags,
    people = words_after(description, AT, HANDLE_INNER, NOT_BEFORE_HANDLE),
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
    local columns, since = nil, since_seconds(opts)
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
        pln.import.record(("%s:%d"):format(path, line), function() import_row(row, file, since) end)
      end
    end
  end,
}
