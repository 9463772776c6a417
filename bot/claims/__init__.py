"""Pure claims domain logic: no I/O, no database, no Rasa. Easy to test."""
