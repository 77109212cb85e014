-- Reddit's data request ("GDPR export"): a flat zip of CSVs, or the folder it unpacks to, or
-- one of its files. posts.csv and comments.csv become entries; saved_posts.csv and
-- saved_comments.csv hold no date, so they become sources only; statistics.csv names the
-- account owner, who is never a person.

local function decode(s) return pln.html.decode(s) end

--- The error text without the Lua position and the "pln.x: " prefix a pln function adds.
local function reason(err)
  return (tostring(err):gsub("^pln[/ ][^:\n]*:%d+: ", ""):gsub("^pln%.[%w%.]+: ", ""))
end

-- Text helpers: Markdown links and u/name mentions, which capture does not know.

--- The web addresses in Markdown text: bare, <…> and [label](…) links alike.
local function links(text)
  local urls, seen = {}, {}
  for url in text:gmatch("https?://[^%s<>\"'`]+") do
    url = url:gsub("\\([_*~])", "%1")
    while true do
      local trimmed = url:gsub("[%.,;:!%?%*~]+$", "")
      local last = trimmed:sub(-1)
      local open, close = last == ")" and "(" or last == "]" and "[" or nil, last
      if open then
        local _, opens = trimmed:gsub("%" .. open, "")
        local _, closes = trimmed:gsub("%" .. close, "")
        if closes > opens then trimmed = trimmed:sub(1, -2) end
      end
      if trimmed == url then break end
      url = trimmed
    end
    if url:match("^https?://[^/]+%.[^/]+") and not seen[url] then
      seen[url] = true
      urls[#urls + 1] = url
    end
  end
  return urls
end

--- The users named u/name or /u/name in text (not inside a word or a path), without the owner.
local function users(text, owner)
  local names, seen = {}, {}
  for at, name in text:gmatch("()u/([%w_%-]+)") do
    local before = at > 1 and text:sub(at - 1, at - 1) or ""
    if before == "/" then before = at > 2 and text:sub(at - 2, at - 2) or "" end
    local key = name:lower()
    if not before:match("[%w_/%.%-]") and #name >= 3 and key ~= owner and not seen[key] then
      seen[key] = true
      names[#names + 1] = name
    end
  end
  return names
end

--- An address as written, or a site-relative permalink made absolute.
local function absolute(url)
  if url == nil or url == "" then return nil end
  if url:match("^https?://") then return url end
  if url:sub(1, 1) == "/" then return "https://www.reddit.com" .. url end
  return nil
end

--- "2024-01-01 00:00:00 UTC" as ISO 8601 in UTC.
local function reddit_date(text)
  local date, time = (text or ""):match("^%s*(%d%d%d%d%-%d%d%-%d%d)[ T](%d%d:%d%d:%d%d)")
  if not date then error(("'date' is not a date: %s"):format(tostring(text)), 0) end
  return ("%sT%sZ"):format(date, time)
end

local PLACEHOLDER = { ["[deleted]"] = true, ["[removed]"] = true }

--- Text from a CSV cell: entities decoded, control characters dropped, trimmed.
local function text_of(cell)
  return pln.text.clean(decode(cell or "")):match("^%s*(.-)%s*$")
end

--- The thread source's key: the post's permalink, with the subreddit as container. Threads
--- come back with every comment: one without a new title is written once per import.
local threads = {}
local function thread_source(url, subreddit, title)
  if not title and threads[url] then return threads[url] end
  threads[url] = pln.source{
    url = url, type = "post", title = title,
    container = (subreddit and subreddit ~= "") and ("r/" .. subreddit) or nil,
  }.key
  return threads[url]
end

local function import_post(row, ctx)
  if not row.id or row.id == "" then error("no 'id'", 0) end
  local date = reddit_date(row.date)
  if pln.import.before_since(date) then return pln.import.skip("before --since") end
  local title = text_of(row.title)
  local body = text_of(row.body)
  if PLACEHOLDER[body] then body = "" end
  if title == "" and body == "" then return pln.import.skip("deleted or removed") end
  local permalink = absolute(row.permalink)
  local thread = permalink and thread_source(permalink, row.subreddit, title ~= "" and title or nil)
  local url = absolute(row.url)
  local urls = links(body)
  local is_link = url and url ~= permalink and not url:match("^https?://[%w%.]*reddit%.com/r/[^/]+/comments/")
  if is_link then table.insert(urls, 1, url) end
  local text = body == "" and title or (title == "" and body or title .. "\n\n" .. body)
  pln.import.add{
    body = text,
    date = date,
    kind = is_link and "share" or "note",
    parse = false,
    tags = pln.text.hashtags(text),
    people = users(text, ctx.owner),
    sources = thread and { thread } or nil,
    urls = urls,
    origin = "reddit:t3_" .. row.id,
    fields = { platform = "reddit", id = "t3_" .. row.id, file = ctx.file, subreddit = row.subreddit },
  }
end

local function import_comment(row, ctx)
  if not row.id or row.id == "" then error("no 'id'", 0) end
  local date = reddit_date(row.date)
  if pln.import.before_since(date) then return pln.import.skip("before --since") end
  local body = text_of(row.body)
  if body == "" or PLACEHOLDER[body] then return pln.import.skip("deleted or removed") end
  local link = absolute(row.link) or absolute(row.permalink)
  local thread = link and thread_source(link, row.subreddit, nil)
  local parent = row.parent and row.parent:match("^(t[13]_[%w]+)$")
  pln.import.add{
    body = body,
    date = date,
    kind = "note",
    parse = false,
    tags = pln.text.hashtags(body),
    people = users(body, ctx.owner),
    sources = thread and { thread } or nil,
    urls = links(body),
    origin = "reddit:t1_" .. row.id,
    follows = parent and ("reddit:" .. parent) or nil,
    fields = { platform = "reddit", id = "t1_" .. row.id, file = ctx.file, subreddit = row.subreddit },
  }
end

local function import_saved(row)
  local url = absolute(row.permalink)
  if not url then error(("'permalink' is not an address: %s"):format(tostring(row.permalink)), 0) end
  thread_source(url, url:match("/r/([^/]+)/"), nil)
  pln.import.skip("saved: source only")
end

--- Records of CSV text (or a file) as tables keyed by the header, each with its line;
--- a CSV error names `label` and the line.
local function rows(source, label)
  local all, columns = {}, nil
  local iter = pln.csv.rows(source)
  while true do
    local ok, record, line = pcall(iter)
    if not ok then
      local message = reason(record)
      error((message:gsub("^<text>:", label .. ":")), 0)
    end
    if not record then break end
    if not columns then
      columns = record
    else
      local row = { _line = line }
      for i, name in ipairs(columns) do row[name] = record[i] end
      all[#all + 1] = row
    end
  end
  return all, columns or {}
end

--- Which Reddit file a header (list of column names) belongs to.
local function kind_of(columns, name)
  local has = {}
  for _, c in ipairs(columns) do has[c] = true end
  if has.statistic and has.value then return "statistics" end
  if not (has.id and has.permalink) then return nil end
  if has.date and has.body and has.parent then return "comments" end
  if has.date and has.title and has.url then return "posts" end
  if #columns == 2 and name and name:match("saved_comments[^/]*%.csv$") then return "saved_comments" end
  if #columns == 2 and name and name:match("saved_posts[^/]*%.csv$") then return "saved_posts" end
  return nil
end

local FILES = { "statistics", "posts", "comments", "saved_posts", "saved_comments" }

--- The member of archive a named NAME.csv at its top or in one folder, or nil.
local function member(a, name)
  for _, m in ipairs(a:list()) do
    if m == name .. ".csv" or m:match("^[^/]+/" .. name .. "%.csv$") then return m end
  end
  return nil
end

local function import_files(files, opts)
  -- files: { kind → { rows, label, file } }
  local owner = opts and opts.me and opts.me:gsub("^@", ""):gsub("^/?u/", ""):lower() or nil
  if not owner and files.statistics then
    for _, row in ipairs(files.statistics.rows) do
      if row.statistic == "account name" and row.value ~= "" then owner = row.value:lower() end
    end
  end
  -- Oldest first, so a reply can link to the post or comment it answers.
  local items = {}
  for _, kind in ipairs({ "posts", "comments" }) do
    local f = files[kind]
    for _, row in ipairs(f and f.rows or {}) do items[#items + 1] = { kind = kind, row = row, f = f } end
  end
  table.sort(items, function(a, b)
    local da, db = a.row.date or "", b.row.date or ""
    if da ~= db then return da < db end
    if a.kind ~= b.kind then return a.kind == "posts" end
    return a.row._line < b.row._line
  end)
  local saved = 0
  for _, kind in ipairs({ "saved_posts", "saved_comments" }) do
    saved = saved + (files[kind] and #files[kind].rows or 0)
  end
  pln.import.total(#items + saved)
  for _, item in ipairs(items) do
    local ctx = { owner = owner, file = item.f.file }
    local ok = pln.import.record(("%s:%d"):format(item.f.label, item.row._line), function()
      if item.kind == "posts" then import_post(item.row, ctx) else import_comment(item.row, ctx) end
      return true
    end)
    -- A record skipped with --skip-bad was rolled back with the threads it wrote.
    if not ok then threads = {} end
  end
  for _, kind in ipairs({ "saved_posts", "saved_comments" }) do
    local f = files[kind]
    for _, row in ipairs(f and f.rows or {}) do
      pln.import.record(("%s:%d"):format(f.label, row._line), function() import_saved(row) end)
    end
  end
end

--- Whether a single file's head is one of the Reddit CSVs.
local function csv_kind(path, head)
  local line = head:match("^\239?\187?\191?([^\r\n]*)")
  local columns = {}
  for c in line:gmatch("[^,]+") do columns[#columns + 1] = c end
  local kind = kind_of(columns, path)
  return kind ~= "statistics" and kind or nil
end

pln.importer{
  name = "reddit",
  help = "Reddit's data request: the zip of CSVs, its folder, or comments.csv, posts.csv, saved_posts.csv",
  detect = function(path, head)
    if csv_kind(path, head) then return true end
    local start = head:sub(1, 2)
    if head ~= "" and start ~= "PK" and start ~= "\31\139" then return false end
    local ok, a = pcall(pln.archive.open, path)
    if not ok or a.kind == "file" then return false end
    local found = member(a, "comments") or member(a, "posts")
    if not found or not member(a, "statistics") then return false end
    local text = a:read(found)
    return csv_kind(found, text:sub(1, 4096)) ~= nil
  end,
  run = function(path, opts)
    local a = pln.archive.open(path)
    local files = {}
    if a.kind == "file" then
      local list, columns = rows(path, path)
      local kind = kind_of(columns, path)
      if not kind then
        error(("%s: not a Reddit export file (its columns are not those of comments.csv, posts.csv, saved_posts.csv or saved_comments.csv)"):format(path), 0)
      end
      files[kind] = { rows = list, label = path, file = path:match("([^/]+)$") or path }
    else
      for _, name in ipairs(FILES) do
        local m = member(a, name)
        if m then
          local text = a:read(m)
          if not text:find("\n") then text = text .. "\n" end
          local label = path:gsub("/+$", "") .. "/" .. m
          local list, columns = rows(text, label)
          if kind_of(columns, m) ~= name then
            error(("%s:1: not the columns of Reddit's %s.csv"):format(label, name), 0)
          end
          files[name] = { rows = list, label = label, file = m }
        end
      end
      if not (files.posts or files.comments or files.saved_posts or files.saved_comments) then
        error(("%s: no posts.csv, comments.csv, saved_posts.csv or saved_comments.csv in it"):format(path), 0)
      end
    end
    threads = {}
    import_files(files, opts)
  end,
}
