"""API resources. Each is reached from the client (`client.<resource>`), which imports it lazily."""
