-- Twitter / X archive: the zip "Download an archive of your data" sends (twitter-<date>-<hash>.zip),
-- the folder it unpacks to, or a bare tweets.js / tweet.js / tweets-part1.js.
--
-- One entry per tweet: kind "share" for retweets ("RT @user: ..."), else "note"; tags from the
-- hashtags, people from the mentions (never the account owner), a web source for every link the
-- export expands from t.co, and a follow-up link from a reply to the owner's own tweet it answers.
-- Formats and quirks: /work/shared/IMPORT-FORMATS.md, "Twitter / X archive".

-- The keys of a tweet this importer reads (at any depth): the others (edit history, counts,
-- indices) are never made into Lua values.
local KEEP = { "tweet", "id_str", "id", "created_at", "full_text", "text", "entities", "urls", "url",
               "expanded_url", "media", "media_url_https", "media_url", "hashtags", "user_mentions",
               "screen_name", "name", "in_reply_to_status_id_str", "in_reply_to_screen_name" }

local MONTHS = { Jan = "01", Feb = "02", Mar = "03", Apr = "04", May = "05", Jun = "06",
                 Jul = "07", Aug = "08", Sep = "09", Oct = "10", Nov = "11", Dec = "12" }

-- Read-only: what a missing entity list reads as (one table, not a new one per tweet).
local EMPTY = {}

-- The file name of a member path.
local function base(member)
  return member:match("([^/]+)$") or member
end

-- Whether a member holds tweets: tweets.js, tweet.js (before late 2022), tweets-part1.js ...
local function is_tweets_file(member)
  local name = base(member)
  return name:match("^tweets?%.js$") ~= nil or name:match("^tweets?%-part%d+%.js$") ~= nil
end

