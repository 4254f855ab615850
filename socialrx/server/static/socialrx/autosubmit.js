// Submit a filter form as soon as one of its [data-autosubmit] fields changes (no inline handlers: CSP).
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) {
    field.form.submit();
  }
});
