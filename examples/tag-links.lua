-- A hook: every new entry that holds a web address also gets the tag #link.
pln.on("entry.added", function(e)
  if e.body:match("https?://") then
    for _, tag in ipairs(e.tags) do
      if tag == "link" then return end
    end
    pln.update(e.id, { tags = { "link" } })
  end
end)
