"""Back-office screens of the annual report workspace."""
