-- Instagram's "Download your information" in JSON: your_instagram_activity/content/posts_1.json
-- (older exports content/posts_1.json, some media/posts_1.json), or the whole export folder or
-- zip. One entry per post, dated its creation_timestamp (UTC); #tags and @mentions come from
-- the caption. Instagram writes every non-ASCII byte as its own \u00XX escape: repaired.

local MEMBERS = { "content/posts_%d+%.json$", "media/posts_%d+%.json$" }

--- The error text without the Lua position and the "pln.x: " prefix a pln function adds.
local function reason(err)
  return (tostring(err):gsub("^pln[/ ][^:\n]*:%d+: ", ""):gsub("^pln%.[%w%.]+: ", ""))
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

--- FNV-1a, 64 bits, as 16 hex digits: posts have no id, so their media name them.
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

local function import_post(post, ctx)
  if type(post) ~= "table" then error("not an object", 0) end
  local media = type(post.media) == "table" and post.media or {}
  local first = type(media[1]) == "table" and media[1] or {}
  -- A carousel has the caption at the top; a single photo has it as the media's title.
  local caption = text_of(post.title)
  if caption == "" then caption = text_of(first.title) end
  local uris = {}
  for _, m in ipairs(media) do
    if type(m) == "table" and type(m.uri) == "string" and m.uri ~= "" then uris[#uris + 1] = m.uri end
  end
  if caption == "" and #uris == 0 then return pln.import.skip("no caption or media") end
  local ts = post.creation_timestamp or first.creation_timestamp
  if math.type(ts) ~= "integer" then
    error(("'creation_timestamp' is not Unix seconds: %s"):format(tostring(ts)), 0)
  end
  local body = caption ~= "" and caption or table.concat(uris, "\n")
  local people = {}
  for _, handle in ipairs(words_after(caption, AT, HANDLE_INNER, NOT_BEFORE_HANDLE)) do
    if handle:lower() ~= ctx.owner then people[#people + 1] = handle end
  end
  local tags = {}
  for _, tag in ipairs(words_after(caption, HASH, TAG_INNER, NOT_BEFORE_TAG)) do tags[#tags + 1] = lower(tag) end
  local id = ("%d-%s"):format(ts, hash(uris[1] or caption):sub(1, 12))
  add{
    body = body,
    date = os.date("!%Y-%m-%dT%H:%M:%SZ", ts),
    kind = "note",
    parse = false,
    tags = tags,
    people = people,
    urls = links(caption),
    origin = "instagram:" .. id,
    fields = { platform = "instagram", id = id, file = ctx.file, media = #uris > 0 and uris or nil },
  }
end

--- The posts of one file: a list, or one post as an object.
local function posts_of(text, label)
  local ok, doc = pcall(pln.json.decode, text)
  if not ok then error(json_error(label, doc), 0) end
  if type(doc) == "table" and doc.media ~= nil then doc = { doc } end
  if type(doc) ~= "table" or (next(doc) ~= nil and doc[1] == nil) then
    error(("%s: not an Instagram posts file (expected a list of posts)"):format(label), 0)
  end
  return doc
end

--- Whether head starts a posts file: a list of (or one) {"media": [{"uri": …, …}], …}.
local function is_posts(head)
  return head:match('^\239?\187?\191?%s*[%[{]') ~= nil and head:find('"media"%s*:%s*%[%s*{') ~= nil
    and head:find('"uri"%s*:') ~= nil and head:find('"creation_timestamp"%s*:') ~= nil
    and not head:find('"timestamp"%s*:') and not head:find('"uuid"%s*:')
end

local function members(a)
  local found = {}
  for _, m in ipairs(a:list()) do
    for _, pattern in ipairs(MEMBERS) do
      if m:match(pattern) then found[#found + 1] = m break end
    end
  end
  return found
end

pln.importer{
  name = "instagram",
  help = "Instagram posts (posts_1.json from Download your information, JSON), or the export folder or zip",
  detect = function(path, head)
    if is_posts(head) then return true end
    local start = head:sub(1, 2)
    if head ~= "" and start ~= "PK" and start ~= "\31\139" then return false end
    local ok, a = pcall(pln.archive.open, path)
    if not ok or a.kind == "file" then return false end
    for _, m in ipairs(members(a)) do
      if is_posts(a:read(m):sub(1, 4096)) then return true end
    end
    return false
  end,
  run = function(path, opts)
    local ctx = { owner = opts and opts.me and opts.me:gsub("^@", ""):lower() or nil }
    local files = {}
    local a = pln.archive.open(path)
    if a.kind == "file" then
      files[1] = { label = path, file = path:match("([^/]+)$") or path, text = pln.read(path) }
    else
      for _, m in ipairs(members(a)) do
        files[#files + 1] = { label = path:gsub("/+$", "") .. "/" .. m, file = m, text = a:read(m) }
      end
      if #files == 0 then error(("%s: no content/posts_1.json in it"):format(path), 0) end
    end
    local total = 0
    for _, f in ipairs(files) do
      f.posts = posts_of(f.text, f.label)
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
