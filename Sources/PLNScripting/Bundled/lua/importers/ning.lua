-- Ning 2 network archive (the Ning Archive Tool): ning-blogs-local.json,
-- ning-discussions-local.json and ning-members-local.json (each also without "-local"), in a
-- folder or a zip, or one of those files on its own. The files are not quite JSON: wrapped in
-- ( … ) and with objects sometimes concatenated without commas; the repairs are those of
-- Discourse's ning.rb. Each blog post and discussion (drafts too) becomes an entry; commenters
-- become people, named from the members file.

local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end

local function tag_name(name)
  return pln.text.lower(trim(name:gsub("^[#@]", "")):gsub("%s+", "-"))
end

-- ning.rb's repair_json, plus an array around a bare run of objects.
local function repair(text)
  text = text:gsub("^\239\187\191", ""):gsub("^%s*%(", ""):gsub("%)%s*$", "")
  text = text:gsub("%]%]%s*$", "]")
  text = text:gsub("}%s*{", "},{"):gsub("}%]{", "},{"):gsub("}%[{", "},{")
  if text:match("^%s*{") then text = "[" .. text .. "]" end
  return text
end

local function read_records(archive, member)
  local value = pln.json.decode(repair(archive:read(member)), member)
  if type(value) ~= "table" then error(member .. ": not a list of records", 0) end
  return value
end

-- ISO 8601 with or without a fraction and zone; a time without a zone is UTC, as Ning wrote it.
local function date_of(value)
  if type(value) ~= "string" then error("no createdDate", 0) end
  local date, time, zone = value:match("^(%d%d%d%d%-%d%d%-%d%d)[T ](%d%d:%d%d:?%d?%d?)[%.,]?%d*(.*)$")
  if not date then error("createdDate is not an ISO 8601 date: " .. value, 0) end
  if #time == 5 then time = time .. ":00" end
  if zone == "" or zone == "Z" then zone = "+00:00" end
  if not zone:match("^[+-]%d%d:?%d%d$") then error("createdDate is not an ISO 8601 date: " .. value, 0) end
  return date .. "T" .. time .. zone
end

local function youtube_watch(src)
  local id = src:match("youtube%.com/embed/([%w_%-]+)") or src:match("youtube%.com/v/([%w_%-]+)")
    or src:match("youtube%-nocookie%.com/embed/([%w_%-]+)")
  return id and ("https://www.youtube.com/watch?v=" .. id) or nil
end

