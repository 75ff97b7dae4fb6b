"""The touch UI: renders the core's visit state and forwards taps. No rule lives here."""
