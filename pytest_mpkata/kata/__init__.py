"""Stage 0, kata: what each kata is (its ``kata.toml``) and where its files live."""
