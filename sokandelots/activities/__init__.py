"""Try-outs (job shadowing, study visits...) and the participant's reflections on them."""
