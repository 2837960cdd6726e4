"""Qt widgets and view models. Reaches data only through app/ services."""
