"""Real implementations of the ports (AWS) and in-memory fakes."""
