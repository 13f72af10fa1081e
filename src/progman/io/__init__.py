"""Reading and writing programme definitions, and where things came from."""
