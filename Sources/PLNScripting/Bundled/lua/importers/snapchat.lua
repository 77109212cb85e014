-- Snapchat's "My Data": json/chat_history.json (or the export folder or zip). One chat entry
-- per text message. Current exports key the messages by conversation; exports up to 2022 hold
-- "Received Saved Chat History" and "Sent Saved Chat History" lists. The person is who wrote
-- to you, or whom you wrote to in a one-to-one chat; you (IsSender) are never a person.

local MEMBER = "chat_history%.json$"
local OLD_KEYS = { ["Received Saved Chat History"] = "received", ["Sent Saved Chat History"] = "sent" }

local function decode(s) return pln.html.decode(s) end

--- The error text without the Lua position and the "pln.x: " prefix a pln function adds.
local function reason(err)
  return (tostring(err):gsub("^pln[/ ][^:\n]*:%d+: ", ""):gsub("^pln%.[%w%.]+: ", ""))
end

--- Lower case beyond ASCII (Latin-1, Latin Extended-A, Greek, Cyrillic capitals), so that
--- #Übung and #übung are one tag.
local function lower(s)
  s = s:lower()
  if not s:find("[\128-\255]") then return s end
  return (s:gsub(utf8.charpattern, function(ch)
    local cp = utf8.codepoint(ch)
    if cp < 0xC0 then return nil end
    if (cp <= 0xDE and cp ~= 0xD7) or (cp >= 0x391 and cp <= 0x3AB and cp ~= 0x3A2) or (cp >= 0x410 and cp <= 0x42F) then
      return utf8.char(cp + 32)
    elseif cp >= 0x400 and cp <= 0x40F then
      return utf8.char(cp + 80)
    elseif cp == 0x178 then
      return "\195\191"
    elseif (cp >= 0x100 and cp <= 0x137 and cp % 2 == 0) or (cp >= 0x139 and cp <= 0x148 and cp % 2 == 1)
      or (cp >= 0x14A and cp <= 0x177 and cp % 2 == 0) or (cp >= 0x179 and cp <= 0x17E and cp % 2 == 1) then
      return utf8.char(cp + 1)
    end
    return nil
  end))
end

--- pln.add, with its errors (a date that does not exist) told without the Lua position.
local function add(entry)
  local ok, result, why = pcall(pln.add, entry)
  if not ok then error(reason(result), 0) end
  return result, why
end

--- A JSON error as "FILE:LINE: message".
local function json_error(label, err)
  local line, message = reason(err):match("^line (%d+): (.*)$")
  if line then return ("%s:%s: %s"):format(label, line, message) end
  return ("%s: %s"):format(label, reason(err))
end

--- FNV-1a, 64 bits, as 16 hex digits: messages have no id, so their content names them.
local function hash(s)
  local h = -3750763034362895579
  for i = 1, #s do h = (h ~ s:byte(i)) * 1099511628211 end
  return ("%016x"):format(h)
end

-- Text helpers: #tags written in text, found as pln's own capture finds them.

--- Whether code point cp is part of a word: a letter, digit, mark or '_'.
local function is_word(cp)
  if cp < 128 then
    return (cp >= 48 and cp <= 57) or (cp >= 65 and cp <= 90) or (cp >= 97 and cp <= 122) or cp == 95
  end
  if cp < 0xC0 then return cp == 0xAA or cp == 0xB5 or cp == 0xBA end
  if cp == 0xD7 or cp == 0xF7 or (cp >= 0x2000 and cp < 0x2C00) or (cp >= 0x3000 and cp < 0x3040) then
    return false
  end
  return not ((cp >= 0xD800 and cp < 0xF900) or (cp >= 0xFE00 and cp < 0xFE70)
    or (cp >= 0xFF00 and cp < 0xFF10) or cp >= 0x1F000)
end

