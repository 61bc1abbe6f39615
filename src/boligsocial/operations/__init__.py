"""Running the installation: backup and restore of all data and uploaded documents
(docs/decisions/0033). No models of its own; it reads every installed app's tables through the
migration state, so a new model is backed up without a line here."""
