-- Driscoll's What? So what? Now what? (Driscoll, after Borton).
-- The first stage is required; the others may be skipped.
pln.prompt{
  name = "driscoll",
  title = "What? So what? Now what?",
  stages = {
    { name = "what", title = "What?", questions = {
      "What happened?", "What exactly did you do?", "Who else was involved?" } },
    { name = "so-what", title = "So what?", required = false, questions = {
      "Why does it matter?", "How did you feel?", "What did you learn?", "What shaped your reaction?" } },
    { name = "now-what", title = "Now what?", required = false, action = true, questions = {
      "What will you do differently?", "What does it mean for your practice?", "What do you need next?" } },
  },
}
