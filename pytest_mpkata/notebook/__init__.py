"""A notebook submission turned into the program a kata runs (reading, finding answers, building)."""
