"""Corner Station core: domain rules and services, without Qt."""
