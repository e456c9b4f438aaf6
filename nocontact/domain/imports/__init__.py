"""Reading chat and call exports: streaming parsers with no Django, no message text kept.

Each parser turns a file into `Record`s; `summary.py` matches the person and the user and decides, for
each record, whether it is contact between them and in which direction.
"""
