"""Employers, job-search leads and workplace analyses (steps 3 and 4)."""
