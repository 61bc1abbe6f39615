"""Serializers of the API, one module per domain app. Output serializers render what the
selectors fetched; input (`...Write`, `...Create`, `...Update`) serializers only parse and check
types, and the views hand their data to the services."""
