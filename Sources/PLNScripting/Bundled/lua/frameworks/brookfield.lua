-- Brookfield's four lenses of critical reflection (Brookfield, 1995/2017).
-- The first stage is required; the others may be skipped.
pln.prompt{
  name = "brookfield",
  title = "Brookfield's four lenses",
  stages = {
    { name = "self", title = "Autobiographical lens", questions = {
      "What assumptions guided you?", "How did you experience this as a learner?" } },
    { name = "learners", title = "Learners' eyes", required = false, questions = {
      "How did students experience it?", "What does their feedback say?" } },
    { name = "colleagues", title = "Colleagues' eyes", required = false, questions = {
      "What would a trusted colleague notice?", "What did peers in your network say? (link @people)" } },
    { name = "literature", title = "Theory and research", required = false, questions = {
      "What does the literature say?", "Does it confirm or challenge you? (link [[sources]])" } },
  },
}
