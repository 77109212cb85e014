-- MediaWiki page history (Special:Export with "Include all revisions", or a dump from
-- dumpBackup.php): <mediawiki><siteinfo>…</siteinfo><page><title/><revision>…</revision>…</page>…
-- Each revision is one entry "Edited <title>: <comment>", dated its timestamp (UTC), with the
-- page as a web source, the revision's external links as sources, its categories as tags and
-- its registered contributor as a person. Read as a stream: full-history dumps are large.

local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end

-- "Teaching_strategies" and "teaching strategies" are one category: teaching-strategies.
local function tag_name(name)
  return pln.text.lower(trim(name:gsub("_", " ")):gsub("%s+", "-"))
end

-- Usernames compare as MediaWiki does: underscores are spaces, the first letter any case.
local function same_user(a, b)
  local function norm(s) return pln.text.lower(trim(s:gsub("_", " "):gsub("%s+", " "))) end
  return norm(a) == norm(b)
end

-- The page's address: `base` (the main page's URL) with its last segment replaced by the title.
local function page_url(base, title)
  if not base then return nil end
  local name = title:gsub(" ", "_"):gsub("%%", "%%25"):gsub("%?", "%%3F"):gsub("#", "%%23"):gsub("&", "%%26")
  local prefix = base:match("^(.-[?&]title=)")
  if prefix then return prefix .. name end
  prefix = base:match("^(https?://.*/)[^/]*$")
  return prefix and prefix .. name or nil
end

local function external_links(text)
  local urls, seen = {}, {}
  for url in text:gmatch("%[(https?://[^%s%]%[<>\"|]+)") do
    if not seen[url] then seen[url] = true; urls[#urls + 1] = url end
  end
  for url in text:gmatch("%[//([^%s%]%[<>\"|]+)") do
    url = "https://" .. url
    if not seen[url] then seen[url] = true; urls[#urls + 1] = url end
  end
  return urls
end

local function categories(text, names)
  local tags, seen = {}, {}
  for prefix, name in text:gmatch("%[%[%s*([^:%[%]|]+)%s*:%s*([^%[%]|]+)") do
    if names[pln.text.lower(trim(prefix))] then
      local tag = tag_name(name)
      if tag ~= "" and not seen[tag] then seen[tag] = true; tags[#tags + 1] = tag end
    end
  end
  return tags
end

local function import_revision(site, page, rev, ctx)
  if not rev.timestamp or not rev.timestamp:match("^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%d") then
    error(rev.timestamp and ("timestamp is not an ISO 8601 date: " .. rev.timestamp) or "no timestamp", 0)
  end
  if not page.title or page.title == "" then error("the page has no title", 0) end
  if not rev.id then error("the revision has no id", 0) end
  local comment = rev.comment and not rev.comment_deleted and trim(rev.comment) or ""
  local body = "Edited " .. page.title .. (comment ~= "" and (": " .. comment) or "")
  local urls = {}
  local url = page_url(site.base, page.title)
  if url then
    if not ctx.pages[url] then
      ctx.pages[url] = true
      pln.source{ url = url, title = page.title, type = "webpage", container = site.sitename }
    end
    urls[1] = url
  end
  local text = (not rev.text_deleted and rev.text) or ""
  for _, link in ipairs(external_links(text)) do
    if link ~= url then urls[#urls + 1] = link end
  end
  local people = {}
  local user = rev.username
  if user and user ~= "" and not rev.contributor_deleted and not (ctx.me and same_user(user, ctx.me)) then
    people[1] = trim(user):gsub("%s+", "_")
  end
  pln.add{
    body = body, date = rev.timestamp, kind = "note", parse = false,
    tags = categories(text, ctx.category_names), people = people, urls = urls,
    origin = "mediawiki:" .. ctx.wiki .. ":" .. rev.id,
    fields = {
      platform = "mediawiki", id = rev.id, file = ctx.file, wiki = site.sitename, page = page.title,
      page_id = page.id, contributor = (not rev.contributor_deleted) and (user or rev.ip) or nil,
      minor = rev.minor or nil,
    },
  }
end

pln.importer{
  name = "mediawiki",
  help = "MediaWiki XML export with history (Special:Export, dumpBackup.php)",
  detect = function(path, head)
    return head:find("<mediawiki", 1, true) ~= nil and head:find("mediawiki.org/xml/export", 1, true) ~= nil
  end,
  run = function(path, opts)
    opts = opts or {}
    local file = path == "-" and "<stdin>" or path
    local ctx = {
      file = file:match("[^/]+$") or file, me = opts.me, pages = {},
      category_names = { category = true }, wiki = nil,
    }
    local site, page, rev = {}, nil, nil
    local stack, text = {}, {}
    local namespace_key
    for e in pln.xml.file(path) do
      if e.type == "start" then
        stack[#stack + 1] = e.name
        text = {}
        local name = e.name
        if name == "page" then
          page = {}
          ctx.wiki = ctx.wiki or site.dbname or (site.base and site.base:match("^https?://([^/]+)")) or "wiki"
        elseif name == "revision" and page then
          rev = { line = e.line }
        elseif name == "namespace" then
          namespace_key = e.attrs.key
        elseif rev then
          if name == "contributor" then rev.contributor_deleted = e.attrs.deleted ~= nil
          elseif name == "comment" then rev.comment_deleted = e.attrs.deleted ~= nil
          elseif name == "text" then rev.text_deleted = e.attrs.deleted ~= nil
          elseif name == "minor" then rev.minor = true end
        end
      elseif e.type == "text" then
        text[#text + 1] = e.text
      else
        local name, parent = e.name, stack[#stack - 1]
        local value = table.concat(text)
        text = {}
        if parent == "siteinfo" then
          if name == "sitename" or name == "dbname" or name == "base" then site[name] = trim(value) end
        elseif parent == "namespaces" and name == "namespace" then
          if namespace_key == "14" and trim(value) ~= "" then ctx.category_names[pln.text.lower(trim(value))] = true end
        elseif parent == "page" and page then
          if name == "title" or name == "ns" or name == "id" then page[name] = value
          elseif name == "revision" and rev then
            local r = rev
            pln.import.record(ctx.file .. ":" .. r.line .. " (revision " .. (r.id or "?") .. ")", function()
              import_revision(site, page, r, ctx)
            end)
            rev = nil
          end
        elseif parent == "revision" and rev then
          if name == "id" or name == "parentid" or name == "timestamp" or name == "comment" or name == "text" then
            rev[name] = value
          end
        elseif parent == "contributor" and rev then
          if name == "username" then rev.username = value
          elseif name == "ip" then rev.ip = value end
        end
        if name == "page" then page = nil end
        stack[#stack] = nil
      end
    end
  end,
}
