-- A custom reflection framework (Rolfe et al.'s "What? So what? Now what?"),
-- registered with the same pln.prompt{} the built-in frameworks use.
-- Install: copy to ~/.config/pln/plugins/, then `pln reflect rolfe`
-- (or `pln reflect rolfe --answers notes.md` with one "## What?" section per stage).
pln.prompt{
  name = "rolfe",
  title = "What? So what? Now what?",
  stages = {
    { name = "what", title = "What?", questions = { "What happened?", "What did I do, and what did others do?" } },
    { name = "so-what", title = "So what?", required = false,
      questions = { "What does it mean?", "What did I learn about my practice?" } },
    { name = "now-what", title = "Now what?", required = false, action = true,
      questions = { "What will I do differently?" } },
  },
}

-- Two more prompts for `pln prompt`, after the ones pln ships.
pln.prompts{
  "What happened today that I want to remember in a year?",
  "Which question from a student is still on my mind?",
}
