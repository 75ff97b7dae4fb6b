"""One widget per screen of the visit; each renders the flow and forwards taps."""
