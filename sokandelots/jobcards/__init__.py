"""Job cards: the catalogue, the administrator's changes, and how participants sort them."""
