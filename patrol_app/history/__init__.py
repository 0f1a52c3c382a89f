"""The history of the records (P-6): finding past records and reading one of them."""
