"""Drafts: the Drafts page and the recovery of unfinished drafts at start."""
