-- Instagram's "Download your information" in JSON: your_instagram_activity/content/posts_1.json
-- (older exports content/posts_1.json, some media/posts_1.json), or the whole export folder or
-- zip. One entry per post, dated its creation_timestamp (UTC); #tags and @mentions come from
-- the caption. Instagram writes every non-ASCII byte as its own \u00XX escape: repaired.

local MEMBERS = { "content/posts_%d+%.json$", "media/posts_%d+%.json$" }

--- A string from the export with its mojibake repaired and control characters dropped.
local function text_of(value)
  if type(value) ~= "string" then return "" end
  return pln.text.clean(pln.text.repair_utf8(value)):match("^%s*(.-)%s*$")
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
  for _, handle in ipairs(pln.text.mentions(caption)) do
    if pln.text.lower(handle) ~= ctx.owner then people[#people + 1] = handle end
  end
  local id = ("%d-%s"):format(ts, pln.text.hash(uris[1] or caption):sub(1, 12))
  pln.import.add{
    body = body,
    date = os.date("!%Y-%m-%dT%H:%M:%SZ", ts),
    kind = "note",
    parse = false,
    tags = pln.text.hashtags(caption),
    people = people,
    urls = pln.text.urls(caption),
    origin = "instagram:" .. id,
    fields = { platform = "instagram", id = id, file = ctx.file, media = #uris > 0 and uris or nil },
  }
end

--- The posts of one file: a list, or one post as an object.
local function posts_of(text, label)
  local doc = pln.json.decode(text, label)
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
    local ctx = { owner = opts and opts.me and pln.text.lower((opts.me:gsub("^@", ""))) or nil }
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
