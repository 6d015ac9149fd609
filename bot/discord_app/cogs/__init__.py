"""One cog per feature area: ``ask`` for members, ``admin`` for server admins."""
