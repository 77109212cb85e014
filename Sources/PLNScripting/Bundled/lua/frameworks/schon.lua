-- Schön's reflection-on-action (Schön, 1983).
-- The first stage is required; the others may be skipped.
pln.prompt{
  name = "schon",
  title = "Schön's reflection-on-action",
  stages = {
    { name = "surprise", title = "Surprise", questions = { "What surprised you, or did not go as you expected?" } },
    { name = "in-action", title = "Reflection-in-action", required = false, questions = {
      "What did you notice and adjust in the moment?", "What did you try on the spot?" } },
    { name = "on-action", title = "Reflection-on-action", required = false, questions = {
      "Looking back now: why did you act as you did?", "What knowledge were you relying on?" } },
    { name = "reframe", title = "Reframe", required = false, action = true, questions = {
      "How else could the situation be understood?", "What would you try next time?" } },
  },
}
