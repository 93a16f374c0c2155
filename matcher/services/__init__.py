"""Use cases. Services change objects and flush(); the caller (request or CLI) commits."""
