"""A small project whose modules pass proxies to each other (see test_plugin_incremental)."""
