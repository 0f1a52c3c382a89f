"""The workstation's side of a standalone site (no provincial platform): the embedded service
started and supervised as a child process, and the demo's simulated cameras it registers.
The service itself is patrol_app/gateway/; this package only talks to it over HTTP."""
