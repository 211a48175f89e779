"""Key material: the data key, its key slots, and the recovery key encoding."""
