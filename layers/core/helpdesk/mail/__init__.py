"""The mail library: parse real-world mail, classify machine mail, extract the new part of a reply. Pure
code."""
