-- Facebook's "Download your information" in JSON: your_posts_1.json (older exports) or
-- your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json, or the whole
-- export folder or zip. One entry per post with text or a link, dated its timestamp (UTC).
-- Facebook writes every non-ASCII byte as its own \u00XX escape: the text is repaired.

local MEMBER = "posts/your_posts[^/]*%.json$"

--- A string from the export with its mojibake repaired and control characters dropped.
local function text_of(value)
  if type(value) ~= "string" then return "" end
  return pln.text.clean(pln.text.repair_utf8(value)):match("^%s*(.-)%s*$")
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
  if pln.import.before_since(ts) then return pln.import.skip("before --since") end
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
    if name ~= "" and pln.text.lower(name) ~= ctx.owner then people[#people + 1] = person_for(name, ctx.people) end
  end
  local id = ("%d-%s"):format(ts, pln.text.hash(body .. "\n" .. (url or "")):sub(1, 12))
  pln.import.add{
    body = body,
    date = os.date("!%Y-%m-%dT%H:%M:%SZ", ts),
    kind = url and "share" or "note",
    parse = false,
    tags = pln.text.hashtags(text),
    people = people,
    sources = sources,
    urls = pln.text.urls(text),
    origin = "facebook:" .. id,
    fields = { platform = "facebook", id = id, file = ctx.file,
               media = #media > 0 and media or nil, place = place ~= "" and place or nil },
  }
end

--- The posts of one file: a list, or an object holding one list.
local function posts_of(text, label)
  local doc = pln.json.decode(text, label)
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
    local ctx = { people = {}, owner = opts and opts.me and pln.text.lower((opts.me:gsub("^@", ""))) or nil }
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
