"""The built-in rules, one module per group; importing this package registers them."""
