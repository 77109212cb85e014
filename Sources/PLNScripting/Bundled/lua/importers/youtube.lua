-- YouTube watch history from Google Takeout, as JSON:
-- Takeout/YouTube and YouTube Music/history/watch-history.json (or the Takeout folder or zip).
-- One entry per watched video, dated when it was watched; one video source per video.

local MEMBER = "watch%-history%.json$"
local HTML_MEMBER = "watch%-history%.html$"
local HTML_HELP = "the watch history is HTML, Takeout's default; export it again choosing JSON as the "
  .. "history format (Multiple formats → history → JSON)"

--- Whether `head` starts a watch-history.json: an array of objects with a "header" of
--- "YouTube" or "YouTube Music" and a "time".
local function is_history(head)
  return head:match('^\239?\187?\191?%s*%[%s*{') ~= nil
    and head:find('"header"%s*:%s*"YouTube') ~= nil and head:find('"time"%s*:') ~= nil
end

--- The archive (folder, zip, tar.gz) at `path` when it holds a watch history (as JSON or
--- as HTML, which run explains), else nil.
local function archive(path, head)
  local start = head:sub(1, 2)
  if head ~= "" and start ~= "PK" and start ~= "\31\139" then return nil end
  local ok, a = pcall(pln.archive.open, path)
  if not ok or a.kind == "file" or not (a:find(MEMBER) or a:find(HTML_MEMBER)) then return nil end
  return a
end

--- The video id of a watch address (watch?v=, youtu.be/, /shorts/), or nil for other pages.
local function video_id(url)
  if url:match("^https?://[%w%.]*youtube%.com/watch%?") then return url:match("[?&]v=([%w_%-]+)") end
  return url:match("^https?://youtu%.be/([%w_%-]+)")
    or url:match("^https?://[%w%.]*youtube%.com/shorts/([%w_%-]+)")
end

--- The keys of the video sources the journal already has, by normalised address: read once,
--- since a query inside each record would cost more than the rest of the record.
local function known_videos()
  local known = {}
  for _, row in ipairs(pln.sql([[SELECT key, url_norm FROM source
      WHERE url_norm LIKE 'https://youtube.com/watch?v=%' OR url_norm LIKE 'https://music.youtube.com/watch?v=%']])) do
    known[row.url_norm] = row.key
  end
  return known
end

--- The source for a video: the one the journal already has for its address, else a new
--- one keyed youtube-ID (keys made from the address would all read youtube.com/watch).
--- A video watched again in the same history is not written again (`done` remembers it).
local function video_source(id, url, title, channel, known, done)
  local host = url:match("^https?://music%.youtube%.com/") and "music.youtube.com" or "youtube.com"
  local norm = ("https://%s/watch?v=%s"):format(host, id)
  if done[norm] then return done[norm] end
  done[norm] = pln.source{
    key = known[norm] or ("youtube-" .. id),
    url = url, type = "video", title = title, authors = channel and { channel } or nil,
  }.key
  return done[norm]
end

local function import_item(item, file, known, done)
  if type(item) ~= "table" then error("not an object", 0) end
  for _, detail in ipairs(type(item.details) == "table" and item.details or {}) do
    if type(detail) == "table" and detail.name == "From Google Ads" then
      return pln.import.skip("ad")
    end
  end
  local url = item.titleUrl
  if type(url) ~= "string" or url == "" then return pln.import.skip("removed video") end
  local id = video_id(url)
  if not id then return pln.import.skip("not a video") end
  local time = item.time
  if type(time) ~= "string" or not time:match("^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d") then
    error(("'time' is not an ISO 8601 date: %s"):format(tostring(time)), 0)
  end
  if pln.import.before_since(time) then return pln.import.skip("before --since") end
  local title = pln.text.clean(type(item.title) == "string" and item.title or "")
  -- The prefix is localised ("Watched " in English): strip it only when it is there.
  local video = title:match("^Watched (.+)$") or title
  if video == url or video == "" then video = nil end -- removed or private: the title is the address
  local channel = type(item.subtitles) == "table" and type(item.subtitles[1]) == "table"
    and item.subtitles[1].name or nil
  if channel then channel = pln.text.clean(channel) end
  local source = video_source(id, url, video, channel, known, done)
  pln.import.add{
    body = title ~= "" and title or ("Watched " .. url),
    date = time,
    kind = "note",
    parse = false,
    sources = { source },
    origin = ("youtube:%s@%s"):format(id, time),
    fields = { platform = "youtube", id = id, file = file, channel = channel,
               product = type(item.header) == "string" and item.header or nil },
  }
end

pln.importer{
  name = "youtube",
  help = "YouTube watch history from Google Takeout (watch-history.json, or the Takeout folder or zip)",
  detect = function(path, head)
    return is_history(head) or path:match(HTML_MEMBER) ~= nil or archive(path, head) ~= nil
  end,
  run = function(path, opts)
    -- label: how errors name the file; file: the name kept in each entry's fields.
    local text, label, file
    local a = pln.archive.open(path)
    if a.kind == "file" then
      if path:match("%.html?$") then error(("%s: %s"):format(path, HTML_HELP), 0) end
      text, label, file = pln.read(path), path, path:match("([^/]+)$") or path
    else
      file = a:find(MEMBER)
      if not file and a:find(HTML_MEMBER) then error(("%s: %s"):format(path, HTML_HELP), 0) end
      if not file then error(("%s: no watch-history.json in it"):format(path), 0) end
      text, label = a:read(file), path:gsub("/+$", "") .. "/" .. file
    end
    local list = pln.json.decode(text, label)
    if type(list) ~= "table" or (next(list) ~= nil and list[1] == nil) then
      error(("%s: not a YouTube watch history (expected a JSON array)"):format(label), 0)
    end
    pln.import.total(#list)
    local known, done = known_videos(), {}
    for i, item in ipairs(list) do
      local ok = pln.import.record(("%s: item %d"):format(label, i), function()
        import_item(item, file, known, done)
        return true
      end)
      -- A record skipped with --skip-bad was rolled back with the source it wrote.
      if not ok then done = {} end
    end
  end,
}
