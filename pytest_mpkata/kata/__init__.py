"""The kata catalogue: what each kata is (its ``kata.toml``), where its files live, the README
parts and ``solutions/`` generated from it, its self-check, and the scaffold of a new kata."""
