"""The contract with the platform (protocol, pickup codes) and the sync client."""
