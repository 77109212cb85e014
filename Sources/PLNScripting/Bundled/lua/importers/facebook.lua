-- Facebook's "Download your information" in JSON: your_posts_1.json (older exports) or
-- your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json, or the whole
-- export folder or zip. One entry per post with text or a link, dated its timestamp (UTC).
-- Facebook writes every non-ASCII byte as its own \u00XX escape: the text is repaired.

local MEMBER = "posts/your_posts[^/]*%.json$"

--- The error text without the Lua position and the "pln.x: " prefix a pln function adds.
local function reason(err)
  return (tostring(err):gsub("^pln[/ ][^:\n]*:%d+: ", ""):gsub("^pln%.[%w%.]+: ", ""))
end

--- --since as Unix seconds, nil without it.
local function since_seconds(opts)
  return opts and opts.since and tonumber(pln.date.format(opts.since, "%s")) or nil
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

--- A JSON error as "FILE:LINE: message".
local function json_error(label, err)
  local line, message = reason(err):match("^line (%d+): (.*)$")
  if line then return ("%s:%s: %s"):format(label, line, message) end
  return ("%s: %s"):format(label, reason(err))
end

--- FNV-1a, 64 bits, as 16 hex digits: posts have no id, so their content names them.
local function hash(s)
  local h = -3750763034362895579
  for i = 1, #s do h = (h ~ s:byte(i)) * 1099511628211 end
  return ("%016x"):format(h)
end

--- A string from the export with its mojibake repaired and control characters dropped.
local function text_of(value)
  if type(value) ~= "string" then return "" end
  return pln.text.clean(pln.text.repair_utf8(value)):match("^%s*(.-)%s*$")
end

-- Text helpers: #tags written in text, found as pln's own capture finds them.

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

