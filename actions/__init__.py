"""Custom actions (rasa-sdk). Thin: the logic lives in bot.claims and bot.store."""
