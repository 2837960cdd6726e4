"""The reference cloud API the station syncs with."""
