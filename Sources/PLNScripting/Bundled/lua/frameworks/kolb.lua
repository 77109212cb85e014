-- Kolb's experiential learning cycle (Kolb, 1984).
-- The first stage is required; the others may be skipped.
pln.prompt{
  name = "kolb",
  title = "Kolb's experiential learning cycle",
  stages = {
    { name = "experience", title = "Concrete experience", questions = { "What did you do?", "What happened?" } },
    { name = "observation", title = "Reflective observation", required = false, questions = {
      "What did you notice?", "How did others see it?", "What worked, what failed?" } },
    { name = "conceptualisation", title = "Abstract conceptualisation", required = false, questions = {
      "What idea or principle explains it?", "What do colleagues or the literature suggest?" } },
    { name = "experimentation", title = "Active experimentation", required = false, action = true, questions = {
      "What will you try next, and how will you know whether it worked?" } },
  },
}
