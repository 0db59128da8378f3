"""What every app's API shares: one error format and one pagination."""
