-- Browser bookmarks in the Netscape bookmark file format (Firefox: Bookmarks > Manage
-- bookmarks > Import and Backup > Export Bookmarks to HTML; Chrome: Bookmark manager > Export
-- bookmarks; Safari, Edge and most bookmark services write it too). Not well-formed HTML, so it
-- is read with the tolerant tokenizer. Every http(s) bookmark becomes a web source; one with an
-- ADD_DATE also becomes a "share" entry dated then, tagged with its TAGS, its folder kept.

local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end

-- One line: runs of whitespace as one space.
local function squeeze(s) return trim(s:gsub("%s+", " ")) end

-- Several lines: each squeezed, blank ones dropped.
local function lines(s)
  local out = {}
  for line in (s .. "\n"):gmatch("([^\n]*)\n") do
    line = squeeze(line)
    if line ~= "" then out[#out + 1] = line end
  end
  return table.concat(out, "\n")
end

-- ADD_DATE is Unix seconds; some tools wrote milliseconds or microseconds.
local function date_of(value)
  if value == nil or trim(value) == "" then return nil end
  local digits = trim(value)
  if not digits:match("^%d+$") then error("ADD_DATE '" .. value .. "' is not a Unix time", 0) end
  local n = tonumber(digits)
  if n >= 1e14 then n = n // 1000000 elseif n >= 1e11 then n = n // 1000 end
  if n == 0 then return nil end
  return os.date("!%Y-%m-%dT%H:%M:%S+00:00", n), n
end

local function import_bookmark(b, ctx)
  local href = b.attrs.href and trim(b.attrs.href) or ""
  if not href:lower():match("^https?://") then return pln.import.skip("not a web address") end
  local title = squeeze(table.concat(b.title))
  local note = lines(table.concat(b.note))
  pln.source{ url = href, title = title ~= "" and title or nil, type = "webpage" }
  local date = date_of(b.attrs.add_date)
  if not date then return end  -- no date, no entry: the bookmark is a source only
  local tags, seen = {}, {}
  for tag in (b.attrs.tags or ""):gmatch("[^,]+") do
    tag = pln.text.lower(squeeze(tag):gsub("^#", ""):gsub("%s", "-"))
    if tag ~= "" and not seen[tag] then seen[tag] = true; tags[#tags + 1] = tag end
  end
  local folder = table.concat(b.folders, "/")
  pln.add{
    body = (title ~= "" and title or href) .. (note ~= "" and ("\n\n" .. note) or ""),
    date = date, kind = "share", parse = false, tags = tags, urls = { href },
    origin = "bookmarks:" .. href,
    fields = {
      platform = "bookmarks", file = ctx.file, url = href, folder = folder ~= "" and folder or nil,
      keyword = b.attrs.shortcuturl,
    },
  }
end

pln.importer{
  name = "bookmarks",
  help = "browser bookmarks exported as HTML (the Netscape bookmark file format)",
  detect = function(path, head)
    return head:lower():find("<!doctype netscape-bookmark-file-1", 1, true) ~= nil
  end,
  run = function(path, opts)
    local file = path:match("[^/]+$") or path
    local ctx = { file = file }
    local names = {}  -- per open <DL>, the name of the folder it lists (or false)
    local pending_folder, heading, current
    local links = 0
    local function finish()
      if not current then return end
      local b = current
      current = nil
      b.folders = {}
      for _, name in ipairs(names) do if name then b.folders[#b.folders + 1] = name end end
      pln.import.record(file .. ":" .. b.line, function() import_bookmark(b, ctx) end)
    end
    local text = pln.read(path)
    for t in pln.html.tokens(text) do
      if t.type == "start" then
        local name = t.name
        if name == "a" then
          links = links + 1
          finish()
          current = { attrs = t.attrs, line = t.line, title = {}, note = {}, in_title = true }
        elseif name == "h3" then
          finish()
          heading = {}
        elseif name == "dl" then
          finish()
          names[#names + 1] = pending_folder or false
          pending_folder = nil
        elseif name == "dt" then
          finish()
        elseif name == "dd" then
          if current then current.in_title, current.in_note = false, true end
        end
      elseif t.type == "end" then
        if t.name == "a" and current then
          current.in_title = false
        elseif t.name == "h3" and heading then
          pending_folder = squeeze(table.concat(heading))
          heading = nil
        elseif t.name == "dl" then
          finish()
          names[#names] = nil
        end
      elseif t.type == "text" then
        if heading then
          heading[#heading + 1] = t.text
        elseif current and current.in_title then
          current.title[#current.title + 1] = t.text
        elseif current and current.in_note then
          current.note[#current.note + 1] = t.text
        end
      end
    end
    finish()
    -- A file named with --as that is something else (a CSV, a web page without links) says so
    -- rather than importing nothing; an empty export still has its doctype.
    if links == 0 and not text:sub(1, 1024):lower():find("<!doctype netscape-bookmark-file-1", 1, true) then
      error(file .. ": not a Netscape bookmark file (no <!DOCTYPE NETSCAPE-Bookmark-file-1> and no links)", 0)
    end
  end,
}
