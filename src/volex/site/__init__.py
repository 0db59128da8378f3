"""The composition root: what drives every app at once (the home page, the demo programme, the
seeding commands). Nothing below it imports it."""
