"""`python -m generator.schema`: rewrite generator/campaigns.schema.json (made in generator.input.schema)."""

from generator.input.schema import main

if __name__ == "__main__":
    main()