-- Links and embedded videos (a YouTube embed as its watch page), in order, once each.
local function links(targets)
  local urls, seen = {}, {}
  for _, url in ipairs(targets) do
    url = youtube_watch(url) or url
    if not seen[url] then seen[url] = true; urls[#urls + 1] = url end
  end
  return urls
end

local function is_owner(name, me)
  return me ~= nil and me ~= "" and pln.text.lower(name) == pln.text.lower((me:gsub("^@", "")))
end

local function import_post(post, kind, ctx)
  if type(post) ~= "table" then error("not an object", 0) end
  local title = type(post.title) == "string" and trim(pln.html.decode(post.title)) or ""
  local html = type(post.description) == "string" and post.description or ""
  local text, targets = pln.html.text(html)
  -- An embedded video reads as its watch page, the address the source has.
  text = text:gsub("https://www%.youtube%.com/embed/([%w_%-]+)[^%s]*", "https://www.youtube.com/watch?v=%1")
  local urls = links(targets)
  local body = title
  if text ~= "" then body = body ~= "" and (body .. "\n\n" .. text) or text end
  if body == "" and #urls == 0 then return pln.import.skip("no text") end
  if body == "" then body = table.concat(urls, "\n") end
  local date = date_of(post.createdDate)
  if type(post.id) ~= "string" and type(post.id) ~= "number" then error("no id", 0) end
  local tags, seen = pln.text.hashtags(body), {}
  for _, tag in ipairs(tags) do seen[tag] = true end
  if type(post.category) == "string" and trim(post.category) ~= "" then
    local category = tag_name(post.category)
    if not seen[category] then tags[#tags + 1] = category end
  end
  local people, listed = {}, {}
  for _, comment in ipairs(type(post.comments) == "table" and post.comments or {}) do
    local name = type(comment) == "table" and comment.contributorName
    if type(name) == "string" and name ~= "" and not is_owner(name, ctx.me) and not listed[name] then
      listed[name] = true
      people[#people + 1] = name
    end
  end
  local entry = pln.add{
    body = body, date = date, kind = "note", parse = false,
    tags = tags, people = people, urls = urls,
    origin = "ning:" .. tostring(post.id),
    fields = {
      platform = "ning", id = tostring(post.id), file = ctx.file, type = kind,
      author = type(post.contributorName) == "string" and post.contributorName or nil,
      category = type(post.category) == "string" and post.category ~= "" and post.category or nil,
      status = type(post.publishStatus) == "string" and post.publishStatus or nil,
    },
  }
  if not entry then return end  -- already imported, or before --since
  -- Name the commenters the members file knows, unless they have a name already.
  for _, name in ipairs(people) do
    local full = ctx.members[name]
    if full and not ctx.named[name] then
      ctx.named[name] = true
      local known = pln.person(name)
      if not known or not known.name or known.name == "" then pln.person{ handle = name, name = full } end
    end
  end
end

local KINDS = { { "blogs", "blog" }, { "discussions", "discussion" } }

local function find_member(archive, what)
  return archive:find("ning%-" .. what .. "%-local%.json$") or archive:find("ning%-" .. what .. "%.json$")
end

pln.importer{
  name = "ning",
  help = "Ning 2 network archive (ning-blogs-local.json, ning-discussions-local.json, …; a folder, a zip or one file)",
  detect = function(path, head)
    local start = head:gsub("^\239\187\191", ""):match("^%s*(.)")
    if start == "(" then return head:find('"contributorName"', 1, true) ~= nil end
    if head ~= "" and head:sub(1, 2) ~= "PK" then return false end
    local ok, archive = pcall(pln.archive.open, path)
    return ok and archive.kind ~= "file" and (find_member(archive, "blogs") or find_member(archive, "discussions")) ~= nil
  end,
  run = function(path, opts)
    opts = opts or {}
    local archive = pln.archive.open(path)
    local files = {}
    local members_archive, members_member = archive, nil
    if archive.kind == "file" then
      local member = archive:list()[1]
      local kind = member:match("discussions") and "discussion" or member:match("blogs") and "blog"
        or member:match("members") and "members" or "post"
      if kind == "members" then error(path .. ": a members file holds no posts; import the blogs or discussions file", 0) end
      files[1] = { member = member, kind = kind }
      -- The members file beside it names the commenters.
      local folder = path:match("^(.*)/[^/]*$") or "."
      local ok, siblings = pcall(pln.archive.open, folder)
      if ok then members_archive, members_member = siblings, find_member(siblings, "members") end
    else
      for _, k in ipairs(KINDS) do
        local member = find_member(archive, k[1])
        if member then files[#files + 1] = { member = member, kind = k[2] } end
      end
      if #files == 0 then error(path .. ": no ning-blogs or ning-discussions file in this " .. archive.kind, 0) end
      members_member = find_member(archive, "members")
    end
    local ctx = { me = opts.me, members = {}, named = {} }
    if members_member then
      for _, m in ipairs(read_records(members_archive, members_member)) do
        if type(m) == "table" and type(m.contributorName) == "string" and type(m.fullName) == "string"
            and trim(m.fullName) ~= "" then
          ctx.members[m.contributorName] = trim(m.fullName)
        end
      end
    end
    local batches, total = {}, 0
    for _, f in ipairs(files) do
      local records = read_records(archive, f.member)
      batches[#batches + 1] = { member = f.member, kind = f.kind, records = records }
      total = total + #records
    end
    pln.import.total(total)
    for _, batch in ipairs(batches) do
      ctx.file = batch.member:match("[^/]+$")
      for i, post in ipairs(batch.records) do
        pln.import.record(ctx.file .. " record " .. i, function() import_post(post, batch.kind, ctx) end)
      end
    end
  end,
}
