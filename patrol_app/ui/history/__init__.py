"""The history window (P-6): past records of every kind, filtered, read-only."""
