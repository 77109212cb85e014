-- Feed subscriptions as OPML (every feed reader and podcast app exports it: "Export OPML").
-- Each outline with an xmlUrl is a feed and becomes a web source (its site's address, else
-- the feed's; its text, else its title). Folders are outlines without xmlUrl. Feeds carry no
-- date, so they make no entries.

local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end

-- Attribute names vary in case between exporters (xmlUrl, xmlurl, XMLURL).
local function attribute(attrs, name)
  if attrs[name] ~= nil then return attrs[name] end
  local wanted = name:lower()
  for key, value in pairs(attrs) do
    if key:lower() == wanted then return value end
  end
  return nil
end

local function nonempty(s)
  if s == nil then return nil end
  s = trim(s:gsub("%s+", " "))
  return s ~= "" and s or nil
end

pln.importer{
  name = "opml",
  help = "feed subscriptions exported as OPML (sources only)",
  detect = function(path, head)
    return head:find("<opml", 1, true) ~= nil
  end,
  run = function(path, opts)
    local file = path == "-" and "<stdin>" or (path:match("[^/]+$") or path)
    for e in pln.xml.file(path) do
      if e.type == "start" and e.name == "outline" then
        local a = e.attrs
        local feed = nonempty(attribute(a, "xmlUrl"))
        local kind = (attribute(a, "type") or ""):lower()
        if feed or kind == "link" then
          pln.import.record(file .. ":" .. e.line, function()
            if not feed then return pln.import.skip("not a feed") end
            local url = nonempty(attribute(a, "htmlUrl"))
            if not url or not url:lower():match("^https?://") then url = feed end
            if not url:lower():match("^https?://") then return pln.import.skip("not a web address") end
            local title = nonempty(attribute(a, "text")) or nonempty(attribute(a, "title"))
            pln.source{ url = url, title = title, type = "webpage" }
          end)
        end
      end
    end
  end,
}
