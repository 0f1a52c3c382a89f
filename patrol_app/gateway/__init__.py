"""The embedded gateway/platform service (ASGI); no Qt here."""
