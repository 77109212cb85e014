-- Day One: Export → JSON gives a zip holding Journal.json (one .json per journal) and the
-- photos/, videos/, audios/ and pdfs/ folders; the zip, its folder or the .json file itself.
-- One entry per item at its creationDate, with the UTC offset its IANA timeZone had then.

-- Time zones: Day One names a zone per entry ("America/New_York"); its offset at an instant
-- comes from the system's compiled tz database (TZif files, RFC 8536).

--- Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
local function days_from_civil(y, m, d)
  y = m <= 2 and y - 1 or y
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local doy = (153 * (m + (m > 2 and -3 or 9)) + 2) // 5 + d - 1
  return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468
end

--- A POSIX TZ string's rule ("CET-1CEST,M3.5.0,M10.5.0/3") as a function from a UTC instant
--- to an offset in seconds, or nil when it cannot be read.
local function posix_rule(tz)
  local function offset(s, i)
    local sign, h, m, sec, j = s:match("^([+-]?)(%d+):?(%d*):?(%d*)()", i)
    if not h then return nil, i end
    local v = tonumber(h) * 3600 + (tonumber(m) or 0) * 60 + (tonumber(sec) or 0)
    return sign == "-" and -v or v, j
  end
  local function name(s, i)
    local n, j = s:match("^(<[^>]*>)()", i)
    if not n then n, j = s:match("^(%a%a%a+)()", i) end
    return n, j or i
  end
  local std, i = name(tz, 1)
  if not std then return nil end
  local std_off
  std_off, i = offset(tz, i)
  if not std_off then return nil end
  std_off = -std_off -- POSIX offsets count west of Greenwich
  local dst
  dst, i = name(tz, i)
  if not dst then return function() return std_off end end
  local dst_off = std_off + 3600
  local given
  given, i = offset(tz, i)
  if given then dst_off = -given end
  local rules = {}
  for m, w, d, rest in tz:sub(i):gmatch(",M(%d+)%.(%d)%.(%d)([^,]*)") do
    local at = rest:match("^/(.*)$")
    rules[#rules + 1] = { month = tonumber(m), week = tonumber(w), day = tonumber(d),
                          time = at and offset(at, 1) or 7200 }
  end
  if #rules ~= 2 then return function() return std_off end end
  local function transition(year, rule, before)
    local first = days_from_civil(year, rule.month, 1)
    local wday = (first + 4) % 7 -- 1970-01-01 was a Thursday
    local day = 1 + (rule.day - wday + 7) % 7 + (rule.week - 1) * 7
    local next_month = rule.month == 12 and days_from_civil(year + 1, 1, 1) or days_from_civil(year, rule.month + 1, 1)
    while first + day - 1 >= next_month do day = day - 7 end
    return (first + day - 1) * 86400 + rule.time - before
  end
  return function(t)
    local year = os.date("!*t", t + std_off).year
    local start, stop = transition(year, rules[1], std_off), transition(year, rules[2], dst_off)
    local in_dst
    if start < stop then in_dst = t >= start and t < stop else in_dst = not (t >= stop and t < start) end
    return in_dst and dst_off or std_off
  end
end

--- A compiled zone file as a function from a UTC instant to an offset, or nil.
local function tzif(data)
  if data:sub(1, 4) ~= "TZif" then return nil end
  local version = data:sub(5, 5)
  local pos, size = 1, 4
  local isut, isstd, leap, timecnt, typecnt, charcnt = string.unpack(">I4I4I4I4I4I4", data, pos + 20)
  if version >= "2" then
    -- Skip the 32-bit block: the 64-bit one after it covers every year.
    pos = pos + 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut
    isut, isstd, leap, timecnt, typecnt, charcnt = string.unpack(">I4I4I4I4I4I4", data, pos + 20)
    size = 8
  end
  pos = pos + 44
  local times, kinds, offsets = {}, {}, {}
  for n = 1, timecnt do times[n] = string.unpack(size == 8 and ">i8" or ">i4", data, pos + (n - 1) * size) end
  pos = pos + timecnt * size
  for n = 1, timecnt do kinds[n] = data:byte(pos + n - 1) + 1 end
  pos = pos + timecnt
  for n = 1, typecnt do offsets[n] = string.unpack(">i4", data, pos + (n - 1) * 6) end
  pos = pos + typecnt * 6 + charcnt + leap * (size + 4) + isstd + isut
  local footer = version >= "2" and data:match("^\n([^\n]*)\n", pos) or nil
  local rule = footer and footer ~= "" and posix_rule(footer) or nil
  return function(t)
    if timecnt == 0 or t < times[1] then
      if timecnt == 0 and rule then return rule(t) end
      return offsets[1] or 0
    end
    if t >= times[timecnt] and rule then return rule(t) end
    local lo, hi = 1, timecnt
    while lo < hi do
      local mid = (lo + hi + 1) // 2
      if times[mid] <= t then lo = mid else hi = mid - 1 end
    end
    return offsets[kinds[lo]] or 0
  end
