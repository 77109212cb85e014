-- Mastodon account archive (Preferences > Import and export > Request your archive):
-- archive-<date>-<hex>.tar.gz (newer servers .zip), the unpacked folder, or a bare outbox.json.
-- outbox.json is compact JSON-LD: Create activities hold a Note (or a Question, a poll) whose
-- content is HTML; Announce activities (boosts) hold only the boosted status's URI.
-- actor.json names the owner, who is never made a person.

local PUBLIC = {
  ["https://www.w3.org/ns/activitystreams#Public"] = true, ["as:Public"] = true, ["Public"] = true,
}

-- The keys of an activity this importer reads (at any depth; contentMap whole, its keys are
-- language codes): the others (replies collections, attachments, JSON-LD extras) are never
-- made into Lua values.
local KEEP = { "type", "id", "object", "published", "to", "cc", "content", "tag", "name", "href",
               "oneOf", "anyOf", "summary", "inReplyTo", "url", "attributedTo", contentMap = true }

-- Read-only: what a missing list reads as (one table, not a new one per status).
local EMPTY = {}

local function tag_name(name)
  if name:find("^[#@]") or name:find("%s") then
    name = name:gsub("^[#@]", ""):gsub("^%s+", ""):gsub("%s+$", ""):gsub("%s+", "-")
  end
  return pln.text.lower(name)
end

local function list(value)
  if value == nil then return EMPTY end
  if type(value) == "table" then return value end
  return { value }
end

local function host_of(url)
  return type(url) == "string" and url:match("^https?://([^/:?#]+)") or nil
end

local function visibility(object)
  local to, cc = list(object.to), list(object.cc)
  for _, v in ipairs(to) do if PUBLIC[v] then return "public" end end
  for _, v in ipairs(cc) do if PUBLIC[v] then return "unlisted" end end
  for _, v in ipairs(to) do
    if type(v) == "string" and v:match("/followers$") then return "private" end
  end
  return "direct"
end

local function iso_date(value, what)
  if type(value) ~= "string" or not value:match("^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%d") then
    error(what .. " is not an ISO 8601 date: " .. tostring(value), 0)
  end
  return value
end

-- The owner: from actor.json (preferredUsername and the host of its id), else --me.
local function owner_matcher(actor, me)
  local user, host
  if type(actor) == "table" and type(actor.preferredUsername) == "string" then
    user, host = pln.text.lower(actor.preferredUsername), host_of(actor.id) or host_of(actor.url)
  end
  local me_user, me_host
  if me and me ~= "" then
    me_user, me_host = pln.text.lower(me):gsub("^@", ""):match("^([^@]+)@?(.*)$")
    if me_host == "" then me_host = nil end
  end
  return function(handle)  -- "user@host"
    local u, h = handle:match("^([^@]+)@(.+)$")
    u, h = pln.text.lower(u or handle), h and pln.text.lower(h)
    if user and u == user and (not host or not h or h == host) then return true end
    if me_user and u == me_user and (not me_host or not h or h == me_host) then return true end
    return false
  end
end

