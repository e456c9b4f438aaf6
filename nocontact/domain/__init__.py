"""The pure core: plain Python, no Django, time always passed in."""
