"""The patrol use cases (issue 12 point 2): plain Python that the patrol views call through the
task runner. No Qt and no SQL here: the store's repositories are called, the domain's rules
applied, and time is passed in (docs/PATROLS.md, docs/ARCHITECTURE.md)."""