-- The tweet files of an archive, tweets.js before tweets-part1.js before tweets-part2.js.
local function tweet_files(archive)
  local files = {}
  for _, member in ipairs(archive:list()) do
    if is_tweets_file(member) then files[#files + 1] = member end
  end
  local function part(member) return tonumber(base(member):match("part(%d+)")) or 0 end
  table.sort(files, function(a, b)
    if part(a) ~= part(b) then return part(a) < part(b) end
    return a < b
  end)
  return files
end

-- Where the JSON inside "window.YTD.tweets.part0 = [ ... ];" starts: the first "[" (JSON line
-- numbers are then the file's; the ";" after the array is never read).
local function array_start(text, member)
  local start = text:find("[", 1, true)
  if not start then error(member .. ": not a Twitter archive file (no JSON array)", 0) end
  return start
end

local function json_error(member, message)
  local text = tostring(message):gsub("^.-pln%.json%.%a+: ", "")
  if text:sub(1, #member + 2) ~= member .. ": " then text = member .. ": " .. text end
  error(text, 0)
end

-- The whole array (account.js is small).
local function decode(text, member)
  local ok, value = pcall(pln.json.decode, (text:sub(array_start(text, member)):gsub("[%s;]+$", "")))
  if not ok then json_error(member, value) end
  if type(value) ~= "table" then error(member .. ": expected a JSON array", 0) end
  return value
end

-- "Tue Mar 19 14:05:17 +0000 2019" -> "2019-03-19T14:05:17+00:00".
-- "Wed Oct 10 20:19:24 +0000 2018" (the time fields are always two digits, the year four).
local function iso_date(created)
  if type(created) ~= "string" then return nil end
  local mon, day, time, sign, oh, om, year =
    created:match("^%a+ (%a+) (%d%d?) (%d%d:%d%d:%d%d) ([+-])(%d%d)(%d%d) (%d%d%d%d)$")
  local month = MONTHS[mon or ""]
  if not month then return nil end
  if #day == 1 then day = "0" .. day end
  return year .. "-" .. month .. "-" .. day .. "T" .. time .. sign .. oh .. ":" .. om
end

-- Without white space at either end ("%s+$" tries a match at every position of the text).
local function trim(text)
  local first = text:find("%S")
  if not first then return "" end
  local last = #text
  while text:find("^%s", last) do last = last - 1 end
  if first == 1 and last == #text then return text end
  return text:sub(first, last)
end

-- Replaces every occurrence of `old` by `new`, as plain strings.
local function replace_plain(text, old, new)
  if old == "" then return text end
  local parts, from = {}, 1
  while true do
    local i, j = text:find(old, from, true)
    if not i then break end
    parts[#parts + 1] = text:sub(from, i - 1)
    parts[#parts + 1] = new
    from = j + 1
  end
  if from == 1 then return text end
  parts[#parts + 1] = text:sub(from)
  return table.concat(parts)
end

local function tag_name(text)
  if text:find("^[#@]") or text:find("%s") then text = text:gsub("^[#@]", ""):gsub("%s+", "-") end
  return pln.text.lower(text)
end

-- The account owner's handle from data/account.js, or nil.
local function owner_of(archive)
  local member
  for _, m in ipairs(archive:list()) do
    if base(m) == "account.js" then member = m break end
  end
  if not member then return nil end
  local ok, accounts = pcall(decode, archive:read(member), member)
  if not ok or type(accounts) ~= "table" then return nil end
  local first = accounts[1]
  local account = type(first) == "table" and (first.account or first) or nil
  return type(account) == "table" and type(account.username) == "string" and account.username or nil
end

pln.importer{
  name = "twitter",
  help = "Twitter/X archive: the .zip from Settings > Your account > Download an archive of your data, its folder, or tweets.js",
  detect = function(path, head)
    if head:match("^%s*window%.YTD%.tweets?%.part%d+%s*=") then return true end
    local ok, archive = pcall(pln.archive.open, path)
    if not ok or archive.kind == "file" then return false end
    for _, member in ipairs(archive:list()) do
      if is_tweets_file(member) then return true end
    end
    return false
  end,
  run = function(path, opts)
    local archive = pln.archive.open(path)
    local files = tweet_files(archive)
    if #files == 0 then
      error(path .. ": no tweets.js, tweet.js or tweets-part*.js in the " .. archive.kind, 0)
    end
    local owner = opts.me or owner_of(archive)
    local me = owner and owner:lower()
    local named = {}      -- people this run has already looked at (lower-case handle)
    local added = {}      -- tweet id -> entry id, for replies to tweets of this run
    local pending = {}    -- replies whose tweet came later in the files

    local function person(mention)
      local handle = mention.screen_name
      if type(handle) ~= "string" or handle == "" then return nil end
      local key = handle:lower()
      if key == me then return nil end
      if not named[key] then
        named[key] = true
        local known = pln.person(handle)
        if not known then
          pln.person{ handle = handle, name = mention.name ~= "" and mention.name or nil,
                      handles = { twitter = handle } }
        elseif not known.name and type(mention.name) == "string" and mention.name ~= "" then
          pln.person{ handle = handle, name = mention.name }
        end
      end
      return handle
    end

    local function import(tweet, member)
      local id = tweet.id_str or (tweet.id ~= nil and tostring(tweet.id)) or nil
      if type(id) ~= "string" or id == "" then error("no id_str", 0) end
      local date = iso_date(tweet.created_at)
      if not date then error(("created_at %q is not a Twitter date"):format(tostring(tweet.created_at)), 0) end
      local text = tweet.full_text or tweet.text or ""
      if type(text) ~= "string" then error("full_text is not a string", 0) end
      text = pln.html.decode(text)
      local entities = type(tweet.entities) == "table" and tweet.entities or EMPTY

      local urls = {}
      for _, link in ipairs(entities.urls or EMPTY) do
        local expanded = link.expanded_url
        if type(link.url) == "string" and type(expanded) == "string" and expanded ~= "" then
          text = replace_plain(text, link.url, expanded)
          if expanded:match("^[Hh][Tt][Tt][Pp][Ss]?://") then urls[#urls + 1] = expanded end
        end
      end
      -- A photo or video is an attachment, not a source: its t.co link leaves the text.
      local media = {}
      for _, item in ipairs(entities.media or EMPTY) do
        if type(item.url) == "string" then text = replace_plain(text, item.url, "") end
        if type(item.media_url_https or item.media_url) == "string" then
          media[#media + 1] = item.media_url_https or item.media_url
        end
      end
      text = trim(pln.text.clean(text))
      if text == "" and #urls == 0 then return pln.import.skip("no text") end

      local tags = {}
      for _, hashtag in ipairs(entities.hashtags or EMPTY) do
        if type(hashtag.text) == "string" and hashtag.text ~= "" then tags[#tags + 1] = tag_name(hashtag.text) end
      end
      local people = {}
      for _, mention in ipairs(entities.user_mentions or EMPTY) do
        people[#people + 1] = person(mention)
      end

      local fields = { platform = "twitter", id = id, file = member }
      if owner then fields.url = "https://twitter.com/" .. owner .. "/status/" .. id end
      if #media > 0 then fields.media = media end
      local parent = tweet.in_reply_to_status_id_str
      local follows
      if type(parent) == "string" and parent ~= "" then
        fields.in_reply_to = parent
        if me and type(tweet.in_reply_to_screen_name) == "string" and tweet.in_reply_to_screen_name:lower() == me then
          follows = added[parent] or "twitter:" .. parent
        end
      end

      local entry = pln.add{
        body = text ~= "" and text or urls[1],
        date = date,
        kind = text:match("^RT @") and "share" or "note",
        tags = tags,
        people = people,
        urls = urls,
        origin = "twitter:" .. id,
        follows = follows,
        fields = fields,
        parse = false,
      }
      if entry then
        added[id] = entry.id
        if follows and #entry.links == 0 then pending[#pending + 1] = { entry = entry.id, parent = parent } end
      end
    end

    -- One file at a time, one tweet at a time: only the file's text and the current tweet are
    -- in memory, however large the archive.
    local total = 0
    for _, member in ipairs(files) do
      -- The member is decoded one tweet a step and never becomes a Lua string.
      local ok, step, count = pcall(archive.items, archive, member, nil, KEEP)
      if not ok then json_error(member, step) end
      total = total + (count or 0)
      pln.import.total(total)
      local i = 0
      while true do
        local good, index, record = pcall(step)
        if not good then json_error(member, index) end
        if index == nil then break end
        i = index
        -- 2019 archives hold the bare object, later ones {"tweet": {...}}.
        local tweet = type(record) == "table" and (record.tweet or record) or nil
        local label
        if type(tweet) == "table" and type(tweet.id_str) == "string" then
          label = member .. " record " .. i .. " (id " .. tweet.id_str .. ")"
        else
          label = member .. " record " .. i
        end
        pln.import.record(label, function()
          if type(tweet) ~= "table" then error("not a tweet object", 0) end
          import(tweet, member)
        end)
      end
    end
    -- Archives list the newest tweet first: replies to tweets later in the files are linked now.
    for _, reply in ipairs(pending) do
      local target = added[reply.parent]
      if target then pln.link{ entry = reply.entry, to = target, role = "follows-up" } end
    end
  end,
}
