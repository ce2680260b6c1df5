"""Conversation channels beyond mail (website form, chat, Telegram, WhatsApp) into the same tickets."""
