"""The Discord layer: a thin discord.py client over the Discord-free question-answering core.

``client.NewsBot`` wires settings, the index and the QA service together; ``cogs.ask`` answers
members (``/ask``, mentions, threads); ``cogs.admin`` lets server admins manage their corpus;
``render`` turns an ``Answer`` into Discord-sized messages; ``runner`` starts and stops the bot.
"""
