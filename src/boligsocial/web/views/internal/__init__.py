"""Internal pages (login required): the dashboard, and for users who may edit a plan, forms
that change the plan, its staff, its bodies and their memberships through the services. A
service's ValidationError is shown on the fields it names and nothing is saved.

One module per page group: `dashboard`, `plans`, `roles`, `bodies`, `memberships`, `people`;
what they share (the editable plan, the form page, `save`) is in `common`."""