end

local ZONE_FOLDERS = { "/usr/share/zoneinfo/", "/usr/lib/zoneinfo/", "/usr/share/lib/zoneinfo/",
                       "/var/db/timezone/zoneinfo/" }
local zones = {}

--- The offset function of an IANA zone name, or false when the system does not know it.
local function zone(name)
  if zones[name] ~= nil then return zones[name] end
  local found = false
  if io and name:match("^[%w_%+%-]+[%w_%+%-/]*$") and not name:find("%.%.") then
    for _, folder in ipairs(ZONE_FOLDERS) do
      local f = io.open(folder .. name, "rb")
      if f then
        local data = f:read("a")
        f:close()
        found = data and tzif(data) or false
        if found then break end
      end
    end
  end
  zones[name] = found
  return found
end

--- A Day One creationDate ("2014-10-23T15:36:33Z") shown in `zone_name`'s local time with its
--- offset then; UTC when the entry has no zone or the system does not know it.
local function local_date(text, zone_name)
  local y, mo, d, h, mi, s = (text or ""):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)T(%d%d):(%d%d):(%d%d)")
  if not y then error(("'creationDate' is not a date: %s"):format(tostring(text)), 0) end
  local t = days_from_civil(tonumber(y), tonumber(mo), tonumber(d)) * 86400
    + tonumber(h) * 3600 + tonumber(mi) * 60 + tonumber(s)
  local rest = text:match("^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%d%.?%d*(.*)$")
  local sign, oh, om = rest:match("^([+-])(%d%d):?(%d%d)$")
  if sign then
    t = t - (sign == "-" and -1 or 1) * (tonumber(oh) * 3600 + tonumber(om) * 60)
  elseif rest ~= "Z" and rest ~= "" then
    error(("'creationDate' is not a date: %s"):format(text), 0)
  end
  local offsets = type(zone_name) == "string" and zone(zone_name) or false
  local off = offsets and offsets(t) or 0
  local a = math.abs(off)
  return os.date("!%Y-%m-%dT%H:%M:%S", t + off)
    .. ("%s%02d:%02d"):format(off < 0 and "-" or "+", a // 3600, a % 3600 // 60)
end

--- Day One's Markdown with its backslash escapes (\. \( \- \!) undone and its inline photo
--- and video moments (![](dayone-moment://ID)) taken out; returns the text and the moment ids.
local function unescape(text)
  local moments = {}
  text = text:gsub("!%[[^%]]*%]%(dayone%-moment:/*([^%)]*)%)", function(id)
    moments[#moments + 1] = id:match("([^/]+)$") or id
    return ""
  end)
  text = text:gsub("\\([%p])", "%1")
  return pln.text.clean(text):gsub("[ \t]+\n", "\n"):gsub("\n\n\n+", "\n\n"):match("^%s*(.-)%s*$"), moments
end

--- A Day One uuid (32 hex digits) in pln's dashed lower-case form, nil when it is not one.
local function dashed_uuid(uuid)
  if type(uuid) ~= "string" then return nil end
  local hex = uuid:gsub("%-", ""):lower()
  if not hex:match("^" .. ("%x"):rep(32) .. "$") then return nil end
  return ("%s-%s-%s-%s-%s"):format(hex:sub(1, 8), hex:sub(9, 12), hex:sub(13, 16), hex:sub(17, 20), hex:sub(21))
end

local function import_entry(item, ctx)
  if type(item) ~= "table" then error("not an object", 0) end
  local date = local_date(item.creationDate, item.timeZone)
  local body, moments = unescape(type(item.text) == "string" and item.text or "")
  -- Media: the moments' files, photos/<md5>.<type>, as the export names them.
  local files, by_id = {}, {}
  for _, group in ipairs({ "photos", "videos", "audios", "pdfAttachments" }) do
    for _, m in ipairs(type(item[group]) == "table" and item[group] or {}) do
      if type(m) == "table" and type(m.identifier) == "string" and type(m.md5) == "string" then
        local folder = group == "pdfAttachments" and "pdfs" or group
        by_id[m.identifier] = ("%s/%s.%s"):format(folder, m.md5, type(m.type) == "string" and m.type or "bin")
      end
    end
  end
  for _, id in ipairs(moments) do if by_id[id] then files[#files + 1] = by_id[id] end end
  if body == "" then
    if #files == 0 then return pln.import.skip("empty entry") end
    body = table.concat(files, "\n")
  end
  local tags, seen = {}, {}
  for _, tag in ipairs(type(item.tags) == "table" and item.tags or {}) do
    if type(tag) == "string" then
      local name = pln.text.lower(tag:gsub("^%s*#*", ""):gsub("%s+$", ""):gsub("%s+", "-"))
      if name ~= "" and not seen[name] then seen[name], tags[#tags + 1] = true, name end
    end
  end
  local location = type(item.location) == "table" and item.location or {}
  local place = {}
  for _, key in ipairs({ "placeName", "localityName", "administrativeArea", "country" }) do
    if type(location[key]) == "string" and location[key] ~= "" then place[#place + 1] = location[key] end
  end
  local uuid = dashed_uuid(item.uuid)
  local id = type(item.uuid) == "string" and item.uuid or item.creationDate
  pln.import.add{
    body = body,
    date = date,
    kind = "note",
    parse = false,
    tags = tags,
    starred = item.starred == true,
    uuid = uuid,
    origin = "dayone:" .. id,
    fields = {
      platform = "dayone", id = id, file = ctx.file, journal = ctx.journal,
      timezone = type(item.timeZone) == "string" and item.timeZone or nil,
      place = #place > 0 and table.concat(place, ", ") or nil,
      latitude = type(location.latitude) == "number" and location.latitude or nil,
      longitude = type(location.longitude) == "number" and location.longitude or nil,
      media = #files > 0 and files or nil,
    },
  }
end

--- Whether head starts a Day One journal: {"metadata": {"version": …}, "entries": [ … ]}.
local function is_journal(head)
  return head:match('^\239?\187?\191?%s*{%s*"metadata"%s*:%s*{%s*"version"%s*:') ~= nil
end

local MEDIA = { photos = true, videos = true, audios = true, pdfs = true }

--- The journals in an archive: its .json members that start like one. With `strict` (for
--- detection) the archive must be laid out as Day One's export is, only .json files beside
--- photos/, videos/, audios/ and pdfs/, so other platforms' archives are not read at all.
local function journals(a, strict)
  local found = {}
  for _, m in ipairs(a:list()) do
    local top = m:match("^([^/]+)/")
    local name = m:match("([^/]+)$")
    if name:sub(1, 1) == "." then
      -- .DS_Store and the like
    elseif top then
      if strict and not MEDIA[top] then return {} end
      if not strict and m:match("%.json$") then found[#found + 1] = m end
    elseif m:match("%.json$") then
      found[#found + 1] = m
    elseif strict then
      return {}
    end
  end
  local journals = {}
  for _, m in ipairs(found) do
    if is_journal(a:read(m):sub(1, 4096)) then journals[#journals + 1] = m end
  end
  return journals
end

pln.importer{
  name = "dayone",
  help = "Day One journals exported as JSON (the export zip, its folder, or Journal.json)",
  detect = function(path, head)
    if is_journal(head) then return true end
    local start = head:sub(1, 2)
    if head ~= "" and start ~= "PK" and start ~= "\31\139" then return false end
    local ok, a = pcall(pln.archive.open, path)
    return ok and a.kind ~= "file" and #journals(a, true) > 0
  end,
  run = function(path)
    local files = {}
    local a = pln.archive.open(path)
    if a.kind == "file" then
      files[1] = { label = path, file = path:match("([^/]+)$") or path, text = pln.read(path) }
    else
      for _, m in ipairs(journals(a, false)) do
        files[#files + 1] = { label = path:gsub("/+$", "") .. "/" .. m, file = m, text = a:read(m) }
      end
      if #files == 0 then error(("%s: no Day One journal (.json) in it"):format(path), 0) end
    end
    local total = 0
    for _, f in ipairs(files) do
      local doc = pln.json.decode(f.text, f.label)
      if type(doc) ~= "table" or type(doc.entries) ~= "table" then
        error(("%s: not a Day One journal (no \"entries\" list)"):format(f.label), 0)
      end
      f.entries, f.text = doc.entries, nil
      total = total + #f.entries
    end
    pln.import.total(total)
    for _, f in ipairs(files) do
      local ctx = { file = f.file, journal = (f.file:match("([^/]+)%.json$")) }
      for i, item in ipairs(f.entries) do
        pln.import.record(("%s: entry %d"):format(f.label, i), function() import_entry(item, ctx) end)
      end
    end
  end,
}
