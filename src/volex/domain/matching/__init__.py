"""The pure core of the matching engine: plain data in, plain data out.

Modules, in the order a match runs through them:

- `types`: the frozen dataclasses that cross the boundary (facts about a profile, the needs of an
  assignment, weights, score components, explanations);
- `text`: the text of a profile and of an assignment, for the encoders;
- `encoders`: the `Encoder` protocol, a feature-hashing encoder and loaders of local models;
- `columns`: a columnar store of a pool of profiles (numpy arrays);
- `filters`: hard rules as vectorised masks, with the reason each profile is excluded;
- `scoring`: score components per candidate and their explanation in words;
- `retrieval`: exact top-k under a mask (blocked matrix products);
- `allocation`: min-cost flow, targets as a MIP, greedy and deferred acceptance;
- `engine`: the pipeline for one assignment (filter, retrieve, score, explain).

Nothing here imports Django or a Volex app.
"""
