"""The catalogue's messages, one module per area of the app (see core/i18n.py)."""
