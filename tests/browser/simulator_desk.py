"""Playing the simulator desk in a browser journey."""

from playwright.sync_api import expect


def act(page, action, button, *, done=True, **fields):
    """Fill and submit the desk's form for ``action`` (fields by their visible labels);
    with ``done``, expect the engine to have carried it out."""
    form = page.locator(f"#form-{action}")
    for label, value in fields.items():
        field = form.get_by_label(label, exact=True)
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    form.get_by_role("button", name=button).click()
    if done:
        expect(page.locator(".messages")).to_contain_text("Done:")
