/* Start the design system's components (menus, error summary focus, accordions). */
if (window.DKFDS) {
  window.DKFDS.init();
}
