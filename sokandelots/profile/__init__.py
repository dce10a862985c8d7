"""The participant's vocational profile: the catalogue, forms built from it, and its rules."""
