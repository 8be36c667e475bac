"""The kata catalogue: what each kata is (its ``kata.toml``), where its files live."""
