"""Device adapters. Each device runs in its own thread and reports events to the core."""
