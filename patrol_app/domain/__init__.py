"""Pure rules and types: no Qt, no SQL, no network, no clock reads (time is passed in)."""
