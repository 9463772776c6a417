"""Ways users reach the assistant: the terminal chat today; web chat and Telegram next."""
