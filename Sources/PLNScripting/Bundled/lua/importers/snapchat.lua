-- Snapchat's "My Data": json/chat_history.json (or the export folder or zip). One chat entry
-- per text message. Current exports key the messages by conversation; exports up to 2022 hold
-- "Received Saved Chat History" and "Sent Saved Chat History" lists. The person is who wrote
-- to you, or whom you wrote to in a one-to-one chat; you (IsSender) are never a person.

local MEMBER = "chat_history%.json$"
local OLD_KEYS = { ["Received Saved Chat History"] = "received", ["Sent Saved Chat History"] = "sent" }

local function decode(s) return pln.html.decode(s) end

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
  if person and ctx.owner and pln.text.lower(person) == ctx.owner then person = nil end
  local id = ("%s:%s:%s"):format(conversation or (sent and "sent" or "received"), date,
    pln.text.hash((from or "") .. "\n" .. (type(message.To) == "string" and message.To or "") .. "\n" .. text):sub(1, 12))
  pln.import.add{
    body = text,
    date = date,
    kind = "chat",
    parse = false,
    tags = pln.text.hashtags(text),
    people = person and person ~= "" and { person } or nil,
    urls = pln.text.urls(text),
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
    local doc = pln.json.decode(text, label)
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
    local ctx = { file = file, owner = opts and opts.me and pln.text.lower((opts.me:gsub("^@", ""))) or nil }
    if not ctx.owner then
      for _, key in ipairs(keys) do
        for _, m in ipairs(doc[key]) do
          if type(m) == "table" and m.IsSender == true and type(m.From) == "string" then
            ctx.owner = pln.text.lower(m.From)
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
