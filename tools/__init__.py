"""Command-line programs of the dashboard: the demo-data generator and friends."""
