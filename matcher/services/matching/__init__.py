"""Weekly matching: database → solver instance → run → proposals → review → confirm."""
