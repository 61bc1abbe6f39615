"""Views of the web interface, split by page group: public, internal, and log in/out."""
