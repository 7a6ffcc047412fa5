"""One extension per feature. Every module here with a `setup(bot)` is loaded at start (in name order);
`setup()` comes last in each module."""
