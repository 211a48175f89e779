"""Built-in content shipped in resources/content: regulators, templates, checklists."""
