-- A custom reflection framework (Rolfe et al.'s "What? So what? Now what?"),
-- registered with the same pln.prompt{} the built-in frameworks use.
pln.prompt{
  name = "rolfe",
  title = "What? So what? Now what?",
  stages = {
    { name = "what", title = "What?", questions = { "What happened?", "What did I do, and what did others do?" } },
    { name = "so-what", title = "So what?", questions = { "What does it mean?", "What did I learn about my practice?" } },
    { name = "now-what", title = "Now what?", questions = { "What will I do differently?" }, action = true },
  },
}
