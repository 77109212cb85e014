-- Seek > Sense > Share (Jarche, personal knowledge mastery).
-- The first stage is required; the others may be skipped.
pln.prompt{
  name = "seek-sense-share",
  title = "Seek > Sense > Share",
  stages = {
    { name = "seek", title = "Seek", questions = {
      "What did you find, and from whom or where? (link @people and [[sources]])" } },
    { name = "sense", title = "Sense", required = false, questions = {
      "What does it mean for your practice?", "What did you try, or how does it connect to what you know?" } },
    { name = "share", title = "Share", required = false, questions = {
      "What will you give back to your network, where, and to whom?" } },
  },
}
