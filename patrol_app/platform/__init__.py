"""httpx clients of the platform / gateway interfaces."""