--- The #tags in text, lower case, without '#': not after a word, '&' or '/', not all digits.
local function hashtags(text)
  local cps = {}
  for _, cp in utf8.codes(text) do cps[#cps + 1] = cp end
  local names, seen, i = {}, {}, 1
  while i < #cps do
    local before = cps[i - 1]
    if cps[i] == 35 and is_word(cps[i + 1])
      and not (before and (is_word(before) or before == 38 or before == 47)) then
      local j = i + 1
      while cps[j] and (is_word(cps[j]) or cps[j] == 45) do j = j + 1 end
      local last = j - 1
      while cps[last] == 45 do last = last - 1 end
      local name = lower(utf8.char(table.unpack(cps, i + 1, last)))
      if name:match("%D") and not seen[name] then
        seen[name] = true
        names[#names + 1] = name
      end
      i = j
    else
      i = i + 1
    end
  end
  return names
end

--- The web addresses written in text, without trailing punctuation or an unmatched ')'.
local function links(text)
  local urls, seen = {}, {}
  for url in text:gmatch("https?://[^%s<>\"]+") do
    while true do
      local trimmed = url:gsub("[%.,;:!%?'\"]+$", "")
      if trimmed:sub(-1) == ")" then
        local _, opens = trimmed:gsub("%(", "")
        local _, closes = trimmed:gsub("%)", "")
        if closes > opens then trimmed = trimmed:sub(1, -2) end
      end
      if trimmed == url then break end
      url = trimmed
    end
    if not seen[url] then
      seen[url] = true
      urls[#urls + 1] = url
    end
  end
  return urls
end

--- Tagged people are names only: the person with that name, else a new one whose handle
--- is made from the name ("Ana López" → ana-lópez), made unique.
local function person_for(name, cache)
  local key = name:lower()
  if cache[key] then return cache[key] end
  local known = pln.sql("SELECT handle FROM person WHERE name = ? OR lower(name) = lower(?) LIMIT 1", name, name)
  if known[1] then
    cache[key] = known[1].handle
    return cache[key]
  end
  local base = name:gsub("[^%w\128-\255]+", "-"):gsub("^%-+", ""):gsub("%-+$", ""):lower()
  if base == "" then base = "facebook-friend" end
  local handle, n = base, 1
  while true do
    local existing = pln.person(handle)
    if not existing then break end
    if existing.name and existing.name:lower() == key then break end
    n = n + 1
    handle = ("%s-%d"):format(base, n)
  end
  pln.person{ handle = handle, name = name }
  cache[key] = handle
  return handle
end

local function import_post(post, ctx)
  if type(post) ~= "table" then error("not an object", 0) end
  local ts = post.timestamp
  if math.type(ts) ~= "integer" then error(("'timestamp' is not Unix seconds: %s"):format(tostring(ts)), 0) end
  if ctx.since and ts < ctx.since then return pln.import.skip("before --since") end
  local text = ""
  for _, item in ipairs(type(post.data) == "table" and post.data or {}) do
    if type(item) == "table" and type(item.post) == "string" and text == "" then text = text_of(item.post) end
  end
  local url, url_name, media, descriptions, notes, place = nil, nil, {}, {}, {}, nil
  for _, attachment in ipairs(type(post.attachments) == "table" and post.attachments or {}) do
    for _, item in ipairs(type(attachment) == "table" and type(attachment.data) == "table" and attachment.data or {}) do
      if type(item) ~= "table" then
      elseif type(item.external_context) == "table" then
        local link = text_of(item.external_context.url)
        if link:match("^https?://") then
          url = url or link
          url_name = url_name or (text_of(item.external_context.name) ~= "" and text_of(item.external_context.name) or nil)
        end
      elseif type(item.media) == "table" then
        if type(item.media.uri) == "string" then media[#media + 1] = item.media.uri end
        local description = text_of(item.media.description)
        if description ~= "" then descriptions[#descriptions + 1] = description end
      elseif type(item.text) == "string" and text_of(item.text) ~= "" then
        notes[#notes + 1] = text_of(item.text)
      elseif type(item.place) == "table" then
        place = text_of(item.place.name)
      end
    end
  end
  -- A photo's description often repeats the post; without a post it is the text.
  if text == "" and #descriptions > 0 then
    local same = true
    for _, d in ipairs(descriptions) do same = same and d == descriptions[1] end
    text = same and descriptions[1] or table.concat(descriptions, "\n\n")
  end
  if text == "" and #notes > 0 then text = table.concat(notes, "\n\n") end
  if text == "" and not url then return pln.import.skip("no text or link") end
  local body = text ~= "" and text or (url_name and (url_name .. "\n" .. url) or url)
  local sources = {}
  if url then
    sources[1] = pln.source{ url = url, type = "webpage", title = url_name }.key
  end
  local people = {}
  for _, tag in ipairs(type(post.tags) == "table" and post.tags or {}) do
    local name = text_of(type(tag) == "table" and tag.name or tag)
    if name ~= "" and name:lower() ~= ctx.owner then people[#people + 1] = person_for(name, ctx.people) end
  end
  local id = ("%d-%s"):format(ts, hash(body .. "\n" .. (url or "")):sub(1, 12))
  add{
    body = body,
    date = os.date("!%Y-%m-%dT%H:%M:%SZ", ts),
    kind = url and "share" or "note",
    parse = false,
    tags = hashtags(text),
    people = people,
    sources = sources,
    urls = links(text),
    origin = "facebook:" .. id,
    fields = { platform = "facebook", id = id, file = ctx.file,
               media = #media > 0 and media or nil, place = place ~= "" and place or nil },
  }
end

--- The posts of one file: a list, or an object holding one list.
local function posts_of(text, label)
  local ok, doc = pcall(pln.json.decode, text)
  if not ok then error(json_error(label, doc), 0) end
  if type(doc) == "table" and doc[1] == nil and next(doc) ~= nil then
    local key, list = next(doc)
    if next(doc, key) == nil and type(list) == "table" then doc = list end
  end
  if type(doc) ~= "table" or (next(doc) ~= nil and doc[1] == nil) then
    error(("%s: not a Facebook posts file (expected a list of posts)"):format(label), 0)
  end
  return doc
end

--- Whether head starts a posts file: a list (or {"key": [ list ]}) of objects with a Unix
--- "timestamp" and "data" or "attachments", as Facebook writes them.
local function is_posts(head)
  local start = head:match('^\239?\187?\191?%s*%[%s*{(.*)') or head:match('^\239?\187?\191?%s*{%s*"[%w_]+"%s*:%s*%[%s*{(.*)')
  if not start then return false end
  return start:find('"timestamp"%s*:%s*%d') ~= nil
    and (start:find('"data"%s*:%s*%[') ~= nil or start:find('"attachments"%s*:%s*%[') ~= nil)
    and start:find('"media"%s*:%s*%[%s*{') ~= 1 and not start:find('"uuid"%s*:')
end

pln.importer{
  name = "facebook",
  help = "Facebook posts (your_posts_1.json from Download your information, JSON), or the export folder or zip",
  detect = function(path, head)
    if is_posts(head) then return true end
    local start = head:sub(1, 2)
    if head ~= "" and start ~= "PK" and start ~= "\31\139" then return false end
    local ok, a = pcall(pln.archive.open, path)
    return ok and a.kind ~= "file" and a:find(MEMBER) ~= nil
  end,
  run = function(path, opts)
    local ctx = { people = {}, owner = opts and opts.me and opts.me:gsub("^@", ""):lower() or nil,
                  since = since_seconds(opts) }
    local files = {}
    local a = pln.archive.open(path)
    if a.kind == "file" then
      files[1] = { label = path, file = path:match("([^/]+)$") or path, read = function() return pln.read(path) end }
    else
      for _, m in ipairs(a:list()) do
        if m:match(MEMBER) then
          files[#files + 1] = { label = path:gsub("/+$", "") .. "/" .. m, file = m, read = function() return a:read(m) end }
        end
      end
      if #files == 0 then error(("%s: no posts/your_posts_1.json in it"):format(path), 0) end
    end
    local total = 0
    for _, f in ipairs(files) do
      f.posts = posts_of(f.read(), f.label)
      total = total + #f.posts
    end
    pln.import.total(total)
    for _, f in ipairs(files) do
      ctx.file = f.file
      for i, post in ipairs(f.posts) do
        pln.import.record(("%s: post %d"):format(f.label, i), function() import_post(post, ctx) end)
      end
    end
  end,
}