local function content_of(object)
  if type(object.content) == "string" and object.content ~= "" then return object.content, nil end
  if type(object.contentMap) == "table" then
    local languages = {}
    for language in pairs(object.contentMap) do languages[#languages + 1] = language end
    table.sort(languages)
    if languages[1] then return object.contentMap[languages[1]], languages[1] end
  end
  return "", nil
end

local function import_create(activity, ctx)
  local object = activity.object
  if type(object) ~= "table" then return pln.import.skip("no text") end
  local date = iso_date(object.published or activity.published, "published")
  local html, language = content_of(object)
  if not language and type(object.contentMap) == "table" then
    language = next(object.contentMap)
  end
  local tags, people, skip = {}, {}, {}
  for _, tag in ipairs(list(object.tag)) do
    if type(tag) == "table" and type(tag.name) == "string" then
      if tag.type == "Hashtag" then
        local name = tag_name(tag.name)
        if name ~= "" then tags[#tags + 1] = name end
        if tag.href then skip[tag.href] = true end
      elseif tag.type == "Mention" then
        local handle = tag.name:gsub("^@", "")
        if not handle:find("@", 1, true) then
          -- A local mention's name lacks the domain: it is the host of its href.
          local host = host_of(tag.href)
          if host then handle = handle .. "@" .. host end
        end
        handle = pln.text.lower(handle)
        if not ctx.is_owner(handle) then people[#people + 1] = handle end
        if tag.href then skip[tag.href] = true end
      end
    end
  end
  local text, targets = pln.html.text(html)
  local options = {}
  for _, option in ipairs(list(object.oneOf or object.anyOf)) do
    if type(option) == "table" and type(option.name) == "string" then options[#options + 1] = "- " .. option.name end
  end
  if #options > 0 then text = (text ~= "" and text .. "\n\n" or "") .. table.concat(options, "\n") end
  if type(object.summary) == "string" and object.summary ~= "" then
    text = "CW: " .. pln.html.decode(object.summary) .. (text ~= "" and "\n\n" .. text or "")
  end
  local urls = {}
  for _, url in ipairs(targets) do
    if not skip[url] then urls[#urls + 1] = url end
  end
  if text == "" and #urls == 0 then return pln.import.skip("no text") end
  if text == "" then text = table.concat(urls, "\n") end
  local id = object.id or activity.id
  if type(id) ~= "string" then error("the status has no id", 0) end
  local reply = type(object.inReplyTo) == "string" and object.inReplyTo or nil
  pln.add{
    body = text, date = date, kind = "note", parse = false,
    tags = tags, people = people, urls = urls,
    origin = "mastodon:" .. id,
    follows = reply and ctx.is_own(reply, object) and ("mastodon:" .. reply) or nil,
    fields = {
      platform = "mastodon", id = id, url = type(object.url) == "string" and object.url or nil,
      file = ctx.file, visibility = visibility(object), language = language, in_reply_to = reply,
    },
  }
end

local function import_announce(activity, ctx)
  local target = activity.object
  if type(target) == "table" then target = target.id end
  if type(target) ~= "string" or not target:match("^https?://") then return pln.import.skip("no link") end
  local date = iso_date(activity.published, "published")
  if type(activity.id) ~= "string" then error("the boost has no id", 0) end
  pln.add{
    body = "Boosted " .. target, date = date, kind = "share", parse = false,
    urls = { target },
    origin = "mastodon:" .. activity.id,
    fields = { platform = "mastodon", id = activity.id, file = ctx.file, visibility = visibility(activity) },
  }
end

local function read_json(archive, member)
  local value = pln.json.decode(archive:read(member), member)
  return value
end

local function find_outbox(archive)
  if archive.kind == "file" then return archive:list()[1] end
  return archive:find("^outbox%.json$") or archive:find("/outbox%.json$")
end

pln.importer{
  name = "mastodon",
  help = "Mastodon account archive (archive-*.tar.gz or .zip, its folder, or outbox.json)",
  detect = function(path, head)
    if head:find('"orderedItems"', 1, true) and head:find('"OrderedCollection"', 1, true) then
      return head:find('"outbox.json"', 1, true) ~= nil or head:find('"Create"', 1, true) ~= nil
    end
    -- A folder (no head) or an archive (the head is binary: gzip, zip or tar).
    local archive_like = head == "" or head:sub(1, 1) == "\31" or head:sub(1, 2) == "PK" or head:find("ustar", 1, true)
    if not archive_like then return false end
    local ok, archive = pcall(pln.archive.open, path)
    if not ok or archive.kind == "file" then return false end
    return find_outbox(archive) ~= nil and
      (archive:find("^actor%.json$") or archive:find("/actor%.json$")) ~= nil
  end,
  run = function(path, opts)
    opts = opts or {}
    local archive = pln.archive.open(path)
    local member = find_outbox(archive)
    if not member then error(path .. ": no outbox.json in this " .. archive.kind, 0) end
    local actor
    if archive.kind ~= "file" then
      local actor_member = archive:find("^actor%.json$") or archive:find("/actor%.json$")
      if actor_member then actor = read_json(archive, actor_member) end
    end
    -- The outbox is read one activity at a time, straight from the file's bytes: a long-time
    -- user's runs to hundreds of MB, which as one Lua tree (or even one Lua string beside the
    -- bytes) would cost several times its size.
    local owner = type(actor) == "table" and type(actor.id) == "string" and actor.id or nil
    local ctx = {
      file = member, is_owner = owner_matcher(actor, opts.me),
      -- A reply to one of the owner's own posts (their statuses live under their actor URI).
      is_own = function(uri, object)
        local author = owner or (type(object.attributedTo) == "string" and object.attributedTo)
        return author and uri:sub(1, #author + 1) == author .. "/" or false
      end,
    }
    local items, count = archive:items(member, "orderedItems", KEEP)
    if not items then error(member .. ": not a Mastodon outbox (no orderedItems)", 0) end
    if count then pln.import.total(count) end
    -- A syntax error names the file and line (other errors pass through as they are).
    local prefix = member .. ": line "
    local function step()
      local ok, i, activity = pcall(items)
      if ok then return i, activity end
      local text = tostring(i)
      local at = text:find(prefix, 1, true)
      local line, message
      if at then line, message = text:sub(at + #prefix):match("^(%d+): (.*)$") end
      if line then error(member .. ":" .. line .. ": " .. message, 0) end
      error(i, 0)
    end
    for i, activity in step do
      pln.import.record(member .. " record " .. i, function()
        if type(activity) ~= "table" then error("not an activity", 0) end
        if activity.type == "Create" then
          import_create(activity, ctx)
        elseif activity.type == "Announce" then
          import_announce(activity, ctx)
        else
          pln.import.skip("not a post")
        end
      end)
    end
  end,
}