--- The #tags in text, lower case, without '#': not after a word, '&' or '/', not all digits.
local function hashtags(text)
  local cps = {}
  for _, cp in utf8.codes(text) do cps[#cps + 1] = cp end
  local names, seen, i = {}, {}, 1
  while i < #cps do
    local before = cps[i - 1]
    if cps[i] == 35 and is_word(cps[i + 1])
      and not (before and (is_word(before) or before == 38 or before == 47)) then
      local j = i + 1
      while cps[j] and (is_word(cps[j]) or cps[j] == 45) do j = j + 1 end
      local last = j - 1
      while cps[last] == 45 do last = last - 1 end
      local name = lower(utf8.char(table.unpack(cps, i + 1, last)))
      if name:match("%D") and not seen[name] then
        seen[name] = true
        names[#names + 1] = name
      end
      i = j
    else
      i = i + 1
    end
  end
  return names
end

--- The web addresses written in text, without trailing punctuation or an unmatched ')'.
local function links(text)
  local urls, seen = {}, {}
  for url in text:gmatch("https?://[^%s<>\"]+") do
    while true do
      local trimmed = url:gsub("[%.,;:!%?'\"]+$", "")
      if trimmed:sub(-1) == ")" then
        local _, opens = trimmed:gsub("%(", "")
        local _, closes = trimmed:gsub("%)", "")
        if closes > opens then trimmed = trimmed:sub(1, -2) end
      end
      if trimmed == url then break end
      url = trimmed
    end
    if not seen[url] then
      seen[url] = true
      urls[#urls + 1] = url
    end
  end
  return urls
end

--- A message's time as ISO 8601 in UTC: "Created" ("2022-07-22 19:28:21 UTC"), else
--- "Created(microseconds)", which has held milliseconds too: decided by its size.
local function created(message)
  local text = message.Created
  if type(text) == "string" then
    local date, time = text:match("^%s*(%d%d%d%d%-%d%d%-%d%d)[ T](%d%d:%d%d:%d%d)")
    if not date then error(("'Created' is not a date: %s"):format(text), 0) end
    return ("%sT%sZ"):format(date, time)
  end
  local n = message["Created(microseconds)"]
  if math.type(n) == "integer" and n > 0 then
    local seconds = n >= 100000000000000 and n // 1000000 or n >= 100000000000 and n // 1000 or n
    return os.date("!%Y-%m-%dT%H:%M:%SZ", seconds)
  end
  error("no 'Created' date", 0)
end

local function import_message(message, conversation, direction, ctx)
  if type(message) ~= "table" then error("not an object", 0) end
  local kind = message["Media Type"]
  local raw = message.Content
  if raw == nil then raw = message.Text end
  if kind ~= nil and kind ~= "TEXT" then return pln.import.skip("not text") end
  local text = type(raw) == "string" and pln.text.clean(decode(raw)):match("^%s*(.-)%s*$") or ""
  if text == "" then return pln.import.skip("not text") end
  local date = created(message)
  local sent
  if direction then sent = direction == "sent" else sent = message.IsSender == true end
  local from = type(message.From) == "string" and message.From or nil
  local group = type(message["Conversation Title"]) == "string" and message["Conversation Title"] ~= ""
    and message["Conversation Title"] or nil
  local person
  if not sent then
    person = from
  elseif direction then
    person = type(message.To) == "string" and message.To or nil
  elseif not group then
    person = conversation
  end
  if person and ctx.owner and person:lower() == ctx.owner then person = nil end
  local id = ("%s:%s:%s"):format(conversation or (sent and "sent" or "received"), date,
    hash((from or "") .. "\n" .. (type(message.To) == "string" and message.To or "") .. "\n" .. text):sub(1, 12))
  add{
    body = text,
    date = date,
    kind = "chat",
    parse = false,
    tags = hashtags(text),
    people = person and person ~= "" and { person } or nil,
    urls = links(text),
    origin = "snapchat:" .. id,
    fields = { platform = "snapchat", id = id, file = ctx.file, group = group,
               conversation = conversation },
  }
end

--- Whether head starts chat_history.json, in either shape.
local function is_chats(head)
  local key = head:match('^\239?\187?\191?%s*{%s*"([^"]+)"%s*:%s*%[')
  if not key then return false end
  if OLD_KEYS[key] then return true end
  return head:find('"Media Type"%s*:') ~= nil and head:find('"Created"%s*:') ~= nil
    and (head:find('"IsSender"%s*:') ~= nil or head:find('"Conversation Title"%s*:') ~= nil)
end

pln.importer{
  name = "snapchat",
  help = "Snapchat chats (json/chat_history.json from My Data), or the export folder or zip",
  detect = function(path, head)
    if is_chats(head) then return true end
    local start = head:sub(1, 2)
    if head ~= "" and start ~= "PK" and start ~= "\31\139" then return false end
    local ok, a = pcall(pln.archive.open, path)
    if not ok or a.kind == "file" then return false end
    local m = a:find(MEMBER)
    return m ~= nil and is_chats(a:read(m):sub(1, 4096))
  end,
  run = function(path, opts)
    local text, label, file
    local a = pln.archive.open(path)
    if a.kind == "file" then
      text, label, file = pln.read(path), path, path:match("([^/]+)$") or path
    else
      file = a:find(MEMBER)
      if not file then error(("%s: no json/chat_history.json in it"):format(path), 0) end
      text, label = a:read(file), path:gsub("/+$", "") .. "/" .. file
    end
    local ok, doc = pcall(pln.json.decode, text)
    if not ok then error(json_error(label, doc), 0) end
    if type(doc) ~= "table" or doc[1] ~= nil then
      error(("%s: not a Snapchat chat history (expected an object of conversations)"):format(label), 0)
    end
    -- Conversations in order of name, so errors and ids come out the same on every run.
    local keys, total = {}, 0
    for key, messages in pairs(doc) do
      if type(messages) ~= "table" then
        error(("%s: conversation %q is not a list of messages"):format(label, key), 0)
      end
      keys[#keys + 1] = key
      total = total + #messages
    end
    table.sort(keys)
    local ctx = { file = file, owner = opts and opts.me and opts.me:gsub("^@", ""):lower() or nil }
    if not ctx.owner then
      for _, key in ipairs(keys) do
        for _, m in ipairs(doc[key]) do
          if type(m) == "table" and m.IsSender == true and type(m.From) == "string" then
            ctx.owner = m.From:lower()
            break
          end
        end
        if ctx.owner then break end
      end
    end
    pln.import.total(total)
    for _, key in ipairs(keys) do
      for i, message in ipairs(doc[key]) do
        pln.import.record(("%s: %s, message %d"):format(label, key, i), function()
          if OLD_KEYS[key] then
            import_message(message, nil, OLD_KEYS[key], ctx)
          else
            import_message(message, key, nil, ctx)
          end
        end)
      end
    end
  end,
}
