"""Custody receipts in the desktop program: preview, print, save as PDF, and the offer to print."""
