"""Kiosk mode without Qt: the system-wide kiosk config, staff PIN hashing and checking, and the
`factsheet-reader kiosk ...` commands. The kiosk window itself is in reader/ui/kiosk/."""
