"""A sensor-data pipeline whose large objects travel between modules as proxies."""
