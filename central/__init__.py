"""Reference implementation of the central approval platform's kiosk-facing API.

It exists so the demo, the tests and integrators have a real peer that follows
`contracts/central-api.yaml` to the letter, written independently of the kiosk
so it cannot share the client's mistakes.
"""
