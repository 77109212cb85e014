-- Gibbs' reflective cycle (Gibbs, 1988): six stages from what happened to an action plan.
-- The first stage is required; the others may be skipped.
pln.prompt{
  name = "gibbs",
  title = "Gibbs' reflective cycle",
  stages = {
    { name = "description", title = "Description", questions = {
      "What happened?", "When and where?", "Who was involved?", "What did you and others do?", "What was the outcome?" } },
    { name = "feelings", title = "Feelings", required = false, questions = {
      "What were you thinking and feeling before, during and after?", "What might others have felt?" } },
    { name = "evaluation", title = "Evaluation", required = false, questions = {
      "What went well?", "What did not?", "What was good and bad about the experience?" } },
    { name = "analysis", title = "Analysis", required = false, questions = {
      "Why did things go well or badly?", "What sense can you make of it?", "What does the literature or your network say?" } },
    { name = "conclusion", title = "Conclusion", required = false, questions = {
      "What else could you have done?", "What did you learn?", "What skills do you need to develop?" } },
    { name = "action-plan", title = "Action plan", required = false, action = true, questions = {
      "If it happened again, what would you do?", "What concrete steps will you take, and when will you check?" } },
  },
}
