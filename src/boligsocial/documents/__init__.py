"""Documents of a plan: uploaded files checked by content, stored under var/documents/ or in
S3-compatible storage, served as downloads only to those who may read them (decision 0021)."""
