-- jrnl journals: the JSON of `jrnl --export json`, or the plain-text journal file itself
-- (entries start with a "[2024-01-05 09:30] Title" line). jrnl's dates are wall-clock time
-- without a zone: they are read in the local time zone (TZ). @words are jrnl tags, not people.

--- A tag as pln keeps it: no leading symbol, lower case, inner white space as '-'.
local function tag_name(tag)
  return pln.text.lower((tag:gsub("^[#@]+", ""):gsub("%s+", "-")))
end

--- The tags written in text the way jrnl finds them: # or @ after white space, then
--- letters, digits and -+*#/_ (jrnl's default tagsymbols and tag pattern).
local function text_tags(text)
  local tags = {}
  for tag in (" " .. text):gmatch("%s([#@][%w_%-%+%*#/\128-\255]+)") do
    local name = tag_name(tag)
    if name:match("[^%d]") then tags[#tags + 1] = name end
  end
  return tags
end

--- A jrnl or Day One uuid as pln's dashed lower-case form, or nil when it is not one.
local function dashed_uuid(uuid)
  if type(uuid) ~= "string" then return nil end
  local hex = uuid:gsub("%-", ""):lower()
  if not hex:match("^" .. ("%x"):rep(32) .. "$") then return nil end
  return ("%s-%s-%s-%s-%s"):format(hex:sub(1, 8), hex:sub(9, 12), hex:sub(13, 16), hex:sub(17, 20), hex:sub(21))
end

--- Adds one entry. `when` is "YYYY-MM-DDTHH:MM[:SS]" in local time. The origin hashes the
--- text with white space collapsed, so the JSON export and the journal file of the same
--- journal give the same entries.
local function add_entry(when, text, tags, starred, uuid, file)
  text = pln.text.clean(text):gsub("^%s+", ""):gsub("%s+$", "")
  if text == "" then return pln.import.skip("empty entry") end
  local minute = when:sub(1, 16)
  local id = minute .. ":" .. pln.text.hash(text:gsub("%s+", " "))
  pln.import.add{
    body = text,
    date = when,
    kind = "note",
    parse = false,
    tags = tags,
    starred = starred == true,
    uuid = dashed_uuid(uuid),
    origin = "jrnl:" .. id,
    fields = { platform = "jrnl", id = id, file = file },
  }
end

local function import_json(path, text, file)
  local doc = pln.json.decode(text, path)
  if type(doc) ~= "table" or type(doc.entries) ~= "table" then
    error(("%s: not a jrnl JSON export (no \"entries\" list)"):format(path), 0)
  end
  pln.import.total(#doc.entries)
  for i, item in ipairs(doc.entries) do
    pln.import.record(("%s: entry %d"):format(path, i), function()
      if type(item) ~= "table" then error("not an object", 0) end
      local date, time = item.date, item.time
      if type(date) ~= "string" or not date:match("^%d%d%d%d%-%d%d%-%d%d$") then
        error(("'date' is not YYYY-MM-DD: %s"):format(tostring(date)), 0)
      end
      if type(time) ~= "string" or not time:match("^%d%d?:%d%d$") then
        error(("'time' is not HH:MM: %s"):format(tostring(time)), 0)
      end
      local title = type(item.title) == "string" and item.title or ""
      local body = type(item.body) == "string" and item.body or ""
      -- jrnl splits the text after the first sentence; the body keeps the white space
      -- that followed it, or lost it in some versions.
      local text = (body == "" or body:match("^%s")) and title .. body or title .. " " .. body
      local tags = {}
      for _, tag in ipairs(type(item.tags) == "table" and item.tags or {}) do
        if type(tag) == "string" and tag_name(tag) ~= "" then tags[#tags + 1] = tag_name(tag) end
      end
      add_entry(("%sT%s"):format(date, time:len() == 4 and "0" .. time or time), text, tags, item.starred, item.uuid, file)
    end)
  end
end

--- A bracketed jrnl date ("2024-01-05 09:30", "2024-01-05 09:30:00 AM") as local ISO 8601.
local function header_date(blob)
  local date, h, m, s, ampm = blob:match("^(%d%d%d%d%-%d%d%-%d%d) (%d%d?):(%d%d):?(%d*) ?([AaPp]?[Mm]?)$")
  if not date then return nil end
  h = tonumber(h)
  ampm = ampm:upper()
  if ampm == "PM" and h < 12 then h = h + 12 elseif ampm == "AM" and h == 12 then h = 0 end
  return ("%sT%02d:%s:%s"):format(date, h, m, s ~= "" and s or "00")
end

local HEADER = "^%[([^%]]+)%] ?(.*)$"

local function import_text(path, lines, file)
  local current -- { when, line, lines, starred }
  local function flush()
    if not current then return end
    local entry = current
    pln.import.record(("%s:%d"):format(path, entry.line), function()
      local text = table.concat(entry.lines, "\n")
      add_entry(entry.when, text, text_tags(text), entry.starred, nil, file)
    end)
  end
  for number, line in ipairs(lines) do
    local blob, title = line:match(HEADER)
    local when = blob and header_date(blob)
    if when then
      flush()
      local starred = false
      if title:match("%*%s*$") then
        starred, title = true, title:gsub("%s*%*%s*$", "")
      end
      current = { when = when, line = number, lines = { title }, starred = starred }
    elseif current then
      current.lines[#current.lines + 1] = line
    elseif line:match("%S") then
      error(("%s:%d: not a jrnl journal: text before the first [date] line"):format(path, number), 0)
    end
  end
  if not current then error(("%s: not a jrnl journal: no [date] line"):format(path), 0) end
  flush()
end

--- Whether head starts jrnl's JSON export: {"tags": {"@tag": n, …}, "entries": [ … ]}.
local function is_json(head)
  local rest = head:match('^\239?\187?\191?%s*{%s*"tags"%s*:%s*{(.*)')
  if not rest then return false end
  return rest:match('^%s*"[#@]') ~= nil or rest:match('^%s*}%s*,%s*"entries"%s*:') ~= nil
end

--- Whether head starts a jrnl journal file: its first line is "[date time] …".
local function is_text(head)
  local blob = head:match("^\239?\187?\191?%[([^%]\n]+)%] ")
  return blob ~= nil and header_date(blob) ~= nil
end

pln.importer{
  name = "jrnl",
  help = "jrnl: the JSON of jrnl --export json, or the journal file itself",
  detect = function(path, head)
    return is_json(head) or is_text(head)
  end,
  run = function(path)
    -- Read as lines, so that `jrnl --export json | pln import --as jrnl -` works too.
    local label = path == "-" and "<stdin>" or path
    local file = path == "-" and "<stdin>" or (path:match("([^/]+)$") or path)
    local lines = {}
    for line in pln.lines(path) do lines[#lines + 1] = line end
    if lines[1] then lines[1] = lines[1]:gsub("^\239\187\191", "") end
    local head = ""
    for _, line in ipairs(lines) do
      if line:match("%S") then head = line break end
    end
    if head:match("^%s*{") then
      import_json(label, table.concat(lines, "\n"), file)
    else
      import_text(label, lines, file)
    end
  end,
}
