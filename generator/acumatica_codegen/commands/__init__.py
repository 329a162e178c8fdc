"""One module per CLI command: parse options, call one function, print."""
